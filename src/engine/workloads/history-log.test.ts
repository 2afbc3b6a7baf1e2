import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryLog } from './history-log';

interface Entry {
  seq: number;
  n: number;
}

describe('HistoryLog', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps the newest segments only, and reads from any seq in order', async () => {
    dir = await mkdtemp(join(tmpdir(), 'history-log-'));
    const log = new HistoryLog<Entry>(dir, 'sends', { segmentEntries: 10, maxSegments: 3, flushMs: 5 });
    for (let n = 0; n < 45; n++) log.append({ n });
    await log.flush();
    // 45 entries in segments of 10: 1, 11, 21, 31, 41; three kept → 21..45.
    expect((await readdir(dir)).sort()).toEqual(['sends-000000000021.jsonl', 'sends-000000000031.jsonl', 'sends-000000000041.jsonl']);
    const all = await log.read(0, 1_000);
    expect(all.firstKeptSeq).toBe(21);
    expect(all.lastSeq).toBe(45);
    expect(all.entries.map((e) => e.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 21 + i));
    const page = await log.read(33, 5);
    expect(page.entries.map((e) => e.n)).toEqual([33, 34, 35, 36, 37]);
    // Entries appended after a read are seen by the next one.
    log.append({ n: 45 });
    expect((await log.read(45, 10)).entries).toEqual([{ seq: 46, n: 45 }]);
    await log.remove();
    await expect(readdir(dir)).rejects.toThrow();
  });
});
