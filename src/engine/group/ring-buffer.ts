/**
 * A fixed-capacity FIFO: pushing onto a full buffer overwrites the oldest entry, so a time series
 * sampled forever holds only its last `capacity` points and never grows.
 */
export class RingBuffer<T> {
  private readonly slots: Array<T | undefined>;
  /** Index of the oldest entry. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`ring buffer capacity must be a positive integer, got ${capacity}`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends `value`; returns the entry it pushed out, if the buffer was full. */
  push(value: T): T | undefined {
    if (this.count < this.capacity) {
      this.slots[(this.head + this.count) % this.capacity] = value;
      this.count++;
      return undefined;
    }
    const evicted = this.slots[this.head];
    this.slots[this.head] = value;
    this.head = (this.head + 1) % this.capacity;
    return evicted;
  }

  /** The i-th oldest entry (0 = oldest), or undefined outside [0, size). */
  at(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    return this.slots[(this.head + i) % this.capacity];
  }

  /** The newest entry. */
  last(): T | undefined {
    return this.count === 0 ? undefined : this.at(this.count - 1);
  }

  /** The entries oldest first, as a new array. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.slots[(this.head + i) % this.capacity] as T);
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
