// A long search's progress and its end: events at least 4 times a second with positions moving
// towards each partition's end, a cancel that stops the scan within 200 ms, and the time budget.
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchProgress } from '../../../../shared/messages-search-types';
import { startMessagesTarget, type MessagesTarget } from '../test-support/messages-target';
import { waitForEnd } from './test-support/search-calls';

const TOPIC = 'search-long';
const PER_PARTITION = 40_000;
let t: MessagesTarget;

// Busy work per record inside the sandbox: makes the scan take seconds on any machine.
const SLOW_FILTER = 'let s = 0; for (let i = 0; i < 30; i++) s += i; return s < 0;';

beforeAll(async () => {
  t = await startMessagesTarget();
  await t.call('topics:create', { name: TOPIC, partitions: 2, replicationFactor: 1 });
  for (let p = 0; p < 2; p++) for (let i = 0; i < PER_PARTITION / 10_000; i++) await t.backend.produce(TOPIC, p, 10_000);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

function collect(searchId: () => string | null): { events: Array<SearchProgress & { at: number }>; stop: () => void } {
  const events: Array<SearchProgress & { at: number }> = [];
  const stop = t.backend.service.subscribe('messages:search-progress', (p) => {
    if (p.searchId === searchId()) events.push({ ...p, at: Date.now() });
  });
  return { events, stop };
}

describe('a long search', () => {
  it('streams progress at least 4 times a second (10 asked), positions moving towards each end', async () => {
    let id: string | null = null;
    const { events, stop } = collect(() => id);
    const started = await t.call('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, filter: SLOW_FILTER, timeBudgetMs: 2_500 });
    id = started.progress.searchId;
    const end = await waitForEnd(t, id);
    stop();
    const running = events.filter((e) => e.state === 'running');
    const timeline = `events (ms, scanned): ${JSON.stringify(events.map((e) => [e.at - events[0]!.at, e.scanned, e.state]))}; load average ${loadavg()[0]!.toFixed(1)}`;
    expect(running.length, timeline).toBeGreaterThanOrEqual(5);
    const span = running.at(-1)!.at - running[0]!.at;
    expect((running.length - 1) / (span / 1000), timeline).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < running.length; i++) {
      expect(running[i]!.seq).toBeGreaterThan(running[i - 1]!.seq);
      expect(running[i]!.scanned).toBeGreaterThanOrEqual(running[i - 1]!.scanned);
    }
    for (const e of running) {
      for (const p of e.partitions) {
        expect(p.endOffset).toBe(PER_PARTITION);
        expect(p.position).toBeGreaterThanOrEqual(p.startOffset);
        expect(p.position).toBeLessThanOrEqual(p.endOffset);
      }
      expect(e.recordsPerSecond).toBeGreaterThanOrEqual(0);
    }
    expect(end.progress).toMatchObject({ state: 'done', stoppedBy: 'time', matched: 0 });
    expect(end.progress.scanned).toBeGreaterThan(0);
    expect(end.progress.scanned).toBeLessThan(2 * PER_PARTITION);
    expect(events.at(-1)).toMatchObject({ state: 'done', stoppedBy: 'time' });
  });

  it('stops within 200 ms of messages:cancel, mid-scan, and scans no more', async () => {
    const started = await t.call('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, filter: SLOW_FILTER });
    const id = started.progress.searchId;
    for (let i = 0; i < 200; i++) {
      const page = await t.call('messages:search-page', { searchId: id, limit: 1 });
      if (page.progress.scanned > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const asked = performance.now();
    const last = await t.call('messages:cancel', { searchId: id });
    const tookMs = performance.now() - asked;
    expect(last).toMatchObject({ state: 'done', stoppedBy: 'cancel' });
    expect(tookMs).toBeLessThan(200);
    expect(last.scanned).toBeGreaterThan(0);
    expect(last.scanned).toBeLessThan(2 * PER_PARTITION);
    await new Promise((r) => setTimeout(r, 300));
    const after = await t.call('messages:search-page', { searchId: id, limit: 1 });
    expect(after.progress.scanned).toBe(last.scanned);
    // The engine serves on.
    expect((await t.call('messages:read', { topic: TOPIC, start: { kind: 'earliest' }, limit: 3 })).records).toHaveLength(3);
  });

  it('a quick-filter scan reads every partition to its end', async () => {
    const started = await t.call('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: 'v9999' }] });
    const end = await waitForEnd(t, started.progress.searchId);
    // backend.produce writes v0…v9999 per call: each call's v9999, 4 per partition.
    expect(end.progress).toMatchObject({ stoppedBy: 'end', scanned: 2 * PER_PARTITION, matched: 8 });
    for (const p of end.progress.partitions) expect(p).toMatchObject({ position: PER_PARTITION, endOffset: PER_PARTITION, done: true });
  });
});
