import { describe, expect, it } from 'vitest';
import {
  formatResetPlanCsv,
  OffsetResetError,
  parseResetDateTime,
  parseResetDuration,
  parseResetPlanCsv,
  parseTopicScope,
  planOffsetReset,
  resetTimestamp,
  type PartitionOffsetsInput,
} from './offset-reset-plan';

/** Two partitions: p0 holds [10, 50) with a commit at 30; p1 holds [0, 20) and has no commit. */
const P: PartitionOffsetsInput[] = [
  { topic: 't', partition: 1, committedOffset: null, logStartOffset: 0, logEndOffset: 20 },
  { topic: 't', partition: 0, committedOffset: 30, logStartOffset: 10, logEndOffset: 50 },
];
const targets = (rows: ReturnType<typeof planOffsetReset>) => rows.map((r) => [r.partition, r.targetOffset, r.clamped]);

describe('planOffsetReset', () => {
  it('goes to the log start or end, and sorts rows by topic and partition', () => {
    const earliest = planOffsetReset({ kind: 'to-earliest' }, P);
    expect(earliest[0]).toEqual({ topic: 't', partition: 0, currentOffset: 30, targetOffset: 10, requestedOffset: 10, logStartOffset: 10, logEndOffset: 50, clamped: null });
    expect(targets(earliest)).toEqual([[0, 10, null], [1, 0, null]]);
    expect(targets(planOffsetReset({ kind: 'to-latest' }, P))).toEqual([[0, 50, null], [1, 20, null]]);
  });

  it('clamps --to-offset to the log and flags which end it hit', () => {
    expect(targets(planOffsetReset({ kind: 'to-offset', offset: 15 }, P))).toEqual([[0, 15, null], [1, 15, null]]);
    const low = planOffsetReset({ kind: 'to-offset', offset: 5 }, P);
    expect(targets(low)).toEqual([[0, 10, 'start'], [1, 5, null]]);
    expect(low[0]!.requestedOffset).toBe(5);
    expect(targets(planOffsetReset({ kind: 'to-offset', offset: 40 }, P))).toEqual([[0, 40, null], [1, 20, 'end']]);
  });

  it('shifts from the committed offset, clamped, and refuses partitions without one', () => {
    const committed = P.map((p) => ({ ...p, committedOffset: p.committedOffset ?? 12 }));
    expect(targets(planOffsetReset({ kind: 'shift-by', shift: -10 }, committed))).toEqual([[0, 20, null], [1, 2, null]]);
    expect(targets(planOffsetReset({ kind: 'shift-by', shift: -25 }, committed))).toEqual([[0, 10, 'start'], [1, 0, 'start']]);
    expect(targets(planOffsetReset({ kind: 'shift-by', shift: 15 }, committed))).toEqual([[0, 45, null], [1, 20, 'end']]);
    expect(() => planOffsetReset({ kind: 'shift-by', shift: 1 }, P)).toThrow(/no committed offset/);
  });

  it('uses the timestamp lookup and falls back to the log end when no record is that late', () => {
    const withTs = [
      { ...P[0]!, offsetForTimestamp: 7 },
      { ...P[1]!, offsetForTimestamp: null },
    ];
    expect(targets(planOffsetReset({ kind: 'to-datetime', datetime: '2024-01-01T00:00:00.000' }, withTs))).toEqual([[0, 50, null], [1, 7, null]]);
    expect(targets(planOffsetReset({ kind: 'by-duration', duration: 'PT1H' }, withTs.map((p) => ({ ...p, offsetForTimestamp: -1 }))))).toEqual([[0, 50, null], [1, 20, null]]);
    expect(() => planOffsetReset({ kind: 'to-datetime', datetime: '2024-01-01T00:00:00.000' }, P)).toThrow(/no timestamp lookup/);
  });

  it('takes a plan file, clamped', () => {
    const entries = [
      { topic: 't', partition: 0, offset: 100 },
      { topic: 't', partition: 1, offset: 3 },
    ];
    expect(targets(planOffsetReset({ kind: 'from-file', entries }, P))).toEqual([[0, 50, 'end'], [1, 3, null]]);
  });

  it('keeps the current offset as it is, and uses the log end where there is none', () => {
    const outOfRange = [P[0]!, { ...P[1]!, committedOffset: 2 }];
    expect(targets(planOffsetReset({ kind: 'to-current' }, outOfRange))).toEqual([[0, 2, null], [1, 20, null]]);
  });

  it('refuses malformed arguments before planning', () => {
    expect(() => planOffsetReset({ kind: 'to-offset', offset: 1.5 }, P)).toThrow(OffsetResetError);
    expect(() => planOffsetReset({ kind: 'to-datetime', datetime: 'yesterday' }, P)).toThrow(OffsetResetError);
    expect(() => planOffsetReset({ kind: 'by-duration', duration: '1h' }, P)).toThrow(OffsetResetError);
    expect(() => planOffsetReset({ kind: 'from-file', entries: [] }, P)).toThrow(OffsetResetError);
  });
});

describe('datetime and duration arguments', () => {
  it('reads datetimes as Kafka does: UTC without zone, Z and numeric zones', () => {
    const utc = Date.UTC(2024, 1, 29, 13, 5, 9, 123);
    expect(parseResetDateTime('2024-02-29T13:05:09.123')).toBe(utc);
    expect(parseResetDateTime('2024-02-29T13:05:09.123Z')).toBe(utc);
    expect(parseResetDateTime('2024-02-29T14:05:09.123+01:00')).toBe(utc);
    expect(parseResetDateTime('2024-02-29T14:05:09.123+0100')).toBe(utc);
    expect(parseResetDateTime('2024-02-29T11:05:09.123-02')).toBe(utc);
    expect(parseResetDateTime('2024-02-29T13:05:09')).toBe(utc - 123);
  });

  it.each(['2023-02-29T00:00:00.000', '2024-13-01T00:00:00.000', '2024-01-01T24:00:00.000', '2024-01-01 00:00:00.000', '2024-01-01T00:00:00.5', '2024-01-01T00:00:00.000+19:00', ''])(
    'refuses the datetime %j',
    (text) => {
      expect(() => parseResetDateTime(text)).toThrow(OffsetResetError);
    },
  );

  it('reads durations as java.time.Duration.parse does', () => {
    expect(parseResetDuration('PT30M')).toBe(1_800_000);
    expect(parseResetDuration('P1DT2H3M4.5S')).toBe(86_400_000 + 7_200_000 + 180_000 + 4_500);
    expect(parseResetDuration('pt1s')).toBe(1000);
    expect(parseResetDuration('-PT6H3M')).toBe(-(6 * 3_600_000 + 180_000));
    expect(parseResetDuration('PT-6H3M')).toBe(-6 * 3_600_000 + 180_000);
    expect(parseResetDuration('P2D')).toBe(2 * 86_400_000);
  });

  it.each(['P', 'PT', '1H', 'PT1', 'P1H', 'PT1H2D', ''])('refuses the duration %j', (text) => {
    expect(() => parseResetDuration(text)).toThrow(OffsetResetError);
  });

  it('resolves the timestamp to look up', () => {
    expect(resetTimestamp({ kind: 'by-duration', duration: 'PT1M' }, 1_000_000)).toBe(940_000);
    expect(resetTimestamp({ kind: 'to-datetime', datetime: '1970-01-01T00:00:01.000Z' }, 0)).toBe(1000);
    expect(resetTimestamp({ kind: 'to-earliest' }, 5)).toBeNull();
  });
});

describe('scope arguments', () => {
  it('parses --topic T and --topic T:0,2 as Kafka splits them', () => {
    expect(parseTopicScope('orders')).toEqual({ topic: 'orders', partitions: null });
    expect(parseTopicScope('orders:2,0,2')).toEqual({ topic: 'orders', partitions: [0, 2] });
  });

  it.each(['a:b:c', 'orders:x', 'orders:', 'bad topic', ':1'])('refuses %j', (arg) => {
    expect(() => parseTopicScope(arg)).toThrow(OffsetResetError);
  });
});

describe('reset plan CSV', () => {
  it('round-trips through Kafka export format', () => {
    const rows = planOffsetReset({ kind: 'to-offset', offset: 12 }, P);
    const csv = formatResetPlanCsv(rows);
    expect(csv).toBe('t,0,12\nt,1,12\n');
    expect(parseResetPlanCsv(csv, 'g')).toEqual([
      { topic: 't', partition: 0, offset: 12 },
      { topic: 't', partition: 1, offset: 12 },
    ]);
    expect(parseResetPlanCsv(formatResetPlanCsv(rows, 'g'), 'g')).toEqual(parseResetPlanCsv(csv, 'g'));
  });

  it('keeps only the group asked for in the four-column format', () => {
    expect(parseResetPlanCsv('a,t,0,5\r\nb,t,0,6\n\n', 'b')).toEqual([{ topic: 't', partition: 0, offset: 6 }]);
    expect(() => parseResetPlanCsv('a,t,0,5\n', 'c')).toThrow(/no reset plan for group c/);
  });

  it.each([
    ['', /empty/],
    ['t,0\n', /line 1/],
    ['t,0,1\nt,1\n', /line 2: expected 3 fields/],
    ['t,x,1\n', /invalid partition/],
    ['t,0,1.5\n', /invalid offset/],
    ['t,0,1\nt,0,2\n', /appears twice/],
  ])('refuses %j', (csv, message) => {
    expect(() => parseResetPlanCsv(csv, 'g')).toThrow(message);
  });
});
