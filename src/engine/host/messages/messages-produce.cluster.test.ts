// messages:produce, messages:partition-for-key, schema-encoded records, remembered decoders and
// bad input, against a real cluster; what was produced is read back by kcat and kafkajs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type * as Avsc from 'avsc';
import type * as Protobuf from 'protobufjs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume } from '../../../../test/drivers/kcat';
import { describeRun, runKcat } from '../../../../test/drivers/kcat-run';
import { partitionForKey } from '../../../../test/drivers/partitioner';
import { ORDER_AVSC, writeSchemaFixtures, type SchemaFixtures } from './test-support/schema-fixtures';
import { startMessagesTarget, type MessagesTarget } from './test-support/messages-target';

const requireLib = createRequire(import.meta.url);
const avsc = requireLib('avsc') as typeof Avsc;
const protobuf = requireLib('protobufjs') as typeof Protobuf;
const DELIVERED = /% Message delivered to partition (\d+) \(offset (\d+)\)/;

let t: MessagesTarget;
let files: SchemaFixtures;
beforeAll(async () => {
  t = await startMessagesTarget();
  files = writeSchemaFixtures();
  await t.call('topics:create', { name: 'orders', partitions: 6, replicationFactor: 1 });
});
afterAll(async () => {
  files?.cleanup();
  await t?.close();
});

function framed(schemaId: number, payload: Buffer, indexes: number[] = []): Buffer {
  const id = Buffer.alloc(4);
  id.writeInt32BE(schemaId);
  return Buffer.concat([Buffer.from([0]), id, Buffer.from(indexes), payload]);
}

describe('messages:produce', () => {
  it('a JSON value with key and headers: kcat reads back what the answer says', async () => {
    const answer = await t.call('messages:produce', {
      topic: 'orders',
      key: { format: 'text', data: 'order-17' },
      value: { format: 'json', data: '{"id":17,"status":"paid"}' },
      headers: [
        { key: 'source', value: { format: 'text', data: 'console' } },
        { key: 'raw', value: { format: 'hex', data: 'ff00' } },
        { key: 'empty', value: null },
      ],
      compression: 'zstd',
    });
    // The Java client's and kafkajs's murmur2, computed by the test's own copy.
    expect(answer).toMatchObject({ topic: 'orders', partition: partitionForKey(Buffer.from('order-17'), 6), partitioner: 'murmur2', timestampType: 'CreateTime' });
    const [back] = await kcatConsume(t.bootstrap, 'orders', { partition: answer.partition, offset: answer.offset, count: 1 });
    expect(back).toMatchObject({ offset: answer.offset, timestamp: answer.timestamp });
    expect([back!.key?.toString(), back!.value?.toString()]).toEqual(['order-17', '{"id":17,"status":"paid"}']);
    expect(back!.headers.map(([k, v]) => [k, v?.toString('hex') ?? null])).toEqual([
      ['source', Buffer.from('console').toString('hex')],
      ['raw', 'ff00'],
      ['empty', null],
    ]);
    const read = await t.call('messages:read', { topic: 'orders', partitions: [answer.partition], start: { kind: 'offset', offset: answer.offset }, limit: 1 });
    expect(read.records[0]!.batch.compression).toBe('zstd');
  });

  it("consistent_random puts a key where kcat's default partitioner does; partition-for-key names both", async () => {
    for (const key of ['user-1', 'user-42', 'ß-ключ']) {
      const run = await runKcat(['-P', '-b', t.bootstrap, '-t', 'orders', '-K', '|', '-v', '-v'], { input: Buffer.from(`${key}|v\n`), timeoutMs: 30_000 });
      const kcatPartition = Number(DELIVERED.exec(run.stderr)?.[1] ?? NaN);
      expect(kcatPartition, describeRun(run)).toBeGreaterThanOrEqual(0);
      const answer = await t.call('messages:produce', { topic: 'orders', key: { format: 'text', data: key }, value: { format: 'text', data: 'v' }, partitioner: 'consistent_random' });
      expect(answer.partition).toBe(kcatPartition);
      const forKey = await t.call('messages:partition-for-key', { topic: 'orders', key: { format: 'text', data: key } });
      expect(forKey).toEqual({ topic: 'orders', partitions: 6, byPartitioner: { murmur2: partitionForKey(Buffer.from(key), 6), consistent_random: kcatPartition } });
    }
  });

  it('an explicit partition, acks=0 (no offset), and a LogAppendTime topic', async () => {
    const explicit = await t.call('messages:produce', { topic: 'orders', partition: 5, value: { format: 'base64', data: 'AAEC' } });
    expect([explicit.partition, explicit.partitioner]).toEqual([5, 'explicit']);
    const fireAndForget = await t.call('messages:produce', { topic: 'orders', partition: 5, value: { format: 'text', data: 'x' }, acks: 0 });
    expect(fireAndForget.offset).toBe(-1);

    await t.call('topics:create', { name: 'appended', partitions: 1, replicationFactor: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    const before = Date.now();
    const appended = await t.call('messages:produce', { topic: 'appended', value: { format: 'text', data: 'x' }, timestamp: 1_000 });
    expect(appended.timestampType).toBe('LogAppendTime');
    expect(appended.timestamp).toBeGreaterThanOrEqual(before - 1_000);
    const read = await t.call('messages:read', { topic: 'appended', start: { kind: 'earliest' } });
    expect([read.records[0]!.timestamp, read.records[0]!.timestampType]).toEqual([appended.timestamp, 'LogAppendTime']);
  });

  it('Avro and Protobuf values encoded with local schemas in the Confluent framing, decoded by the libraries themselves', async () => {
    const order = { id: 'o-1', amount: 990, paid: false };
    const avro = await t.call('messages:produce', { topic: 'orders', partition: 0, value: { format: 'avro', data: JSON.stringify(order), schemaFile: files.avsc, confluent: true, schemaId: 11 } });
    const proto = await t.call('messages:produce', {
      topic: 'orders',
      partition: 0,
      value: { format: 'protobuf', data: JSON.stringify({ order_id: 'o-1', parcels: [{ weight_grams: 5 }] }), schemaFile: files.proto, messageType: 'shop.Shipment', confluent: true, schemaId: 12 },
    });
    const [a, p] = await kcatConsume(t.bootstrap, 'orders', { partition: 0, offset: avro.offset, count: 2 });
    expect(proto.offset).toBe(avro.offset + 1);
    expect(a!.value!.subarray(0, 5)).toEqual(framed(11, Buffer.alloc(0)));
    expect(avsc.Type.forSchema(ORDER_AVSC as Avsc.Schema).fromBuffer(a!.value!.subarray(5))).toEqual(order);
    // shop.Shipment is the second message of the file: indexes [1] = varints 2, 2.
    expect(p!.value!.subarray(0, 7)).toEqual(framed(12, Buffer.from([2, 2])));
    const Shipment = protobuf.parse(readFileSync(files.proto, 'utf8'), { keepCase: true }).root.lookupType('shop.Shipment');
    expect(Shipment.toObject(Shipment.decode(p!.value!.subarray(7)))).toEqual({ order_id: 'o-1', parcels: [{ weight_grams: 5 }] });
  });
});

describe('records written by kafkajs in the Confluent framing decode with local schema files', () => {
  it('Avro: framed records decode; one that is not Avro falls back to hex with the reason', async () => {
    await t.call('topics:create', { name: 'avro-orders', partitions: 1, replicationFactor: 1 });
    const type = avsc.Type.forSchema(ORDER_AVSC as Avsc.Schema);
    const producer = new Kafka({ clientId: 'avro', brokers: [t.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: 'avro-orders',
      messages: [
        { key: 'o-1', value: framed(5, type.toBuffer({ id: 'o-1', amount: 100, paid: true })) },
        { key: 'o-2', value: '{"id":"o-2"}' },
      ],
    });
    await producer.disconnect();
    const read = await t.call('messages:read', { topic: 'avro-orders', start: { kind: 'earliest' }, decoders: { key: { kind: 'utf8' }, value: { kind: 'avro', schemaFile: files.avsc, confluent: true } } });
    expect(read.records[0]!.value).toMatchObject({ decoder: 'avro', schemaId: 5, tree: { id: 'o-1', amount: 100, paid: true } });
    expect(read.records[1]!.value).toMatchObject({ decoder: 'hex', text: Buffer.from('{"id":"o-2"}').toString('hex'), error: 'not in the Confluent wire format: magic byte 123, expected 0' });
    expect(read.records[1]!.value!.base64).toBe(Buffer.from('{"id":"o-2"}').toString('base64'));
  });

  it('Protobuf: the message indexes are skipped and shown', async () => {
    await t.call('topics:create', { name: 'proto-orders', partitions: 1, replicationFactor: 1 });
    const Order = protobuf.parse(readFileSync(files.proto, 'utf8'), { keepCase: true }).root.lookupType('shop.Order');
    const producer = new Kafka({ clientId: 'proto', brokers: [t.bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'proto-orders', messages: [{ value: framed(8, Buffer.from(Order.encode(Order.fromObject({ id: 'o-9', amount: 7, paid: true })).finish()), [0]) }] });
    await producer.disconnect();
    const read = await t.call('messages:read', { topic: 'proto-orders', start: { kind: 'earliest' }, decoders: { value: { kind: 'protobuf', schemaFile: files.proto, messageType: 'shop.Order', confluent: true } } });
    expect(read.records[0]!.value).toMatchObject({ decoder: 'protobuf', schemaId: 8, messageIndexes: [0], tree: { id: 'o-9', amount: '7', paid: true } });
  });
});

describe('decoder choices are remembered per topic by the engine host', () => {
  it('decoders-set persists to the data folder and reads use the choice', async () => {
    expect(await t.call('messages:decoders-get', { topic: 'avro-orders' })).toEqual({ topic: 'avro-orders', decoders: { key: { kind: 'auto' }, value: { kind: 'auto' } }, remembered: false });
    const choice = { key: { kind: 'utf8' as const }, value: { kind: 'avro' as const, schemaFile: files.avsc, confluent: true } };
    await t.call('messages:decoders-set', { topic: 'avro-orders', ...choice });
    expect(await t.call('messages:decoders-get', { topic: 'avro-orders' })).toEqual({ topic: 'avro-orders', decoders: choice, remembered: true });
    const file = join(t.backend.embedded.dataDir, 'console', 'decoders.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.stringify(JSON.parse(readFileSync(file, 'utf8')))).toContain(files.avsc.replace(/\\/g, '\\\\'));
    const read = await t.call('messages:read', { topic: 'avro-orders', start: { kind: 'earliest' }, limit: 1 });
    expect([read.decoders, read.records[0]!.value?.decoder]).toEqual([choice, 'avro']);
  });

  it('a choice whose schema file does not parse is refused', async () => {
    const e = await t.refusal('messages:decoders-set', { topic: 'avro-orders', key: { kind: 'auto' }, value: { kind: 'avro', schemaFile: files.notJson } });
    expect(e.name).toBe('INVALID_SCHEMA_FILE');
    expect((await t.call('messages:decoders-get', { topic: 'avro-orders' })).decoders.value).toMatchObject({ kind: 'avro', schemaFile: files.avsc });
  });
});

describe('bad input: a clear error and nothing lost', () => {
  it('each refusal names the problem; the topic holds exactly the records that were accepted', async () => {
    await t.call('topics:create', { name: 'guarded', partitions: 2, replicationFactor: 1, configs: { 'max.message.bytes': '2000' } });
    const ok = await t.call('messages:produce', { topic: 'guarded', partition: 0, value: { format: 'json', data: '{"ok":true}' } });
    const cases: Array<[string, () => ReturnType<typeof t.refusal>, string, RegExp]> = [
      ['invalid JSON', () => t.refusal('messages:produce', { topic: 'guarded', value: { format: 'json', data: '{"ok":' } }), 'INVALID_PAYLOAD', /^value is not valid JSON: /],
      ['invalid hex', () => t.refusal('messages:produce', { topic: 'guarded', value: { format: 'hex', data: 'abc' } }), 'INVALID_PAYLOAD', /^value is not valid hex/],
      ['a value the Avro schema refuses', () => t.refusal('messages:produce', { topic: 'guarded', value: { format: 'avro', data: '{"id":1}', schemaFile: files.avsc } }), 'INVALID_PAYLOAD', /does not fit the Avro schema shop\.Order: id = 1/],
      ['an oversized value', () => t.refusal('messages:produce', { topic: 'guarded', partition: 0, value: { format: 'text', data: 'z'.repeat(5_000) } }), 'MESSAGE_TOO_LARGE', /./],
      ['an unknown topic', () => t.refusal('messages:produce', { topic: 'no-such-topic', value: { format: 'text', data: 'x' } }), 'UNKNOWN_TOPIC_OR_PARTITION', /./],
      ['a partition that does not exist', () => t.refusal('messages:produce', { topic: 'guarded', partition: 9, value: { format: 'text', data: 'x' } }), 'UNKNOWN_TOPIC_OR_PARTITION', /^partition 9 does not exist: topic 'guarded' has 2 partitions/],
      ['a schema file that does not parse (produce)', () => t.refusal('messages:produce', { topic: 'guarded', value: { format: 'avro', data: '{}', schemaFile: files.notAvro } }), 'INVALID_SCHEMA_FILE', /wrong\.avsc: is not a valid Avro schema/],
      ['a schema file that does not parse (read)', () => t.refusal('messages:read', { topic: 'guarded', start: { kind: 'earliest' }, decoders: { value: { kind: 'protobuf', schemaFile: files.notProto, messageType: 'Order' } } }), 'INVALID_SCHEMA_FILE', /broken\.proto: is not a valid \.proto file/],
      ['a missing schema file', () => t.refusal('messages:check-schema', { kind: 'avro', schemaFile: files.missing }), 'INVALID_SCHEMA_FILE', /absent\.avsc: does not exist/],
    ];
    for (const [what, attempt, name, message] of cases) {
      const e = await attempt();
      expect([what, e.name], e.message).toEqual([what, name]);
      expect(e.message, what).toMatch(message);
    }
    const read = await t.call('messages:read', { topic: 'guarded', start: { kind: 'earliest' } });
    expect(read.records.map((r) => [r.partition, r.offset])).toEqual([[0, ok.offset]]);
    expect(read.partitions.map((p) => p.highWatermark)).toEqual([1, 0]);
  });

  it('NOT_ENOUGH_REPLICAS when the in-sync replicas are fewer than min.insync.replicas (acks=all)', async () => {
    await t.call('topics:create', { name: 'strict', partitions: 1, replicationFactor: 1, configs: { 'min.insync.replicas': '2' } });
    expect((await t.refusal('messages:produce', { topic: 'strict', value: { format: 'text', data: 'x' } })).name).toBe('NOT_ENOUGH_REPLICAS');
  });
});
