import { describe, expect, it } from 'vitest';
import { DeliveryTally, failsAt } from './delivery-counts';

describe('DeliveryTally', () => {
  it('counts duplicates and offsets skipped below the commit', () => {
    const t = new DeliveryTally();
    t.noteStart(0, 0);
    for (const o of [0, 1, 2, 2, 4, 5]) t.handled(0, o, true);
    t.handled(0, 3, false);
    t.noteCommitted(0, 6);
    t.noteStart(1, 10);
    t.handled(1, 10, true);
    t.noteCommitted(1, 12);
    expect(t.counts()).toEqual({ processed: 8, distinct: 6, duplicates: 1, skipped: 2, failuresInjected: 0, commitsRefused: 0 });
  });

  it('spreads failures evenly: 200 records at 1.5 % fail exactly 3 times', () => {
    const at = Array.from({ length: 200 }, (_, n) => n).filter((n) => failsAt(n, 0.015));
    expect(at.length).toBe(3);
    expect(Array.from({ length: 1000 }, (_, n) => n).filter((n) => failsAt(n, 0.1)).length).toBe(100);
    expect(failsAt(5, 0)).toBe(false);
    expect(Array.from({ length: 10 }, (_, n) => failsAt(n, 1)).every(Boolean)).toBe(true);
  });
});
