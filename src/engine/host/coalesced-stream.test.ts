import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../logger';
import { CoalescedStream } from './coalesced-stream';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CoalescedStream', () => {
  it('samples only while someone listens, emits changes only, and replays the latest to a new listener', async () => {
    let state = 1;
    let samples = 0;
    const stream = new CoalescedStream({ name: 't', tickMs: 10, logger: createMemoryLogger(), sample: async () => (samples++, { state }) });
    await wait(30);
    expect(samples).toBe(0);

    const seen: number[] = [];
    const stop = stream.subscribe((v) => seen.push(v.state));
    await wait(50);
    expect(seen).toEqual([1]);
    state = 2;
    await wait(50);
    expect(seen).toEqual([1, 2]);

    const late: number[] = [];
    const stopLate = stream.subscribe((v) => late.push(v.state));
    await wait(5);
    expect(late).toEqual([2]);
    stopLate();
    stop();
    const after = samples;
    await wait(40);
    expect(samples).toBe(after);
    stream.close();
  });

  it('keeps sampling after a failed sample', async () => {
    let n = 0;
    const logger = createMemoryLogger();
    const stream = new CoalescedStream({
      name: 't',
      tickMs: 5,
      logger,
      sample: async () => {
        if (++n === 1) throw new Error('boom');
        return n;
      },
    });
    const seen: number[] = [];
    stream.subscribe((v) => seen.push(v));
    await wait(40);
    expect(seen[0]).toBe(2);
    expect(logger.lines[0]).toBe('WARN t sample failed: boom');
    stream.close();
  });
});
