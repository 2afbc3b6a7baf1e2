import { describe, expect, it } from 'vitest';
import { formatLagTable, formatResetPlan, formatTimeLag } from './groups-output';

describe('groups output', () => {
  it('lays out the lag table with Kafka columns first and TIME-LAG last', () => {
    const out = formatLagTable([
      { group: 'g', topic: 'orders', partition: 0, committedOffset: 5, logEndOffset: 9, lag: 4, timeLagMs: 3_500, consumerId: 'c-1', host: '/127.0.0.1', clientId: 'app' },
      { group: 'g', topic: 'orders', partition: 1, committedOffset: null, logEndOffset: 2, lag: null, timeLagMs: null, consumerId: null, host: null, clientId: null },
    ]);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]!.split(/\s+/)).toEqual(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', 'TIME-LAG']);
    expect(lines[1]!.split(/\s+/)).toEqual(['g', 'orders', '0', '5', '9', '4', 'c-1', '/127.0.0.1', 'app', '3.5s']);
    expect(lines[2]!.split(/\s+/)).toEqual(['g', 'orders', '1', '-', '2', '-', '-', '-', '-', '-']);
    // Columns line up: each header starts where its values start.
    expect(lines[1]!.indexOf('5')).toBe(lines[0]!.indexOf('CURRENT-OFFSET'));
  });

  it('keeps Kafka GROUP TOPIC PARTITION NEW-OFFSET first in the reset plan and marks clamped rows', () => {
    const out = formatResetPlan('g', [
      { topic: 't', partition: 0, currentOffset: 30, targetOffset: 20, requestedOffset: 20, logStartOffset: 0, logEndOffset: 40, clamped: null },
      { topic: 't', partition: 1, currentOffset: null, targetOffset: 40, requestedOffset: 99, logStartOffset: 0, logEndOffset: 40, clamped: 'end' },
    ]);
    const lines = out.trimEnd().split('\n');
    expect(out.split('\n')[0]!.split(/\s+/)).toEqual(['GROUP', 'TOPIC', 'PARTITION', 'NEW-OFFSET', 'CURRENT-OFFSET', 'LOG-START-OFFSET', 'LOG-END-OFFSET', 'CLAMPED']);
    expect(out).toMatch(/^g +t +1 +40 +- +0 +40 +end \(asked 99\)$/m);
    expect(out).toMatch(/^g +t +0 +20 +30 +0 +40 +-$/m);
    expect(lines).toHaveLength(3);
  });

  it('writes time lags people can read', () => {
    expect([null, 0, 250, 59_949, 187_000, 7_500_000, 277_200_000].map(formatTimeLag)).toEqual(['-', '0s', '0.3s', '59.9s', '3m07s', '2h05m', '3d05h']);
  });
});
