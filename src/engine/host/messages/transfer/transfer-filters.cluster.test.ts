// Export and replay of "a search's matches": a range plus messages:search's filters (quick and
// programmable, the same code and sandbox as the search) on a real cluster, records produced by
// kcat, checked against the search's own matches, a reference filter over kcat's output, and kcat's
// consumption of the replay's target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume, kcatProduce } from '../../../../../test/drivers/kcat';
import type { ConsumedRecord } from '../../../../../test/drivers/types';
import type { QuickFilter, SearchFilters } from '../../../../shared/messages-search-types';
import type { ExportedRecord } from '../../../../shared/messages-transfer-types';
import { positions, searchAll } from '../search/test-support/search-calls';
import { startMessagesTarget, type MessagesTarget } from '../test-support/messages-target';

let t: MessagesTarget;
const TOPIC = 'orders-f';
const STATUSES = ['paid', 'open', 'refunded'];

const PAID: QuickFilter = { kind: 'json', path: 'value.status', op: '==', operand: 'paid' };
const PROGRAM = 'value.amount > 50 && headers.region === "eu"';

/** The reference: plain JavaScript over kcat's own output. */
function referenceProgram(r: ConsumedRecord): boolean {
  const v = JSON.parse(r.value!.toString('utf8')) as { amount: number };
  const region = r.headers.find(([k]) => k === 'region')?.[1]?.toString('utf8');
  return v.amount > 50 && region === 'eu';
}
const referencePaid = (r: ConsumedRecord): boolean => (JSON.parse(r.value!.toString('utf8')) as { status: string }).status === 'paid';

beforeAll(async () => {
  t = await startMessagesTarget();
  await t.call('topics:create', { name: TOPIC, partitions: 3, replicationFactor: 1 });
  await t.call('topics:create', { name: 'orders-f-copy', partitions: 3, replicationFactor: 1 });
  for (const region of ['eu', 'us']) {
    const records = Array.from({ length: 60 }, (_, i) => ({ key: `${region}-${i}`, value: JSON.stringify({ id: i, status: STATUSES[i % 3], amount: (i * 7) % 100 }) }));
    await kcatProduce(t.bootstrap, TOPIC, records, { headers: [['region', region]] });
  }
}, 120_000);
afterAll(async () => {
  await t?.close();
});

async function exported(filter: SearchFilters): Promise<ExportedRecord[]> {
  const answer = await t.call('messages:export', { selection: { topic: TOPIC, filter }, format: 'jsonl' });
  const lines = answer.content.trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ExportedRecord);
  expect(answer.records).toBe(lines.length);
  return lines;
}

describe('messages:export of a search', () => {
  it('a quick filter exports exactly the search\'s matches, which are the reference filter\'s picks over kcat\'s records', async () => {
    const lines = await exported({ quick: [PAID] });
    const search = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, quick: [PAID], limit: 10_000 });
    expect(search.progress.stoppedBy).toBe('end');
    const kcat = await kcatConsume(t.bootstrap, TOPIC);
    expect(kcat).toHaveLength(120);
    expect(lines.length).toBeGreaterThan(0);
    expect(positions(lines)).toEqual(positions(search.records));
    expect(positions(lines)).toEqual(positions(kcat.filter(referencePaid)));
  });

  it('a programmable filter (the sandbox) exports exactly the search\'s matches; with a quick filter both apply', async () => {
    const lines = await exported({ filter: PROGRAM });
    const search = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, filter: PROGRAM, limit: 10_000 });
    const kcat = await kcatConsume(t.bootstrap, TOPIC);
    expect(lines.length).toBeGreaterThan(0);
    expect(positions(lines)).toEqual(positions(search.records));
    expect(positions(lines)).toEqual(positions(kcat.filter(referenceProgram)));
    const both = await exported({ quick: [PAID], filter: PROGRAM });
    expect(positions(both)).toEqual(positions(kcat.filter((r) => referencePaid(r) && referenceProgram(r))));
  });

  it('a range plus a filter: the search\'s matches within the range', async () => {
    const answer = await t.call('messages:export', { selection: { topic: TOPIC, partitions: [1], start: { kind: 'offset', offset: 5 }, end: { kind: 'offset', offset: 30 }, filter: { quick: [PAID] } }, format: 'jsonl' });
    const lines = answer.content.trimEnd().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ExportedRecord);
    const kcat = (await kcatConsume(t.bootstrap, TOPIC, { partition: 1 })).filter((r) => r.offset >= 5 && r.offset < 30 && referencePaid(r));
    expect(positions(lines)).toEqual(positions(kcat));
  });

  it('a filter that does not compile is INVALID_FILTER with its syntax error; a bad regex too', async () => {
    const bad = await t.refusal('messages:export', { selection: { topic: TOPIC, filter: { filter: 'value ===' } }, format: 'jsonl' });
    expect(bad.name).toBe('INVALID_FILTER');
    expect(bad.message).toMatch(/SyntaxError|unexpected|expecting/i);
    const regex = await t.refusal('messages:replay', { selection: { topic: TOPIC, filter: { quick: [{ kind: 'text', field: 'value', mode: 'regex', pattern: '(' }] } }, target: { kind: 'topic', topic: 'orders-f-copy' } });
    expect(regex.name).toBe('INVALID_FILTER');
    expect(await kcatConsume(t.bootstrap, 'orders-f-copy')).toEqual([]);
    // The engine serves on.
    expect((await exported({ quick: [PAID] })).length).toBeGreaterThan(0);
  });
});

describe('messages:replay of a search', () => {
  it('copies exactly the filter\'s matches, key, value and headers; kcat reads them from the target', async () => {
    const filter: SearchFilters = { quick: [PAID], filter: 'headers.region === "eu"' };
    const kcat = await kcatConsume(t.bootstrap, TOPIC);
    const expected = kcat.filter((r) => referencePaid(r) && r.headers.some(([k, v]) => k === 'region' && v?.toString() === 'eu'));
    const dry = await t.call('messages:replay', { selection: { topic: TOPIC, filter }, target: { kind: 'topic', topic: 'orders-f-copy' }, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, scanned: expected.length, written: expected.length });
    const done = await t.call('messages:replay', { selection: { topic: TOPIC, filter }, target: { kind: 'topic', topic: 'orders-f-copy' }, keepPartitions: true });
    expect(done).toMatchObject({ dryRun: false, written: expected.length });
    const copied = await kcatConsume(t.bootstrap, 'orders-f-copy');
    const essence = (r: ConsumedRecord): string => JSON.stringify([r.partition, r.key?.toString(), r.value?.toString(), r.headers.map(([k, v]) => [k, v?.toString() ?? null])]);
    expect(copied.map(essence).sort()).toEqual(expected.map(essence).sort());
  });
});
