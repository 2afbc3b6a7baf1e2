import { describe, expect, it } from 'vitest';
import { errorsByName, timeToFirstAck, unavailabilityWindows, type TimedOutcome } from './figures';

const ack = (timeMs: number, producer = 'p'): TimedOutcome => ({ producer, timeMs, status: 'acknowledged', error: null });
const err = (timeMs: number, error: string): TimedOutcome => ({ producer: 'p', timeMs, status: 'failed', error });

describe('figures', () => {
  it('finds windows without acknowledgements longer than the threshold, including at the edges', () => {
    const outcomes = [ack(1500), ack(1600), ack(4000), ack(4100)];
    expect(unavailabilityWindows(outcomes, [{ name: 'p', startMs: 0, endMs: 6000 }], 1000)).toEqual([
      { producer: 'p', fromMs: 0, toMs: 1500 },
      { producer: 'p', fromMs: 1600, toMs: 4000 },
      { producer: 'p', fromMs: 4100, toMs: 6000 },
    ]);
    expect(unavailabilityWindows(outcomes, [{ name: 'p', startMs: 1000, endMs: 4500 }], 1000)).toEqual([{ producer: 'p', fromMs: 1600, toMs: 4000 }]);
  });

  it('measures the time to the first acknowledgement after each fault', () => {
    expect(timeToFirstAck([ack(100), ack(2600), err(2700, 'X')], [50, 1000, 3000])).toEqual([50, 1600, null]);
  });

  it('counts errors by Kafka name, largest first', () => {
    const outcomes = [err(1, 'NOT_ENOUGH_REPLICAS'), err(2, 'REQUEST_TIMED_OUT'), err(3, 'NOT_ENOUGH_REPLICAS'), ack(4)];
    expect(Object.entries(errorsByName(outcomes, ['COORDINATOR_NOT_AVAILABLE']))).toEqual([
      ['NOT_ENOUGH_REPLICAS', 2],
      ['COORDINATOR_NOT_AVAILABLE', 1],
      ['REQUEST_TIMED_OUT', 1],
    ]);
  });
});
