// messages:export, messages:import and messages:replay in the conformance suite
// (console-api.conformance.ts): every binding validates, answers and fails alike, the details of a
// CANCELLED or refused transfer included.
import { expect, it } from 'vitest';
import type { ConformanceTarget } from './console-api.conformance';
import type { ApiErrorBody, RpcReply } from './console-errors';
import type { MessagesExportResponse, MessagesImportResponse, MessagesReplayResponse } from './messages-transfer-types';

function ok<T>(reply: RpcReply<unknown>): T {
  if ('error' in reply) throw new Error(`expected a result, got ${reply.error.name}: ${reply.error.message}`);
  return reply.result as T;
}

function err(reply: RpcReply<unknown>): ApiErrorBody {
  if (!('error' in reply)) throw new Error(`expected an error, got ${JSON.stringify(reply.result).slice(0, 300)}`);
  return reply.error;
}

export function transferConformanceCases(target: () => ConformanceTarget, binding: string): void {
  const topic = `transfer-${binding.replace(/[^a-z]/gi, '').toLowerCase()}`;
  const call = (channel: string, request: unknown) => target().call(channel, request);

  it.each([
    ['messages:export', { selection: { topic: 't' } }, /request\.format is required/],
    ['messages:export', { selection: { topic: 't' }, format: 'xml' }, /request\.format must be one of jsonl, csv/],
    ['messages:export', { selection: { topic: 't', end: { kind: 'sometime' } }, format: 'csv' }, /request\.selection\.end\.kind must be one of offset, offsets, timestamp/],
    ['messages:export', { selection: { topic: 't', rows: [] }, format: 'jsonl' }, /request\.selection\.rows must have at least 1 item/],
    ['messages:import', { topic: 't', records: [{ key: null, value: 'not base64!', headers: [] }] }, /request\.records\[0\]\.value must be null or base64/],
    ['messages:import', { topic: 't', records: [] }, /request\.records must have at least 1 item/],
    ['messages:replay', { selection: { topic: 't' }, target: { kind: 'elsewhere' } }, /request\.target\.kind must be "topic" or "original-topic"/],
    ['messages:replay', { selection: { topic: 't' }, target: { kind: 'topic', topic: 'bad name' } }, /request\.target\.topic must be a Kafka topic name/],
    ['messages:replay-cancel', {}, /request\.jobId is required/],
  ])('%s refuses %j with INVALID_REQUEST', async (channel, request, message) => {
    const e = err(await call(channel, request));
    expect(e.name).toBe('INVALID_REQUEST');
    expect(e.message).toMatch(message);
  });

  it('messages:import, messages:export and messages:replay round-trip a record', async () => {
    ok(await call('topics:create', { name: topic, partitions: 1, replicationFactor: 1 }));
    ok(await call('topics:create', { name: `${topic}-copy`, partitions: 1, replicationFactor: 1 }));
    const imported = ok<MessagesImportResponse>(await call('messages:import', { topic, records: [{ key: btoa('k'), value: btoa('v'), headers: [{ key: 'h', value: null }], timestamp: 1_700_000_000_000 }] }));
    expect(imported).toEqual({ topic, written: 1, partitions: { '0': 1 } });
    const exported = ok<MessagesExportResponse>(await call('messages:export', { selection: { topic }, format: 'jsonl' }));
    expect(exported.records).toBe(1);
    expect(JSON.parse(exported.content)).toEqual({
      topic,
      partition: 0,
      offset: 0,
      timestamp: 1_700_000_000_000,
      timestampType: 'CreateTime',
      key: { base64: btoa('k'), decoder: 'utf8', text: 'k' },
      value: { base64: btoa('v'), decoder: 'utf8', text: 'v' },
      headers: [{ key: 'h', value: null }],
    });
    const replayed = ok<MessagesReplayResponse>(await call('messages:replay', { selection: { topic }, target: { kind: 'topic', topic: `${topic}-copy` }, dryRun: true }));
    expect(replayed).toEqual({ dryRun: true, scanned: 1, byTopic: { [`${topic}-copy`]: 1 }, written: 1, withoutHeader: 0 });
    expect(ok(await call('messages:replay-cancel', { jobId: 'none-running' }))).toEqual({ jobId: 'none-running', cancelled: false });
  });

  it('transfer refusals keep their names across the binding', async () => {
    expect(err(await call('messages:export', { selection: { topic: 'no-such-topic' }, format: 'jsonl' })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(err(await call('messages:export', { selection: { topic, filter: { expression: 'true' } }, format: 'jsonl' })).name).toBe('FILTER_UNSUPPORTED');
    expect(err(await call('messages:replay', { selection: { topic }, target: { kind: 'topic', topic: 'no-such-topic' } })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
}
