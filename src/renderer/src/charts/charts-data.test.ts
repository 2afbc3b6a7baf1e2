// The Charts page's pure parts: which partitions were under-replicated in a window, and which
// broker-lane runs have room for their label.
import { describe, expect, it } from 'vitest';
import type { HistorySeries } from '../../../shared/groups-history-types';
import { underReplicatedOf } from './chart-lines';
import { ICON_PX, laneLabel, runPixels } from './lane-labels';

const points = (values: Array<number | null>) => values.map((value, i) => ({ at: 1000 + i * 500, value }));
const isr = (partition: number, values: Array<number | null>): HistorySeries => ({ kind: 'partition-isr', topic: 't', partition, unit: 'replicas', points: points(values) });
const reps = (partition: number, values: Array<number | null>): HistorySeries => ({ kind: 'partition-replicas', topic: 't', partition, unit: 'replicas', points: points(values) });

describe('underReplicatedOf', () => {
  it('lists the partitions whose ISR fell below their replicas, how low, for how long, and whether they still are', () => {
    const series = [isr(0, [3, 3, 3, 3]), reps(0, [3, 3, 3, 3]), isr(1, [3, 2, 1, 3]), reps(1, [3, 3, 3, 3]), isr(2, [3, 3, 2, 2]), reps(2, [3, 3, 3, 3]), isr(3, [1, 1, null, 1]), reps(3, [1, 1, null, 1])];
    expect(underReplicatedOf(series, 500)).toEqual([
      { partition: 1, isrNow: 3, replicasNow: 3, lowest: 1, forMs: 1000 },
      { partition: 2, isrNow: 2, replicasNow: 3, lowest: 2, forMs: 1000 },
    ]);
  });
});

describe('broker-lane labels', () => {
  it('a run shows icon and word where both fit, the icon where only it fits, nothing below that', () => {
    expect(laneLabel(100, 50)).toBe('full');
    expect(laneLabel(77, 50)).toBe('icon');
    expect(laneLabel(60, 50)).toBe('icon');
    expect(laneLabel(ICON_PX + 11, 50)).toBe('icon');
    expect(laneLabel(ICON_PX + 10, 50)).toBe('none');
    // A wider icon needs more room.
    expect(laneLabel(ICON_PX + 11, 50, ICON_PX + 4)).toBe('none');
    // On a 1,000 px track over 5 minutes: 5 s (17 px) has room for nothing, 10 s (33 px) for the icon.
    expect(laneLabel(runPixels(0, (5 / 300) * 100, 1000), 40)).toBe('none');
    expect(laneLabel(runPixels(0, (10 / 300) * 100, 1000), 40)).toBe('icon');
  });
});
