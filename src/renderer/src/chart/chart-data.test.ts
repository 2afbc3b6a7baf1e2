import { describe, expect, it } from 'vitest';
import { rowsOf } from './series-rows';
import { timeTicks } from './TimeChart';

describe('chart data', () => {
  it('merges lines into one row per sample time, a gap staying null', () => {
    const rows = rowsOf([
      { key: 'a', label: 'a', points: [{ at: 2000, value: 5 }, { at: 1000, value: 3 }] },
      { key: 'b', label: 'b', points: [{ at: 1000, value: null }, { at: 3000, value: 7 }] },
    ]);
    expect(rows).toEqual([
      { at: 1000, a: 3, b: null },
      { at: 2000, a: 5 },
      { at: 3000, b: 7 },
    ]);
  });

  it('puts ticks on round minutes for 5 minutes and on round 10 minutes for an hour, inside the window', () => {
    const from = Date.UTC(2026, 0, 1, 10, 0, 30);
    const five = timeTicks(from, from + 5 * 60_000);
    expect(five).toHaveLength(5);
    expect(five.every((t) => t % 60_000 === 0 && t >= from && t <= from + 5 * 60_000)).toBe(true);
    const hour = timeTicks(from, from + 60 * 60_000);
    expect(hour.every((t, i) => i === 0 || t - hour[i - 1]! === 10 * 60_000)).toBe(true);
    expect(hour.length).toBeGreaterThanOrEqual(5);
  });
});
