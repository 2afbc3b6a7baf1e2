// messages:export, messages:import and messages:replay on a real cluster, with records produced by
// kcat and kafkajs and everything checked by kcat's own consumption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkajsProduce } from '../../../../../test/drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../../../../../test/drivers/kcat';
import type { ConsumedRecord } from '../../../../../test/drivers/types';
import { parseImportText } from '../../../../shared/messages-transfer-format';
import type { ExportedRecord } from '../../../../shared/messages-transfer-types';
import { startMessagesTarget, type MessagesTarget } from '../test-support/messages-target';

let t: MessagesTarget;

/** What a record is, independent of where it lives: key, value, headers (hex; null stays null). */
function essence(r: { key: Buffer | null; value: Buffer | null; headers: Array<[string, Buffer | null]> }): string {
  return JSON.stringify([r.key?.toString('hex') ?? null, r.value?.toString('hex') ?? null, r.headers.map(([k, v]) => [k, v?.toString('hex') ?? null])]);
}

function exportedEssence(r: ExportedRecord): string {
  const hex = (f: { base64: string } | null): string | null => (f === null ? null : Buffer.from(f.base64, 'base64').toString('hex'));
  return JSON.stringify([hex(r.key), hex(r.value), r.headers.map((h) => [h.key, hex(h.value)])]);
}

const sorted = (xs: string[]): string[] => [...xs].sort();
const byPosition = (a: ConsumedRecord, b: ConsumedRecord): number => a.partition - b.partition || a.offset - b.offset;

beforeAll(async () => {
  t = await startMessagesTarget();
  for (const name of ['source', 'copy', 'imported', 'orders', 'payments', 'dlq', 'one-partition']) {
    await t.call('topics:create', { name, partitions: name === 'one-partition' ? 1 : 3, replicationFactor: 1 });
  }
  // kcat: text records with a header per run; kafkajs: binary keys, values and headers, a tombstone.
  await kcatProduce(t.bootstrap, 'source', Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `kcat value ${i}, "quoted"\nsecond line` })), { headers: [['origin', 'kcat'], ['empty', null]] });
  await kafkajsProduce(t.bootstrap, 'source', [
    ...Array.from({ length: 15 }, (_, i) => ({ key: Buffer.from([0xff, 0x00, i]), value: Buffer.from([0x80, 0x81, i, 0x00]), headers: [['bin', Buffer.from([0xde, 0xad, i])] as [string, Buffer]] })),
    { key: 'gone', value: null },
    { key: null, value: '{"id":1,"status":"paid"}' },
  ]);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('messages:export', () => {
  it('JSON Lines of the whole topic hold exactly the records kcat consumes, bytes and decoded form', async () => {
    const answer = await t.call('messages:export', { selection: { topic: 'source' }, format: 'jsonl' });
    const lines = answer.content.trimEnd().split('\n').map((l) => JSON.parse(l) as ExportedRecord);
    const kcat = (await kcatConsume(t.bootstrap, 'source')).sort(byPosition);
    expect(answer.records).toBe(kcat.length);
    expect(lines.map((l) => [l.partition, l.offset, l.timestamp])).toEqual(kcat.map((r) => [r.partition, r.offset, r.timestamp]));
    expect(lines.map(exportedEssence)).toEqual(kcat.map(essence));
    const text = lines.find((l) => l.value?.text.startsWith('kcat value 3,'))!;
    expect(text.value).toMatchObject({ decoder: 'utf8', text: 'kcat value 3, "quoted"\nsecond line' });
    expect(lines.find((l) => l.key?.base64 === Buffer.from('gone').toString('base64'))!.value).toBeNull();
    expect(answer.fileName).toMatch(/^source-.*\.jsonl$/);
  });

  it('a range (partition, offsets, end, cap) and selected rows hold exactly those records', async () => {
    const kcat = (await kcatConsume(t.bootstrap, 'source', { partition: 1 })).sort(byPosition);
    expect(kcat.length).toBeGreaterThan(4);
    const range = await t.call('messages:export', { selection: { topic: 'source', partitions: [1], start: { kind: 'offset', offset: 1 }, end: { kind: 'offset', offset: 4 } }, format: 'jsonl' });
    const got = range.content.trimEnd().split('\n').map((l) => JSON.parse(l) as ExportedRecord);
    expect(got.map((r) => r.offset)).toEqual([1, 2, 3]);
    expect(got.map(exportedEssence)).toEqual(kcat.slice(1, 4).map(essence));
    const capped = await t.call('messages:export', { selection: { topic: 'source', maxRecords: 5 }, format: 'jsonl' });
    expect(capped.records).toBe(5);
    const rows = await t.call('messages:export', { selection: { topic: 'source', rows: [{ partition: 1, offset: 0 }, { partition: 1, offset: 3 }] }, format: 'jsonl' });
    expect(rows.content.trimEnd().split('\n').map((l) => (JSON.parse(l) as ExportedRecord).offset)).toEqual([0, 3]);
  });

  it('CSV: a header line and one quoted row per record, sizes telling null from empty', async () => {
    const csv = await t.call('messages:export', { selection: { topic: 'source' }, format: 'csv' });
    const kcat = await kcatConsume(t.bootstrap, 'source');
    expect(csv.content.startsWith('topic,partition,offset,timestamp,timestampType,key_size,key_base64,key_text,value_size,value_base64,value_text,headers\r\n')).toBe(true);
    expect(csv.records).toBe(kcat.length);
    // Rows end with \r\n; the multi-line values are quoted, so count records by the row ends outside quotes.
    const rows = csv.content.split(/\r\n(?=source,)/).length;
    expect(rows).toBe(kcat.length + 1);
    expect(csv.content).toContain('"kcat value 0, ""quoted""\nsecond line"');
    expect(csv.content).toMatch(/,-1,,,/); // the tombstone's value
  });

  it('bad input: unknown topic, a partition that does not exist, a filter without search', async () => {
    expect((await t.refusal('messages:export', { selection: { topic: 'nope' }, format: 'jsonl' })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect((await t.refusal('messages:export', { selection: { topic: 'source', partitions: [7] }, format: 'jsonl' })).message).toMatch(/partition 7 does not exist/);
    expect((await t.refusal('messages:export', { selection: { topic: 'source', filter: { expression: 'true' } }, format: 'jsonl' })).name).toBe('FILTER_UNSUPPORTED');
  });
});

describe('messages:import', () => {
  it('an export imported into another topic: kcat reads back the same keys, values, headers and timestamps', async () => {
    const exported = await t.call('messages:export', { selection: { topic: 'source' }, format: 'jsonl' });
    const records = parseImportText(exported.content);
    const answer = await t.call('messages:import', { topic: 'imported', records, keepPartitions: true });
    expect(answer.written).toBe(records.length);
    const source = (await kcatConsume(t.bootstrap, 'source')).sort(byPosition);
    const back = (await kcatConsume(t.bootstrap, 'imported')).sort(byPosition);
    expect(back.map((r) => [r.partition, r.offset, r.timestamp, essence(r)])).toEqual(source.map((r) => [r.partition, r.offset, r.timestamp, essence(r)]));
  });

  it('a record naming a partition the topic lacks writes nothing', async () => {
    const before = (await kcatConsume(t.bootstrap, 'one-partition')).length;
    const refusal = await t.refusal('messages:import', { topic: 'one-partition', keepPartitions: true, records: [{ key: null, value: 'YQ==', headers: [] }, { key: null, value: 'Yg==', headers: [], partition: 2 }] });
    expect(refusal).toMatchObject({ name: 'UNKNOWN_TOPIC_OR_PARTITION' });
    expect((await kcatConsume(t.bootstrap, 'one-partition')).length).toBe(before);
    expect((await t.refusal('messages:import', { topic: 'nope', records: [{ key: null, value: 'YQ==', headers: [] }] })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });
});

describe('messages:replay', () => {
  it('a dry run counts and writes nothing; the replay copies key, value, headers and timestamps; kcat checks', async () => {
    const dry = await t.call('messages:replay', { selection: { topic: 'source', partitions: [0, 2] }, target: { kind: 'topic', topic: 'copy' }, dryRun: true, keepTimestamps: true });
    const expected = (await kcatConsume(t.bootstrap, 'source')).filter((r) => r.partition !== 1);
    expect(dry).toEqual({ dryRun: true, scanned: expected.length, byTopic: { copy: expected.length }, written: expected.length, withoutHeader: 0 });
    expect(await kcatConsume(t.bootstrap, 'copy')).toEqual([]);

    const events: unknown[] = [];
    const stop = t.backend.service.subscribe('messages:transfer-progress', (e) => events.push(e));
    const done = await t.call('messages:replay', { selection: { topic: 'source', partitions: [0, 2] }, target: { kind: 'topic', topic: 'copy' }, keepTimestamps: true, jobId: 'job-1' });
    stop();
    expect(done).toMatchObject({ dryRun: false, written: expected.length, byTopic: { copy: expected.length } });
    const copied = await kcatConsume(t.bootstrap, 'copy');
    expect(sorted(copied.map((r) => `${r.timestamp} ${essence(r)}`))).toEqual(sorted(expected.map((r) => `${r.timestamp} ${essence(r)}`)));
    expect(events.at(-1)).toEqual({ jobId: 'job-1', phase: 'done', scanned: expected.length, written: expected.length });
  });

  it('keeping partitions into a topic with fewer of them is refused before anything is written', async () => {
    const before = (await kcatConsume(t.bootstrap, 'one-partition')).length;
    const refusal = await t.refusal('messages:replay', { selection: { topic: 'source' }, target: { kind: 'topic', topic: 'one-partition' }, keepPartitions: true });
    expect(refusal.name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(refusal.message).toMatch(/records come from partition 2, but topic 'one-partition' has 1/);
    expect((await kcatConsume(t.bootstrap, 'one-partition')).length).toBe(before);
  });

  it('a range ending at a time holds the records kcat reads before it', async () => {
    await t.call('topics:create', { name: 'timed', partitions: 1, replicationFactor: 1 });
    await t.call('messages:import', { topic: 'timed', records: [1_000, 2_000, 3_000, 4_000].map((ts) => ({ key: null, value: btoa(`at ${ts}`), headers: [], timestamp: ts })) });
    const answer = await t.call('messages:export', { selection: { topic: 'timed', start: { kind: 'timestamp', timestamp: 2_000 }, end: { kind: 'timestamp', timestamp: 4_000 } }, format: 'jsonl' });
    const kcat = (await kcatConsume(t.bootstrap, 'timed')).filter((r) => r.timestamp >= 2_000 && r.timestamp < 4_000);
    expect(answer.content.trimEnd().split('\n').map((l) => (JSON.parse(l) as ExportedRecord).offset)).toEqual(kcat.map((r) => r.offset));
    expect(kcat.map((r) => r.value!.toString())).toEqual(['at 2000', 'at 3000']);
  });

  it('a replay into its own topic copies the range once, not its own writes', async () => {
    const before = await kcatConsume(t.bootstrap, 'one-partition');
    await t.call('messages:produce', { topic: 'one-partition', value: { format: 'text', data: 'again' } });
    const n = before.length + 1;
    const done = await t.call('messages:replay', { selection: { topic: 'one-partition' }, target: { kind: 'topic', topic: 'one-partition' } });
    expect(done.written).toBe(n);
    expect((await kcatConsume(t.bootstrap, 'one-partition')).length).toBe(2 * n);
  });

  it('DLQ: each record goes back to the topic its original-topic header names (Spring, a custom header); others stay', async () => {
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'o1', value: 'order 1', partition: 0 }, { key: 'o2', value: 'order 2', partition: 0 }], { headers: [['kafka_dlt-original-topic', 'orders'], ['kafka_dlt-exception-message', 'boom']] });
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'p1', value: 'payment 1', partition: 0 }], { headers: [['original-topic', 'payments']] });
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'x', value: 'no header', partition: 0 }], { headers: [['unrelated', 'y']] });
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'c1', value: 'custom', partition: 0 }], { headers: [['x-source-topic', 'payments']] });

    const dry = await t.call('messages:replay', { selection: { topic: 'dlq' }, target: { kind: 'original-topic' }, dryRun: true });
    expect(dry).toMatchObject({ scanned: 5, byTopic: { orders: 2, payments: 1 }, withoutHeader: 2 });
    expect(await kcatConsume(t.bootstrap, 'orders')).toEqual([]);

    await t.call('messages:replay', { selection: { topic: 'dlq' }, target: { kind: 'original-topic' } });
    const orders = await kcatConsume(t.bootstrap, 'orders');
    expect(sorted(orders.map((r) => r.value!.toString()))).toEqual(['order 1', 'order 2']);
    expect(orders[0]!.headers.map(([k]) => k)).toEqual(['kafka_dlt-original-topic', 'kafka_dlt-exception-message']);
    expect((await kcatConsume(t.bootstrap, 'payments')).map((r) => r.value!.toString())).toEqual(['payment 1']);

    const custom = await t.call('messages:replay', { selection: { topic: 'dlq' }, target: { kind: 'original-topic', headers: ['x-source-topic'] } });
    expect(custom).toMatchObject({ byTopic: { payments: 1 }, withoutHeader: 4 });
    expect(sorted((await kcatConsume(t.bootstrap, 'payments')).map((r) => r.value!.toString()))).toEqual(['custom', 'payment 1']);
  });

  it('a DLQ record naming a topic that does not exist: refused before anything is written', async () => {
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'lost', value: 'to nowhere', partition: 1 }], { headers: [['original-topic', 'no-such-topic']] });
    await kcatProduce(t.bootstrap, 'dlq', [{ key: 'o3', value: 'order 3', partition: 1 }], { headers: [['original-topic', 'orders']] });
    const ordersBefore = (await kcatConsume(t.bootstrap, 'orders')).length;
    const refusal = await t.refusal('messages:replay', { selection: { topic: 'dlq', partitions: [1] }, target: { kind: 'original-topic' } });
    expect(refusal.name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect((await kcatConsume(t.bootstrap, 'orders')).length).toBe(ordersBefore);
  });

  it('messages:replay-cancel stops a running replay; what it wrote is what the error says', async () => {
    await t.call('topics:create', { name: 'many', partitions: 1, replicationFactor: 1 });
    await t.call('topics:create', { name: 'many-copy', partitions: 1, replicationFactor: 1 });
    for (let i = 0; i < 4; i++) await t.backend.produce('many', 0, 5_000);
    let cancelled: Promise<unknown> | null = null;
    const stop = t.backend.service.subscribe('messages:transfer-progress', (e) => {
      if (e.jobId === 'to-cancel' && !cancelled) cancelled = t.call('messages:replay-cancel', { jobId: 'to-cancel' });
    });
    const refusal = await t.refusal('messages:replay', { selection: { topic: 'many' }, target: { kind: 'topic', topic: 'many-copy' }, jobId: 'to-cancel' });
    stop();
    expect(await cancelled).toEqual({ jobId: 'to-cancel', cancelled: true });
    expect(refusal).toMatchObject({ name: 'CANCELLED' });
    expect((await kcatConsume(t.bootstrap, 'many-copy')).length).toBe((refusal as { written?: number }).written);
    expect(await t.call('messages:replay-cancel', { jobId: 'to-cancel' })).toEqual({ jobId: 'to-cancel', cancelled: false });
  });
});
