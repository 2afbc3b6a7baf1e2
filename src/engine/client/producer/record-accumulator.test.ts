// The accumulator against the Java client's documented rules (ProducerConfig docs for batch.size
// and linger.ms, RecordAccumulator.ready/drain): records join the open batch of their partition
// until batch.size; a batch is ready when full, lingered, flushed or a retry past its backoff; a
// retried batch goes back before the batches sent after it.
import { describe, expect, it } from 'vitest';
import { BATCH_OVERHEAD, estimateRecordSize } from './producer-batch';
import { RecordAccumulator } from './record-accumulator';

const record = (value: string) => ({ key: null, value });
const noop = (): void => undefined;

describe('RecordAccumulator', () => {
  it('fills one batch per partition up to batch.size, then opens the next', () => {
    const size = estimateRecordSize(record('x'.repeat(100)));
    const acc = new RecordAccumulator(BATCH_OVERHEAD + 3 * size, 1_000);
    const batches = new Set(Array.from({ length: 7 }, () => acc.append('t', 0, record('x'.repeat(100)), size, 0, noop)));
    expect([...batches].map((b) => b.recordCount)).toEqual([3, 3, 1]);
    // A record larger than batch.size still gets a batch of its own.
    const big = acc.append('t', 1, record('y'.repeat(10_000)), 10_021, 0, noop);
    expect(big.recordCount).toBe(1);
  });

  it('is ready when full or when linger.ms has passed, and says when to look again', () => {
    const acc = new RecordAccumulator(16_384, 50);
    acc.append('t', 0, record('a'), 22, 1_000, noop);
    expect(acc.ready(1_010)).toEqual({ ready: [], nextCheckMs: 40 });
    expect(acc.ready(1_050).ready).toEqual([{ topic: 't', partition: 0 }]);
    const full = new RecordAccumulator(100, 10_000);
    full.append('t', 0, record('a'.repeat(60)), 81, 0, noop);
    full.append('t', 0, record('b'), 22, 0, noop);
    // The first batch is full (the second record opened a new one), so the partition is ready at once.
    expect(full.ready(0).ready).toEqual([{ topic: 't', partition: 0 }]);
  });

  it('a flush makes lingering batches ready', () => {
    const acc = new RecordAccumulator(16_384, 60_000);
    acc.append('t', 3, record('a'), 22, 0, noop);
    expect(acc.ready(1).ready).toEqual([]);
    acc.beginFlush();
    expect(acc.ready(1).ready).toEqual([{ topic: 't', partition: 3 }]);
  });

  it('puts a retried batch back before later batches, ready only after its backoff', () => {
    const acc = new RecordAccumulator(30, 0);
    const first = acc.append('t', 0, record('a'), 22, 0, noop);
    first.inFlight = true;
    first.attempts = 1;
    const second = acc.append('t', 0, record('b'), 22, 0, noop);
    expect(second).not.toBe(first);
    second.inFlight = true;
    second.attempts = 1;
    first.retryAtMs = 100;
    acc.reenqueue(first);
    // The second batch is still in flight; the retry waits for its backoff.
    expect(acc.ready(50)).toEqual({ ready: [], nextCheckMs: 50 });
    expect(acc.ready(100).ready).toEqual([{ topic: 't', partition: 0 }]);
    second.retryAtMs = 0;
    acc.reenqueue(second);
    expect(acc.head('t', 0)).toBe(first);
    // A new record never joins a retried batch.
    expect(acc.append('t', 0, record('c'), 1, 200, noop)).not.toBe(first);
  });
});
