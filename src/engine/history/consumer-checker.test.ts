import { describe, expect, it } from 'vitest';
import { checkConsumerHistory } from './consumer-checker';
import type { ConsumedRecord, ConsumerEvent, ProcessedRecord } from './types';

const b = (s: string): Buffer => Buffer.from(s);
const log = (n: number, partition = 0): ConsumedRecord[] =>
  Array.from({ length: n }, (_, i) => ({ topic: 't', partition, offset: i, key: null, value: b(`v${partition}-${i}`), headers: [], timestamp: 0 }));
const proc = (offset: number, extra: Partial<ProcessedRecord> = {}): ProcessedRecord => ({
  member: 'm1',
  generation: 1,
  topic: 't',
  partition: 0,
  offset,
  value: b(`v0-${offset}`),
  timeMs: 100 + offset,
  ...extra,
});
const assigned = (position: number, generation = 1, member = 'm1', timeMs = 50): ConsumerEvent => ({
  kind: 'assigned',
  member,
  generation,
  timeMs,
  partitions: [{ topic: 't', partition: 0, position }],
});

describe('checkConsumerHistory', () => {
  it('passes a member that read every record in order from its position', () => {
    const report = checkConsumerHistory({ group: 'g', processed: [0, 1, 2, 3].map((o) => proc(o)), events: [assigned(0)] }, log(4));
    expect(report).toMatchObject({ ok: true, skips: [], rewinds: [], unseen: [], inconsistent: [] });
  });

  it('names the records a member jumped over without a seek', () => {
    const report = checkConsumerHistory({ group: 'g', processed: [0, 1, 4, 5].map((o) => proc(o)), events: [assigned(0)] }, log(6));
    expect(report.ok).toBe(false);
    expect(report.skips).toHaveLength(1);
    expect(report.skips[0]).toMatchObject({ expectedOffset: 2, processedOffset: 4 });
    expect(report.skips[0]!.records.map((r) => [r.offset, r.value!.toString()])).toEqual([[2, 'v0-2'], [3, 'v0-3']]);
    // The records skipped were never processed by anyone either.
    expect(report.unseen.map((r) => r.offset)).toEqual([2, 3]);
  });

  it('counts a skip from the assigned position, and not a jump over offsets the log does not hold', () => {
    const assignedSkip = checkConsumerHistory({ group: 'g', processed: [2, 3].map((o) => proc(o)), events: [assigned(0)] }, log(4));
    expect(assignedSkip.skips.map((s) => s.records.map((r) => r.offset))).toEqual([[0, 1]]);
    // Offsets 2–3 are gone from the log (compaction, control records): jumping them is fine.
    const compacted = log(6).filter((r) => r.offset !== 2 && r.offset !== 3);
    const gap = checkConsumerHistory({ group: 'g', processed: [0, 1, 4, 5].map((o) => proc(o)), events: [assigned(0)] }, compacted);
    expect(gap.ok).toBe(true);
  });

  it('allows a jump after a seek, and a re-read after a rebalance', () => {
    const seek: ConsumerEvent = { kind: 'seek', member: 'm1', topic: 't', partition: 0, offset: 4, timeMs: 102 };
    const sought = checkConsumerHistory({ group: 'g', processed: [0, 1, 4, 5].map((o) => proc(o)), events: [assigned(0), seek, assigned(0, 2, 'm2', 200)] }, log(6));
    expect(sought.skips).toEqual([]);
    // m2 takes the partition over in generation 2 from offset 2 and reads 2..5 again: a redelivery.
    const rebalance = checkConsumerHistory(
      {
        group: 'g',
        processed: [...[0, 1, 2, 3].map((o) => proc(o)), ...[2, 3].map((o) => proc(o, { member: 'm2', generation: 2, timeMs: 300 + o }))],
        events: [assigned(0), assigned(2, 2, 'm2', 200)],
      },
      log(4),
    );
    expect(rebalance).toMatchObject({ ok: true, rewinds: [], redelivered: 2 });
  });

  it('names a rewind within one generation', () => {
    const report = checkConsumerHistory({ group: 'g', processed: [0, 1, 2, 1, 2, 3].map((o, i) => proc(o, { timeMs: 100 + i })), events: [assigned(0)] }, log(4));
    expect(report.rewinds).toHaveLength(1);
    expect(report.rewinds[0]).toMatchObject({ expectedOffset: 3, processedOffset: 1 });
    expect(report.rewinds[0]!.records[0]!.value!.toString()).toBe('v0-1');
  });

  it('finds records never processed, and a processed value the log does not hold', () => {
    const report = checkConsumerHistory({ group: 'g', processed: [proc(0), proc(1, { value: b('other') })], events: [assigned(0)] }, log(3));
    expect(report.unseen.map((r) => r.offset)).toEqual([2]);
    expect(report.inconsistent).toHaveLength(1);
    expect(report.inconsistent[0]!.logValue!.toString()).toBe('v0-1');
  });
});
