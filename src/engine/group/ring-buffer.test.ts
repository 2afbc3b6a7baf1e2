import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps entries oldest first until full', () => {
    const b = new RingBuffer<number>(3);
    expect(b.toArray()).toEqual([]);
    expect(b.last()).toBeUndefined();
    expect(b.push(1)).toBeUndefined();
    expect(b.push(2)).toBeUndefined();
    expect(b.toArray()).toEqual([1, 2]);
    expect(b.size).toBe(2);
    expect(b.last()).toBe(2);
  });

  it('overwrites the oldest entry once full and reports what it pushed out', () => {
    const b = new RingBuffer<number>(3);
    for (const v of [1, 2, 3]) b.push(v);
    expect(b.push(4)).toBe(1);
    expect(b.push(5)).toBe(2);
    expect(b.toArray()).toEqual([3, 4, 5]);
    expect(b.size).toBe(3);
    expect([b.at(0), b.at(2), b.at(3), b.at(-1)]).toEqual([3, 5, undefined, undefined]);
  });

  it('matches a plain array model over many pushes', () => {
    for (const capacity of [1, 2, 7]) {
      const b = new RingBuffer<number>(capacity);
      const model: number[] = [];
      for (let i = 0; i < 50; i++) {
        b.push(i);
        model.push(i);
        if (model.length > capacity) model.shift();
        expect(b.toArray()).toEqual(model);
      }
    }
  });

  it('clears, and refuses a capacity that is not a positive integer', () => {
    const b = new RingBuffer<string>(2);
    b.push('a');
    b.clear();
    expect(b.size).toBe(0);
    b.push('b');
    expect(b.toArray()).toEqual(['b']);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });
});
