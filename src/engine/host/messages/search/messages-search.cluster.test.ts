// messages:search on a real cluster: filters over records that kcat and kafkajs produced pick
// exactly what a reference filter (plain JavaScript over kcat's own consumed output) picks; the
// result limit, the time budget and the pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkajsProduce } from '../../../../../test/drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../../../../../test/drivers/kcat';
import type { ConsumedRecord } from '../../../../../test/drivers/types';
import type { MessagesSearchRequest } from '../../../../shared/messages-search-types';
import { startMessagesTarget, type MessagesTarget } from '../test-support/messages-target';
import { positions, searchAll } from './test-support/search-calls';

const TOPIC = 'search-mixed';
const STATUSES = ['paid', 'open', 'refunded', 'void'];
let t: MessagesTarget;
let reference: ConsumedRecord[];

// Record i: JSON with a status, an amount and tags; every 9th is plain text (not JSON).
function valueOf(producer: string, i: number): string {
  if (i % 9 === 0) return `plain text ${producer} #${i} refund later`;
  return JSON.stringify({ id: i, by: producer, status: STATUSES[i % 4], amount: (i * 37) % 100, tags: i % 5 === 0 ? ['vip', 'eu'] : ['eu'] });
}

beforeAll(async () => {
  t = await startMessagesTarget();
  await t.call('topics:create', { name: TOPIC, partitions: 3, replicationFactor: 1 });
  const kcat = await kcatProduce(t.bootstrap, TOPIC, Array.from({ length: 240 }, (_, i) => ({ key: `kcat-${i}`, value: valueOf('kcat', i) })), { headers: [['source', 'kcat']], compression: 'lz4' });
  expect(kcat.indeterminate).toEqual([]);
  const kafkajs = await kafkajsProduce(
    t.bootstrap,
    TOPIC,
    Array.from({ length: 240 }, (_, i) => ({ key: `kjs-${i}`, value: valueOf('kafkajs', i), headers: [['source', 'kafkajs'], ['trace', `t-${i % 7}`]] as Array<[string, string]> })),
    { compression: 'gzip', batchSize: 40 },
  );
  expect(kafkajs.indeterminate).toEqual([]);
  reference = await kcatConsume(t.bootstrap, TOPIC);
  expect(reference).toHaveLength(480);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

// The reference: kcat's consumed bytes, decoded here by plain JavaScript.
const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'));
function json(b: Buffer | null): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text(b) ?? '');
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
const header = (r: ConsumedRecord, name: string) => text(r.headers.find(([k]) => k === name)?.[1] ?? null);

const CASES: Array<[string, Omit<MessagesSearchRequest, 'topic' | 'start'>, (r: ConsumedRecord) => boolean]> = [
  ['programmable expression on JSON fields', { filter: 'value.status == "paid" && value.amount > 50' }, (r) => json(r.value)?.status === 'paid' && (json(r.value)!.amount as number) > 50],
  [
    'programmable function body over key, headers and offset',
    { filter: 'if (headers.source !== "kafkajs") return false;\nreturn key.endsWith("7") || offset % 50 === 0;' },
    (r) => header(r, 'source') === 'kafkajs' && (text(r.key)!.endsWith('7') || r.offset % 50 === 0),
  ],
  ['programmable over a plain-text value', { filter: 'typeof value === "string" && value.includes("refund")' }, (r) => json(r.value) === null && text(r.value)!.includes('refund')],
  ['quick JSON field ==', { quick: [{ kind: 'json', path: 'value.status', op: '==', operand: 'paid' }] }, (r) => json(r.value)?.status === 'paid'],
  ['quick JSON field != (records without it differ)', { quick: [{ kind: 'json', path: 'value.status', op: '!=', operand: 'paid' }] }, (r) => json(r.value)?.status !== 'paid'],
  ['quick JSON field < and >=', { quick: [{ kind: 'json', path: 'value.amount', op: '<', operand: 30 }, { kind: 'json', path: 'value.amount', op: '>=', operand: 10 }] }, (r) => { const a = json(r.value)?.amount; return typeof a === 'number' && a < 30 && a >= 10; }],
  ['quick JSON array contains', { quick: [{ kind: 'json', path: 'value.tags', op: 'contains', operand: 'vip' }] }, (r) => ((json(r.value)?.tags as string[] | undefined) ?? []).includes('vip')],
  ['quick substring on the value', { quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: 'refund' }] }, (r) => text(r.value)!.includes('refund')],
  ['quick substring ignoring case', { quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: 'PLAIN TEXT KCAT', ignoreCase: true }] }, (r) => text(r.value)!.toLowerCase().includes('plain text kcat')],
  ['quick regex on the key', { quick: [{ kind: 'text', field: 'key', mode: 'regex', pattern: '^kjs-1\\d$' }] }, (r) => /^kjs-1\d$/.test(text(r.key)!)],
  ['quick substring on a header', { quick: [{ kind: 'text', field: 'header', header: 'trace', mode: 'substring', pattern: 't-3' }] }, (r) => header(r, 'trace') === 't-3'],
  [
    'quick and programmable together',
    { quick: [{ kind: 'text', field: 'header', header: 'source', mode: 'substring', pattern: 'kcat' }], filter: 'value && value.amount % 2 === 0' },
    (r) => header(r, 'source') === 'kcat' && typeof json(r.value)?.amount === 'number' && (json(r.value)!.amount as number) % 2 === 0,
  ],
];

describe('filters over records from kcat and kafkajs match a reference filter over kcat’s output', () => {
  it.each(CASES)('%s', async (_name, filters, pick) => {
    const expected = reference.filter(pick);
    expect(expected.length).toBeGreaterThan(0);
    const { progress, records } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, limit: 10_000, ...filters });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'end', error: null, scanned: 480, matched: expected.length });
    expect(positions(records)).toEqual(positions(expected));
    for (const p of progress.partitions) expect(p).toMatchObject({ done: true, position: p.endOffset, error: null });
  });
});

describe('ending a search', () => {
  it('stops at the result limit', async () => {
    const { progress, records } = await searchAll(t, { topic: TOPIC, start: { kind: 'earliest' }, limit: 7, quick: [{ kind: 'json', path: 'value.status', op: '==', operand: 'open' }] });
    expect(progress).toMatchObject({ state: 'done', stoppedBy: 'limit', matched: 7 });
    expect(records).toHaveLength(7);
    for (const r of records) expect(JSON.parse(Buffer.from(r.value!.base64, 'base64').toString()).status).toBe('open');
  });

  it('pages hand out the matches in bounded slices', async () => {
    const started = await t.call('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, limit: 10_000 });
    const first = await waitPage(started.progress.searchId, 0, 100);
    expect(first.records).toHaveLength(100);
    const second = await waitPage(started.progress.searchId, first.next, 100);
    expect(second.from).toBe(100);
    expect(positions(second.records)).not.toEqual(positions(first.records));
    const refused = await t.refusal('messages:search-page', { searchId: started.progress.searchId, limit: 501 });
    expect(refused.message).toMatch(/request\.limit must be between 1 and 500/);
  });

  it('a catastrophic regex ((a+)+$) from a shared URL does not stall the engine host', async () => {
    const topic = 'search-redos';
    await t.call('topics:create', { name: topic, partitions: 1, replicationFactor: 1 });
    await t.call('messages:produce', { topic, value: { format: 'text', data: `${'a'.repeat(40)}b` } });
    const started = Date.now();
    const { progress } = await searchAll(t, { topic, start: { kind: 'earliest' }, quick: [{ kind: 'text', field: 'value', mode: 'regex', pattern: '(a+)+$' }] });
    expect(progress).toMatchObject({ stoppedBy: 'end', scanned: 1, matched: 0 });
    // A backtracking engine would take minutes over 40 a's and a b.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an unknown search id is UNKNOWN_SEARCH', async () => {
    const refused = await t.refusal('messages:cancel', { searchId: 'no-such-search' });
    expect(refused.name).toBe('UNKNOWN_SEARCH');
  });

  it('a regex that does not compile is INVALID_FILTER before scanning', async () => {
    const refused = await t.refusal('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, quick: [{ kind: 'text', field: 'value', mode: 'regex', pattern: '(unclosed' }] });
    expect(refused.name).toBe('INVALID_FILTER');
  });
});

async function waitPage(searchId: string, from: number, limit: number) {
  for (let i = 0; i < 200; i++) {
    const page = await t.call('messages:search-page', { searchId, from, limit });
    if (page.records.length === limit || page.progress.state === 'done') return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no page');
}
