import { describe, expect, it } from 'vitest';
import { judge, type VerdictInput } from './verdict';
import { CHECK_NAMES, type CheckName } from '../../shared/experiment-types';
import type { AcknowledgedWrite, ConsumedRecord, ProcessedRecord } from '../history/types';

const b = (s: string): Buffer => Buffer.from(s);
const ack = (value: string, partition: number, offset: number | null, seq: number): AcknowledgedWrite => ({ topic: 't', partition, offset, key: null, value: b(value), producer: 'p1', seq });
const rec = (value: string, partition: number, offset: number): ConsumedRecord => ({ topic: 't', partition, offset, key: null, value: b(value), headers: [], timestamp: 0 });
const proc = (value: string, offset: number, timeMs: number): ProcessedRecord => ({ member: 'm1', generation: 1, topic: 't', partition: 0, offset, value: b(value), timeMs });

const writes = [ack('a', 0, 0, 0), ack('b', 0, 1, 1), ack('c', 0, 2, 2)];
const finalLog = [rec('a', 0, 0), rec('b', 0, 1), rec('c', 0, 2)];

function input(over: Partial<VerdictInput> = {}): VerdictInput {
  return {
    checks: CHECK_NAMES.map((name) => ({ name, expect: 'hold' as const, thresholdMs: name === 'max-unavailability' ? 2000 : null })),
    producers: [{ name: 'p1', acknowledged: writes, indeterminate: [], failed: 0, startMs: 0, endMs: 300 }],
    outcomes: [100, 200, 300].map((t) => ({ producer: 'p1', timeMs: t, status: 'acknowledged' as const, error: null })),
    consumers: [{ group: 'g', topics: ['t'], processed: [proc('a', 0, 110), proc('b', 1, 210), proc('c', 2, 310)], events: [{ kind: 'assigned', member: 'm1', generation: 1, timeMs: 50, partitions: [{ topic: 't', partition: 0, position: 0 }] }] }],
    finalLog,
    faults: [{ atMs: 150, step: 'kill broker 1' }],
    ...over,
  };
}

const failing = (v: ReturnType<typeof judge>): CheckName[] => v.checks.filter((c) => !c.held).map((c) => c.name);

describe('judge', () => {
  it('passes a clean run and reports its figures', () => {
    const v = judge(input());
    expect(failing(v)).toEqual([]);
    expect(v.passed).toBe(true);
    expect(v.figures).toMatchObject({ acknowledged: 3, consumed: 3, timeToFirstAck: [{ atMs: 150, firstAckAfterMs: 50 }], longestUnavailableMs: 0 });
  });

  it('names a lost acknowledged record with what the log holds at its offset', () => {
    const v = judge(input({ finalLog: [rec('a', 0, 0), rec('c', 0, 2)], consumers: [] }));
    expect(failing(v)).toEqual(['no-lost-acknowledged']);
    const lost = v.anomalies.find((a) => a.check === 'no-lost-acknowledged')!;
    expect(lost.records).toEqual([{ topic: 't', partition: 0, offset: 1, value: 'b', producer: 'p1', seq: 1, logValue: null }]);
    expect(v.passed).toBe(false);
  });

  it('names duplicates and reorders per producer and partition', () => {
    const dup = judge(input({ finalLog: [...finalLog, rec('b', 0, 3)], consumers: [] }));
    expect(failing(dup)).toEqual(['no-duplicates']);
    expect(dup.anomalies[0]!.records.map((r) => r.offset)).toEqual([1, 3]);
    const reordered = judge(input({ producers: [{ name: 'p1', acknowledged: [ack('a', 0, null, 0), ack('b', 0, null, 2), ack('c', 0, null, 1)], indeterminate: [], failed: 0, startMs: 0, endMs: 300 }], consumers: [] }));
    expect(failing(reordered)).toEqual(['ordered-per-producer-partition']);
    expect(reordered.anomalies[0]!.records.map((r) => [r.value, r.seq, r.offset])).toEqual([['c', 1, 2], ['b', 2, 1]]);
  });

  it('finds consumer skips, rewinds, unseen records and inconsistent offsets', () => {
    const skipped = judge(input({ consumers: [{ ...input().consumers[0]!, processed: [proc('a', 0, 110), proc('c', 2, 310)] }] }));
    expect(failing(skipped)).toEqual(['no-consumer-skips', 'no-unseen-after-heal']);
    expect(skipped.anomalies[0]!.records).toMatchObject([{ partition: 0, offset: 1, value: 'b', member: 'm1' }]);
    const rewound = judge(input({ consumers: [{ ...input().consumers[0]!, processed: [proc('a', 0, 110), proc('b', 1, 210), proc('a', 0, 250), proc('b', 1, 260), proc('c', 2, 310)] }] }));
    expect(failing(rewound)).toEqual(['no-consumer-rewinds']);
    const wrong = judge(input({ consumers: [{ ...input().consumers[0]!, processed: [proc('a', 0, 110), proc('x', 1, 210), proc('c', 2, 310)] }] }));
    expect(failing(wrong)).toEqual(['consistent-offsets']);
    expect(wrong.anomalies[0]!.records[0]).toMatchObject({ value: 'x', logValue: 'b' });
  });

  it('fails max-unavailability past its threshold and counts errors by name', () => {
    const v = judge(input({
      outcomes: [
        { producer: 'p1', timeMs: 100, status: 'acknowledged', error: null },
        { producer: 'p1', timeMs: 1000, status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' },
        { producer: 'p1', timeMs: 3500, status: 'acknowledged', error: null },
      ],
      producers: [{ name: 'p1', acknowledged: writes, indeterminate: [], failed: 1, startMs: 0, endMs: 3600 }],
    }));
    expect(failing(v)).toEqual(['max-unavailability']);
    expect(v.figures.unavailability).toEqual([{ producer: 'p1', fromMs: 100, toMs: 3500 }]);
    expect(v.figures.errorsByName).toEqual({ NOT_LEADER_OR_FOLLOWER: 1 });
  });

  it('passes a check expected to be violated only when it is', () => {
    const checks = [{ name: 'no-lost-acknowledged' as const, expect: 'violated' as const, thresholdMs: null }];
    expect(judge(input({ checks })).passed).toBe(false);
    const v = judge(input({ checks, finalLog: [rec('a', 0, 0)], consumers: [] }));
    expect(v.passed).toBe(true);
    expect(v.checks[0]).toMatchObject({ held: false, passed: true, anomalies: 2 });
  });
});

describe('judge with two topics', () => {
  it('judges each topic on its own: the same partition and offset in two topics is no conflict', () => {
    const other = (value: string, offset: number): ConsumedRecord => ({ ...rec(value, 0, offset), topic: 'u' });
    const otherWrites = [{ ...ack('x', 0, 0, 0), topic: 'u', producer: 'p2' }, { ...ack('y', 0, 1, 1), topic: 'u', producer: 'p2' }];
    const v = judge(input({
      producers: [input().producers[0]!, { name: 'p2', acknowledged: otherWrites, indeterminate: [], failed: 0, startMs: 0, endMs: 300 }],
      finalLog: [...finalLog, other('x', 0)],
      consumers: [],
    }));
    expect(failing(v)).toEqual(['no-lost-acknowledged']);
    expect(v.anomalies[0]!.records[0]).toMatchObject({ topic: 'u', partition: 0, offset: 1, value: 'y' });
  });
});
