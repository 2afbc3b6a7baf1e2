// messages:read against a real cluster, checked against what independent producers were told:
// kcat's own debug lines (batch size, base sequence, producer id and epoch, codec) and delivery
// reports, kafkajs's send results and producer id; timestamps against kcat's consumer.
import { CompressionTypes, Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume } from '../../../../test/drivers/kcat';
import { describeRun, runKcat } from '../../../../test/drivers/kcat-run';
import { registerKafkajsCodecs } from '../../../../test/drivers/kafkajs-codecs';
import type { MessageRecord } from '../../../shared/messages-types';
import { startMessagesTarget, type MessagesTarget } from './test-support/messages-target';

registerKafkajsCodecs();
const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
const KAFKAJS_CODECS = { gzip: CompressionTypes.GZIP, snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD };
const PRODUCE_LINE = /Produce MessageSet with (\d+) message\(s\) \(\d+ bytes, ApiVersion \d+, MsgVersion \d+, MsgId \d+, BaseSeq (-?\d+), PID\{Id:(-?\d+),Epoch:(-?\d+)\}, (\w+)\)/g;
const DELIVERED = /% Message delivered to partition (\d+) \(offset (\d+)\)/g;

let t: MessagesTarget;
beforeAll(async () => {
  t = await startMessagesTarget();
});
afterAll(async () => {
  await t?.close();
});

const text = (f: MessageRecord['key']) => (f === null ? null : Buffer.from(f.base64, 'base64').toString('utf8'));

async function readAll(topic: string, partition: number) {
  return t.call('messages:read', { topic, partitions: [partition], start: { kind: 'earliest' }, order: 'partition', limit: 1000, decoders: { key: { kind: 'utf8' }, value: { kind: 'utf8' } } });
}

describe('records produced by kcat', () => {
  it.each(CODECS)('%s: every field and batch fact as kcat reported them', async (codec) => {
    const topic = `kcat-${codec}`;
    await t.call('topics:create', { name: topic, partitions: 1, replicationFactor: 1 });
    // -Z: the empty key of the first record is sent as a null key.
    const records: Array<[string | null, string]> = [[null, 'a'.repeat(300)], ['k1', 'b'.repeat(300)], ['k2', 'c'.repeat(300)]];
    const input = records.map(([k, v]) => `${k ?? ''}|${v}\n`).join('');
    const run = await runKcat(
      ['-P', '-b', t.bootstrap, '-t', topic, '-p', '0', '-K', '|', '-Z', '-z', codec, '-H', 'trace=abc', '-H', 'flag', '-X', 'enable.idempotence=true', '-X', 'linger.ms=50', '-d', 'msg', '-v', '-v'],
      { input: Buffer.from(input), timeoutMs: 30_000 },
    );
    expect(run.exit.code, describeRun(run)).toBe(0);
    const batches = [...run.stderr.matchAll(PRODUCE_LINE)].map((m) => ({ count: Number(m[1]), baseSequence: Number(m[2]), producerId: Number(m[3]), epoch: Number(m[4]), codec: m[5] }));
    const offsets = [...run.stderr.matchAll(DELIVERED)].map((m) => Number(m[2]));
    expect(offsets, describeRun(run)).toHaveLength(3);
    expect(batches.reduce((n, b) => n + b.count, 0)).toBe(3);
    const consumed = await kcatConsume(t.bootstrap, topic, { partition: 0 });

    const read = await readAll(topic, 0);
    expect(read.records.map((r) => [r.offset, text(r.key), text(r.value)])).toEqual(records.map(([k, v], i) => [offsets[i], k, v]));
    let i = 0;
    for (const b of batches) {
      for (let j = 0; j < b.count; j++, i++) {
        const r = read.records[i]!;
        expect(r.batch).toMatchObject({
          baseOffset: offsets[i - j],
          lastOffset: offsets[i - j]! + b.count - 1,
          recordCount: b.count,
          producerId: b.producerId,
          producerEpoch: b.epoch,
          baseSequence: b.baseSequence,
          compression: b.codec,
          transactional: false,
          control: false,
          partitionLeaderEpoch: 0,
          timestampType: 'CreateTime',
        });
        expect(r.timestamp).toBe(consumed[i]!.timestamp);
        expect(r.headers.map((h) => [h.key, h.value === null ? null : text(h.value)])).toEqual([['trace', 'abc'], ['flag', null]]);
        expect([r.keySize, r.valueSize, r.headersSize]).toEqual([records[i]![0]?.length ?? -1, 300, 'trace'.length + 3 + 'flag'.length]);
        expect(r.key === null || r.key.decoder === 'utf8').toBe(true);
      }
    }
    expect(read.partitions[0]).toMatchObject({ partition: 0, startOffset: 0, clamped: null, logStartOffset: 0, highWatermark: 3, nextOffset: 3, records: 3 });
    expect(read.partitions[0]!.leaderLogDir).toBe(`${t.backend.embedded.dataDir}/broker-1/${topic}-0`);
    expect(read.stoppedBy).toBe('end');
  });

  it('tombstones on a compacted topic: null values with size -1', async () => {
    const topic = 'compacted-users';
    await t.call('topics:create', { name: topic, partitions: 1, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } });
    const run = await runKcat(['-P', '-b', t.bootstrap, '-t', topic, '-p', '0', '-K', '|', '-Z', '-v', '-v'], { input: Buffer.from('user-1|alice\nuser-2|bob\nuser-1|\n'), timeoutMs: 30_000 });
    expect([...run.stderr.matchAll(DELIVERED)], describeRun(run)).toHaveLength(3);
    const read = await readAll(topic, 0);
    expect(read.records.map((r) => [r.offset, text(r.key), text(r.value), r.valueSize])).toEqual([
      [0, 'user-1', 'alice', 5],
      [1, 'user-2', 'bob', 3],
      [2, 'user-1', null, -1],
    ]);
  });
});

describe('records produced by kafkajs', () => {
  let producer: Producer;
  const told: { producerId?: number; producerEpoch?: number } = {};

  beforeAll(async () => {
    const kafka = new Kafka({
      clientId: 'messages-read-test',
      brokers: [t.bootstrap],
      logLevel: logLevel.DEBUG,
      logCreator: () => (entry) => {
        if (entry.log.message === 'Initialized producer id & epoch') Object.assign(told, { producerId: Number(entry.log['producerId']), producerEpoch: Number(entry.log['producerEpoch']) });
      },
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
  });

  it.each(CODECS)('%s: an idempotent producer’s batches, sequences and timestamps', async (codec) => {
    const topic = `kafkajs-${codec}`;
    await t.call('topics:create', { name: topic, partitions: 1, replicationFactor: 1 });
    const first = [
      { key: null, value: 'x'.repeat(200), timestamp: '1700000000001', headers: { h: 'one' } },
      { key: 'k1', value: 'y'.repeat(200), timestamp: '1700000000002', headers: { h: 'two', bin: Buffer.from([0xff, 0x00]) } },
      { key: 'k2', value: '', timestamp: '1700000000003' },
    ];
    const second = [
      { key: 'k3', value: '{"n":3}', timestamp: '1700000000004' },
      { key: 'k4', value: '{"n":4}', timestamp: '1700000000005' },
    ];
    const [a] = await producer.send({ topic, acks: -1, compression: KAFKAJS_CODECS[codec], messages: first.map((m) => ({ ...m, partition: 0 })) });
    const [b] = await producer.send({ topic, acks: -1, compression: KAFKAJS_CODECS[codec], messages: second.map((m) => ({ ...m, partition: 0 })) });
    expect(told.producerId).toBeGreaterThanOrEqual(0);
    const read = await t.call('messages:read', { topic, start: { kind: 'earliest' }, decoders: { key: { kind: 'utf8' }, value: { kind: 'auto' } } });
    const sent = [...first, ...second];
    expect(read.records.map((r) => [r.offset, text(r.key), text(r.value), String(r.timestamp)])).toEqual(sent.map((m, i) => [i, m.key, m.value, m.timestamp]));
    const batchOf = (base: number, count: number, baseSequence: number) => ({
      baseOffset: base,
      recordCount: count,
      baseSequence,
      producerId: told.producerId,
      producerEpoch: told.producerEpoch,
      compression: codec,
      transactional: false,
      timestampType: 'CreateTime',
      baseTimestamp: Number(sent[base]!.timestamp),
      maxTimestamp: Number(sent[base + count - 1]!.timestamp),
    });
    // kafkajs numbers a producer's records per partition from 0; a second send continues the sequence.
    expect(read.records.map((r) => r.batch)).toEqual([
      ...first.map(() => expect.objectContaining(batchOf(Number(a!.baseOffset), 3, 0))),
      ...second.map(() => expect.objectContaining(batchOf(Number(b!.baseOffset), 2, 3))),
    ]);
    expect(read.records[1]!.headers.map((h) => [h.key, h.value?.base64])).toEqual([
      ['h', Buffer.from('two').toString('base64')],
      ['bin', Buffer.from([0xff, 0x00]).toString('base64')],
    ]);
    expect(read.records[3]!.value).toMatchObject({ decoder: 'json', tree: { n: 3 } });
    expect([read.records[2]!.value?.size, read.records[2]!.valueSize, read.records[0]!.key, read.records[0]!.keySize]).toEqual([0, 0, null, -1]);
  });

  // The embedded cluster has no transaction coordinator yet (no AddPartitionsToTxn/EndTxn), so
  // aborted records cannot be made here; src/engine/client/aborted-transactions.test.ts covers the
  // filter. Here: read_committed reads up to the last stable offset and reports it.
  it('read_committed reads up to the last stable offset', async () => {
    const committed = await t.call('messages:read', { topic: 'kafkajs-gzip', start: { kind: 'earliest' }, isolationLevel: 'read_committed' });
    expect(committed.isolationLevel).toBe('read_committed');
    expect(committed.records).toHaveLength(5);
    expect(committed.partitions[0]).toMatchObject({ lastStableOffset: 5, highWatermark: 5, nextOffset: 5 });
  });
});

describe('starts, order, limits and the live tail', () => {
  const topic = 'starts';
  let kafka: Kafka;

  beforeAll(async () => {
    await t.call('topics:create', { name: topic, partitions: 2, replicationFactor: 1 });
    kafka = new Kafka({ clientId: 'starts', brokers: [t.bootstrap], logLevel: logLevel.NOTHING });
    const p = kafka.producer();
    await p.connect();
    // Partition 0 at 1000, 2000 … 5000; partition 1 at 1500, 2500, 3500. Values of 100 bytes.
    await p.send({ topic, messages: [1000, 2000, 3000, 4000, 5000].map((ts, i) => ({ partition: 0, key: `p0-${i}`, value: String(ts).padEnd(100, '.'), timestamp: String(ts) })) });
    await p.send({ topic, messages: [1500, 2500, 3500].map((ts, i) => ({ partition: 1, key: `p1-${i}`, value: String(ts).padEnd(100, '.'), timestamp: String(ts) })) });
    await p.disconnect();
  });

  const where = (r: { records: MessageRecord[] }) => r.records.map((x) => `${x.partition}:${x.offset}`);

  it('the newest N of each partition, merged by timestamp', async () => {
    const r = await t.call('messages:read', { topic, start: { kind: 'latest', count: 2 } });
    expect(where(r)).toEqual(['1:1', '1:2', '0:3', '0:4']);
    expect(r.partitions.map((p) => [p.partition, p.startOffset, p.nextOffset, p.records])).toEqual([
      [0, 3, 5, 2],
      [1, 1, 3, 2],
    ]);
  });

  it('by time: ListOffsets finds the first record at or after it; none → the log end, said in a note', async () => {
    const r = await t.call('messages:read', { topic, start: { kind: 'timestamp', timestamp: 2600 } });
    expect(where(r)).toEqual(['0:2', '1:2', '0:3', '0:4']);
    const none = await t.call('messages:read', { topic, start: { kind: 'timestamp', timestamp: 9_999 } });
    expect(none.records).toEqual([]);
    expect(none.partitions.map((p) => [p.startOffset, p.note])).toEqual([
      [5, 'no record at or after 1970-01-01T00:00:09.999Z: reading from the log end'],
      [3, 'no record at or after 1970-01-01T00:00:09.999Z: reading from the log end'],
    ]);
  });

  it('an offset past the log end is clamped to it, and the answer says so', async () => {
    const r = await t.call('messages:read', { topic, start: { kind: 'offset', offset: 10 } });
    expect(r.partitions.map((p) => [p.requestedOffset, p.startOffset, p.clamped])).toEqual([
      [10, 5, 'above-log-end'],
      [10, 3, 'above-log-end'],
    ]);
  });

  it("a consumer group's committed offsets; without one, the log end with a note", async () => {
    await t.call('groups:reset', { group: 'starts-reader', spec: { kind: 'to-offset', offset: 3 }, scope: { topics: [{ topic, partitions: [0] }] }, execute: true });
    const r = await t.call('messages:read', { topic, start: { kind: 'group', group: 'starts-reader' }, order: 'partition' });
    expect(where(r)).toEqual(['0:3', '0:4']);
    expect(r.partitions[1]!.note).toMatch(/has no committed offset here: reading from the log end/);
  });

  it("__consumer_offsets: the group's commit decoded as the coordinator wrote it", async () => {
    const r = await t.call('messages:read', { topic: '__consumer_offsets', start: { kind: 'earliest' }, limit: 1000 });
    const commit = r.records.find((x) => (x.key?.tree as { group?: string } | undefined)?.group === 'starts-reader' && x.value !== null);
    expect(commit?.key).toMatchObject({ decoder: 'consumer-offsets', tree: { type: 'offset commit', group: 'starts-reader', topic, partition: 0 } });
    expect(commit?.value).toMatchObject({ decoder: 'consumer-offsets', tree: { type: 'offset commit', offset: '3' } });
  });

  it('partition by partition, the record limit and resuming from nextOffset', async () => {
    const first = await t.call('messages:read', { topic, start: { kind: 'earliest' }, order: 'partition', limit: 3 });
    expect([where(first), first.stoppedBy]).toEqual([['0:0', '0:1', '0:2'], 'limit']);
    const offsets = Object.fromEntries(first.partitions.map((p) => [String(p.partition), p.nextOffset]));
    expect(offsets).toEqual({ 0: 3, 1: 0 });
    const rest = await t.call('messages:read', { topic, start: { kind: 'offsets', offsets }, order: 'partition' });
    expect([where(rest), rest.stoppedBy]).toEqual([['0:3', '0:4', '1:0', '1:1', '1:2'], 'end']);
  });

  it('the byte budget (keys, values, headers) stops the read, but one record always comes back', async () => {
    const r = await t.call('messages:read', { topic, partitions: [0], start: { kind: 'earliest' }, maxBytes: 250 });
    expect([where(r), r.stoppedBy, r.bytes]).toEqual([['0:0', '0:1'], 'bytes', 2 * (4 + 100)]);
    const one = await t.call('messages:read', { topic, partitions: [0], start: { kind: 'earliest' }, maxBytes: 1 });
    expect(where(one)).toEqual(['0:0']);
  });

  it('deleted records: an offset below the log start is clamped to it', async () => {
    await t.call('topics:delete-records', { name: topic, before: { 0: 2 } });
    const r = await t.call('messages:read', { topic, partitions: [0], start: { kind: 'offset', offset: 0 } });
    expect(r.partitions[0]).toMatchObject({ requestedOffset: 0, startOffset: 2, clamped: 'below-log-start', logStartOffset: 2 });
    expect(where(r)).toEqual(['0:2', '0:3', '0:4']);
  });

  it('live tail: a read at the log end waits for the next record', async () => {
    const end = await t.call('messages:read', { topic, start: { kind: 'latest', count: 0 } });
    expect(end.records).toEqual([]);
    const offsets = Object.fromEntries(end.partitions.map((p) => [String(p.partition), p.nextOffset]));
    const started = Date.now();
    const p = kafka.producer();
    await p.connect();
    const tail = t.call('messages:read', { topic, start: { kind: 'offsets', offsets }, waitMs: 8_000 });
    await new Promise((r) => setTimeout(r, 300));
    await p.send({ topic, messages: [{ partition: 1, key: 'late', value: 'arrived' }] });
    await p.disconnect();
    const r = await tail;
    expect(where(r)).toEqual(['1:3']);
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  it('a partition that does not exist and an unknown topic are UNKNOWN_TOPIC_OR_PARTITION', async () => {
    const missing = await t.refusal('messages:read', { topic, partitions: [7], start: { kind: 'earliest' } });
    expect(missing).toEqual({ name: 'UNKNOWN_TOPIC_OR_PARTITION', message: "partition 7 does not exist: topic 'starts' has 2 partitions (0-1) [starts-7]" });
    expect((await t.refusal('messages:read', { topic: 'no-such-topic', start: { kind: 'earliest' } })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
});
