// The messages:* and topic-detail channels in the conformance suite (console-api.conformance.ts):
// every binding validates, answers and fails alike, error details included.
import { expect, it } from 'vitest';
import type { ConformanceTarget } from './console-api.conformance';
import type { ApiErrorBody, RpcReply } from './console-errors';
import type { DecodersGetResponse, MessagesProduceResponse, MessagesReadResponse, PartitionForKeyResponse } from './messages-types';
import type { TopicAddPartitionsResponse, TopicConfigsResponse, TopicDeleteRecordsResponse, TopicLogDirsResponse } from './topic-admin-types';
import { isInvalidConfigError } from './topic-admin-types';

function ok<T>(reply: RpcReply<unknown>): T {
  if ('error' in reply) throw new Error(`expected a result, got ${reply.error.name}: ${reply.error.message}`);
  return reply.result as T;
}

function err(reply: RpcReply<unknown>): ApiErrorBody {
  if (!('error' in reply)) throw new Error(`expected an error, got ${JSON.stringify(reply.result).slice(0, 300)}`);
  expect(reply.error.message.startsWith(`${reply.error.name}:`)).toBe(false);
  return reply.error;
}

const b64 = (s: string) => btoa(s);

export function messagesConformanceCases(target: () => ConformanceTarget, binding: string): void {
  const topic = `messages-${binding.replace(/[^a-z]/gi, '').toLowerCase()}`;
  const call = (channel: string, request: unknown) => target().call(channel, request);

  it.each([
    ['messages:read', { topic: 't' }, /request\.start is required/],
    ['messages:read', { topic: 't', start: { kind: 'newest' } }, /request\.start\.kind must be one of earliest, latest/],
    ['messages:read', { topic: 't', start: { kind: 'latest', count: -1 } }, /request\.start\.count must be between 0/],
    ['messages:read', { topic: 't', start: { kind: 'offsets', offsets: { x: 1 } } }, /request\.start\.offsets has 'x', which is not a partition number/],
    ['messages:read', { topic: 't', start: { kind: 'earliest' }, limit: 0 }, /request\.limit must be between 1 and 10000/],
    ['messages:read', { topic: 't', start: { kind: 'earliest' }, decoders: { value: { kind: 'avro' } } }, /request\.decoders\.value\.schemaFile is required/],
    ['messages:read', { topic: 't', start: { kind: 'earliest' }, decoders: { value: { kind: 'protobuf', schemaFile: '/x.proto' } } }, /request\.decoders\.value\.messageType is required/],
    ['messages:read', { topic: 't', start: { kind: 'earliest' }, isolationLevel: 'dirty' }, /request\.isolationLevel must be one of read_uncommitted, read_committed/],
    ['messages:produce', { topic: 't' }, /request\.value is required/],
    ['messages:produce', { topic: 't', value: { format: 'xml', data: '' } }, /request\.value\.format must be one of text, json/],
    ['messages:produce', { topic: 't', value: { format: 'avro', data: '{}' } }, /request\.value\.schemaFile is required for avro/],
    ['messages:produce', { topic: 't', value: { format: 'json', data: '{}', confluent: true } }, /request\.value\.schemaId is required with the Confluent framing/],
    ['messages:produce', { topic: 't', value: null, acks: 2 }, /request\.acks must be one of 0, 1, -1/],
    ['messages:produce', { topic: 't', value: null, partitioner: 'round_robin' }, /request\.partitioner must be one of murmur2, consistent_random/],
    ['messages:partition-for-key', { topic: 't' }, /request\.key is required/],
    ['messages:decoders-set', { topic: 't', key: { kind: 'auto' } }, /request\.value is required/],
    ['messages:check-schema', { kind: 'thrift', schemaFile: '/x' }, /request\.kind must be one of avro, protobuf/],
    ['topics:configs', {}, /request\.name is required/],
    ['topics:alter-configs', { name: 't' }, /request must set or delete at least one config/],
    ['topics:alter-configs', { name: 't', set: { a: '1' }, delete: ['a'] }, /request both sets and deletes 'a'/],
    ['topics:add-partitions', { name: 't', totalCount: 0 }, /request\.totalCount must be between 1/],
    ['topics:delete-records', { name: 't', before: {} }, /request\.before must name at least one partition/],
    ['topics:log-dirs', { name: 'bad name' }, /request\.name must be a Kafka topic name/],
  ])('%s refuses %j with INVALID_REQUEST', async (channel, request, message) => {
    const e = err(await call(channel, request));
    expect(e.name).toBe('INVALID_REQUEST');
    expect(e.message).toMatch(message);
  });

  it('messages:produce, messages:read and messages:partition-for-key', async () => {
    ok(await call('topics:create', { name: topic, partitions: 2, replicationFactor: 1 }));
    const produced = ok<MessagesProduceResponse>(
      await call('messages:produce', { topic, key: { format: 'text', data: 'k-1' }, value: { format: 'json', data: '{"n":1}' }, headers: [{ key: 'h', value: { format: 'text', data: 'v' } }], compression: 'gzip' }),
    );
    const forKey = ok<PartitionForKeyResponse>(await call('messages:partition-for-key', { topic, key: { format: 'text', data: 'k-1' } }));
    expect(forKey.byPartitioner.murmur2).toBe(produced.partition);
    expect([produced.offset, produced.partitioner, produced.timestampType]).toEqual([0, 'murmur2', 'CreateTime']);

    const read = ok<MessagesReadResponse>(await call('messages:read', { topic, start: { kind: 'earliest' } }));
    expect(read.records).toHaveLength(1);
    const r = read.records[0]!;
    expect([r.partition, r.offset, r.timestamp, r.key?.text, r.key?.base64, r.value?.decoder, r.value?.tree]).toEqual([produced.partition, 0, produced.timestamp, 'k-1', b64('k-1'), 'json', { n: 1 }]);
    expect(r.headers).toEqual([{ key: 'h', value: { base64: b64('v'), size: 1, decoder: 'utf8', text: 'v' } }]);
    expect(r.batch).toMatchObject({ baseOffset: 0, recordCount: 1, compression: 'gzip', producerId: -1, transactional: false, control: false });
    expect(read.partitions.find((p) => p.partition === produced.partition)).toMatchObject({ highWatermark: 1, nextOffset: 1, records: 1, clamped: null });
    expect(read.partitions[0]!.leaderLogDir).toMatch(new RegExp(`broker-1.${topic}-0$`));
  });

  it('Kafka and engine refusals keep their names across the binding', async () => {
    expect(err(await call('messages:read', { topic: 'no-such-topic', start: { kind: 'earliest' } })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(err(await call('messages:read', { topic, partitions: [5], start: { kind: 'earliest' } })).message).toMatch(/^partition 5 does not exist/);
    expect(err(await call('messages:produce', { topic, value: { format: 'json', data: '{' } })).name).toBe('INVALID_PAYLOAD');
    const schema = err(await call('messages:check-schema', { kind: 'avro', schemaFile: '/nonexistent/brokerlab-order.avsc' }));
    expect([schema.name, schema.message]).toEqual(['INVALID_SCHEMA_FILE', 'schema file /nonexistent/brokerlab-order.avsc: does not exist']);
  });

  it('messages:decoders-set and messages:decoders-get', async () => {
    const choice = { key: { kind: 'utf8' }, value: { kind: 'json' } };
    expect(ok<DecodersGetResponse>(await call('messages:decoders-set', { topic, ...choice }))).toEqual({ topic, decoders: choice, remembered: true });
    expect(ok<DecodersGetResponse>(await call('messages:decoders-get', { topic }))).toEqual({ topic, decoders: choice, remembered: true });
    expect(ok<MessagesReadResponse>(await call('messages:read', { topic, start: { kind: 'earliest' } })).decoders).toEqual(choice);
  });

  it('topic detail: configs, refusals per field, partitions, DeleteRecords, log dirs', async () => {
    const configs = ok<TopicConfigsResponse>(await call('topics:configs', { name: topic }));
    expect(configs.configs.find((c) => c.name === 'cleanup.policy')).toMatchObject({ value: 'delete', source: 'default' });
    const altered = ok<TopicConfigsResponse>(await call('topics:alter-configs', { name: topic, set: { 'retention.bytes': '1048576' } }));
    expect(altered.configs.find((c) => c.name === 'retention.bytes')).toMatchObject({ value: '1048576', source: 'dynamic' });
    const refused = err(await call('topics:alter-configs', { name: topic, set: { 'retention.ms': 'x', 'segment.ms': '600000' } }));
    expect(refused.name).toBe('INVALID_CONFIG');
    if (!isInvalidConfigError(refused)) throw new Error(`no fields in ${JSON.stringify(refused)}`);
    expect(Object.keys(refused.fields)).toEqual(['retention.ms']);

    expect(ok<TopicAddPartitionsResponse>(await call('topics:add-partitions', { name: topic, totalCount: 3 }))).toEqual({ name: topic, partitions: 3 });
    expect(err(await call('topics:add-partitions', { name: topic, totalCount: 1 })).name).toBe('INVALID_PARTITIONS');
    const partition = ok<MessagesReadResponse>(await call('messages:read', { topic, start: { kind: 'earliest' } })).records[0]!.partition;
    expect(ok<TopicDeleteRecordsResponse>(await call('topics:delete-records', { name: topic, before: { [partition]: -1 } }))).toEqual({ name: topic, partitions: [{ partition, lowWatermark: 1 }] });
    const dirs = ok<TopicLogDirsResponse>(await call('topics:log-dirs', { name: topic }));
    expect(dirs.replicas.map((r) => r.partition)).toEqual([0, 1, 2]);
    expect(dirs.brokerErrors).toEqual([]);
  });
}
