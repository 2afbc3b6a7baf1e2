import { describe, expect, it } from 'vitest';
import type { AckedWrite, ConsumedRecord, IndeterminateWrite } from './types';
import { checkHistory } from './checker';

const b = (s: string): Buffer => Buffer.from(s);

function ack(value: string, partition: number, offset: number, seq: number, producer = 'p1'): AckedWrite {
  return { topic: 't', partition, offset, key: b(`k-${value}`), value: b(value), producer, seq };
}

function maybe(value: string, partition: number, seq: number, producer = 'p1'): IndeterminateWrite {
  return { topic: 't', partition, key: b(`k-${value}`), value: b(value), producer, seq, error: 'timed out' };
}

function rec(value: string, partition: number, offset: number, extra: Partial<ConsumedRecord> = {}): ConsumedRecord {
  return { topic: 't', partition, offset, key: b(`k-${value}`), value: b(value), headers: [], timestamp: 1000, ...extra };
}

const cleanWrites = [ack('a', 0, 0, 0), ack('b', 0, 1, 1), ack('c', 1, 0, 2), ack('d', 0, 2, 3)];
const cleanRead = [rec('a', 0, 0), rec('b', 0, 1), rec('c', 1, 0), rec('d', 0, 2)];

describe('checkHistory', () => {
  it('passes a clean history, with indeterminate writes present once or absent', () => {
    const report = checkHistory({
      acknowledged: cleanWrites,
      indeterminate: [maybe('e', 1, 4), maybe('f', 1, 5)],
      reads: [[...cleanRead, rec('e', 1, 1)], [...cleanRead, rec('e', 1, 1)]],
    });
    expect(report.summary).toContain('OK');
    expect(report).toMatchObject({ ok: true, lost: [], duplicated: [], reordered: [], inconsistent: [], unexpected: [], denseOffsets: true });
  });

  it('finds a lost acknowledged write', () => {
    const report = checkHistory({ acknowledged: cleanWrites, reads: [cleanRead.filter((r) => r.value!.toString() !== 'b')] });
    expect(report.ok).toBe(false);
    expect(report.lost.map((w) => w.value!.toString())).toEqual(['b']);
    expect(report.gaps).toEqual([{ partition: 0, after: 0, next: 2 }]);
    expect(report.denseOffsets).toBe(false);
    expect(report.summary).toMatch(/lost: "b"/);
  });

  it('finds duplicates of acknowledged and of indeterminate writes', () => {
    const report = checkHistory({
      acknowledged: cleanWrites,
      indeterminate: [maybe('e', 1, 4)],
      reads: [[...cleanRead, rec('a', 0, 3), rec('e', 1, 1), rec('e', 1, 2)]],
    });
    expect(report.ok).toBe(false);
    expect(report.duplicated.map((d) => [d.write.value!.toString(), d.acknowledged, d.at])).toEqual([
      ['a', true, [{ partition: 0, offset: 0 }, { partition: 0, offset: 3 }]],
      ['e', false, [{ partition: 1, offset: 1 }, { partition: 1, offset: 2 }]],
    ]);
    expect(report.lost).toEqual([]);
  });

  it('finds writes of one producer read out of send order, per partition', () => {
    // b was sent before d, but the log holds d first. Another producer's interleaving is fine.
    const writes = [ack('a', 0, 0, 0), ack('b', 0, 2, 1), ack('d', 0, 1, 2), ack('x', 0, 3, 0, 'p2')];
    const report = checkHistory({ acknowledged: writes, reads: [[rec('a', 0, 0), rec('d', 0, 1), rec('b', 0, 2), rec('x', 0, 3)]] });
    expect(report.reordered).toHaveLength(1);
    expect(report.reordered[0]).toMatchObject({ producer: 'p1', partition: 0, earlier: { seq: 1, at: 2 }, later: { seq: 2, at: 1 } });
    // The acknowledged offsets agree with the log here, so only the order is wrong.
    expect(report.inconsistent).toEqual([]);
  });

  it('finds reads that disagree, and acknowledged offsets holding another record', () => {
    const changed = cleanRead.map((r) => (r.offset === 1 && r.partition === 0 ? rec('b', 0, 1, { timestamp: 2000 }) : r));
    const report = checkHistory({ acknowledged: cleanWrites, reads: [cleanRead, changed] });
    expect(report.inconsistent).toEqual([{ partition: 0, offset: 1, reason: expect.stringMatching(/read 1 found "b"/) }]);

    const shifted = checkHistory({
      acknowledged: cleanWrites,
      reads: [[rec('a', 0, 0), rec('d', 0, 1), rec('b', 0, 2), rec('c', 1, 0)]],
    });
    expect(shifted.inconsistent.map((i) => [i.partition, i.offset])).toEqual([[0, 1], [0, 2]]);
    expect(shifted.inconsistent[0]!.reason).toMatch(/acknowledged "b" here, the log holds "d"/);
    expect(shifted.reordered).toHaveLength(1);
  });

  it('accepts acknowledgements without offsets but checks their partition', () => {
    const noOffsets = cleanWrites.map((w) => ({ ...w, offset: null }));
    expect(checkHistory({ acknowledged: noOffsets, reads: [cleanRead] }).ok).toBe(true);
    const moved = checkHistory({ acknowledged: noOffsets, reads: [cleanRead.map((r) => (r.value!.toString() === 'c' ? rec('c', 2, 0) : r))] });
    expect(moved.inconsistent[0]!.reason).toMatch(/acknowledged on partition 1, read on 2/);
  });

  it('flags records nobody wrote, and gaps only when asked', () => {
    const report = checkHistory({ acknowledged: cleanWrites, reads: [[...cleanRead, rec('ghost', 1, 5)]] });
    expect(report.unexpected.map((r) => r.value!.toString())).toEqual(['ghost']);
    expect(report.ok).toBe(false);
    const allowed = checkHistory({ acknowledged: cleanWrites, reads: [[...cleanRead, rec('ghost', 1, 5)]] }, { allowUnexpected: true });
    expect(allowed.ok).toBe(true);
    expect(allowed.denseOffsets).toBe(false);
    expect(checkHistory({ acknowledged: cleanWrites, reads: [[...cleanRead, rec('ghost', 1, 5)]] }, { allowUnexpected: true, requireDenseOffsets: true }).ok).toBe(false);
  });

  it('identifies tombstones by key and refuses ambiguous histories', () => {
    const tomb: AckedWrite = { topic: 't', partition: 0, offset: 0, key: b('gone'), value: null, producer: 'p1', seq: 0 };
    expect(checkHistory({ acknowledged: [tomb], reads: [[{ ...rec('x', 0, 0), key: b('gone'), value: null }]] }).ok).toBe(true);
    expect(() => checkHistory({ acknowledged: [ack('a', 0, 0, 0), ack('a', 0, 1, 1)], reads: [] })).toThrow(/distinct value/);
  });
});
