import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { LagSampler, type LagCollection, type LagTick } from './lag-sampler';
import { ManualScheduler } from './scheduler';

/**
 * A pretend cluster: topic "t" has 2 partitions each growing at `rate` records/s from time zero;
 * group "g" committed 100 on each and stopped.
 */
function model(clock: ManualClock, rate = 50) {
  const t0 = clock.now();
  let calls = 0;
  const collect = async (): Promise<LagCollection> => {
    calls++;
    const end = 100 + Math.floor(((clock.now() - t0) * rate) / 1000);
    return {
      lag: [0, 1].map((partition) => ({ group: 'g', topic: 't', partition, committedOffset: 100, logEndOffset: end, lag: end - 100, timeLagMs: end > 100 ? clock.now() - t0 : 0 })),
      logEnds: [0, 1].map((partition) => ({ topic: 't', partition, logEndOffset: end })),
    };
  };
  return { collect, calls: () => calls };
}

function setup() {
  const clock = new ManualClock();
  const scheduler = new ManualScheduler(clock);
  return { clock, scheduler };
}

async function advance(scheduler: ManualScheduler, sampler: LagSampler, ms: number, step = 1000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    scheduler.advance(step);
    await sampler.idle();
  }
}

describe('LagSampler', () => {
  it('samples on a fixed tick into per-partition, per-group-topic and per-topic series', async () => {
    const { clock, scheduler } = setup();
    const m = model(clock, 50);
    const sampler = new LagSampler({ collect: m.collect, clock, scheduler, tickMs: 1000 });
    const ticks: LagTick[] = [];
    sampler.subscribe((t) => ticks.push(t));
    const t0 = clock.now();
    sampler.start();
    await sampler.idle();
    await advance(scheduler, sampler, 5000);

    expect(m.calls()).toBe(6);
    const series = sampler.partitionSeries('g', 't', 0);
    expect(series.map((p) => p.at - t0)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(series.map((p) => p.lag)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(series[3]).toMatchObject({ committedOffset: 100, logEndOffset: 250, timeLagMs: 3000 });
    expect(sampler.groupTopicSeries('g', 't').map((p) => p.lag)).toEqual([0, 100, 200, 300, 400, 500]);
    // Both partitions grow by 50 a second: 100 records per 1 s tick; no point for the first tick.
    expect(sampler.throughputSeries('t')).toEqual([1000, 2000, 3000, 4000, 5000].map((d) => ({ at: t0 + d, records: 100, recordsPerSec: 100 })));
    expect(ticks).toHaveLength(6);
    expect(ticks[2]).toMatchObject({ at: t0 + 2000, error: null, topics: [{ topic: 't', records: 100, recordsPerSec: 100 }] });
    expect(sampler.seriesKeys()).toEqual({ partitions: [{ group: 'g', topic: 't', partition: 0 }, { group: 'g', topic: 't', partition: 1 }], topics: ['t'] });

    sampler.stop();
    await advance(scheduler, sampler, 3000);
    expect(m.calls()).toBe(6);
    expect(scheduler.pending).toBe(0);
  });

  it('keeps at most `capacity` points per series', async () => {
    const { clock, scheduler } = setup();
    const m = model(clock);
    const sampler = new LagSampler({ collect: m.collect, clock, scheduler, tickMs: 500, capacity: 4 });
    sampler.start();
    await sampler.idle();
    await advance(scheduler, sampler, 5000, 500);
    const at = sampler.partitionSeries('g', 't', 1).map((p) => p.at - (clock.now() - 5000));
    expect(at).toEqual([3500, 4000, 4500, 5000]);
    expect(sampler.throughputSeries('t')).toHaveLength(4);
    sampler.stop();
  });

  it('skips ticks that fall due while a slow collection runs, and never overlaps collections', async () => {
    const { clock, scheduler } = setup();
    let inFlight = 0;
    let maxInFlight = 0;
    let release: (() => void) | null = null;
    const starts: number[] = [];
    const collect = async (): Promise<LagCollection> => {
      starts.push(clock.now());
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((r) => (release = r));
      inFlight--;
      return { lag: [], logEnds: [] };
    };
    const sampler = new LagSampler({ collect, clock, scheduler, tickMs: 1000 });
    const t0 = clock.now();
    sampler.start();
    scheduler.advance(3500); // ticks at 1000, 2000 and 3000 fall due during the first collection
    release!();
    await sampler.idle();
    scheduler.advance(500); // the tick at 4000 starts a new one
    release!();
    await sampler.idle();
    expect(starts.map((s) => s - t0)).toEqual([0, 4000]);
    expect(maxInFlight).toBe(1);
    sampler.stop();
  });

  it('reports a failed collection to subscribers, records nothing for it, and keeps sampling', async () => {
    const { clock, scheduler } = setup();
    const m = model(clock);
    let fail = false;
    const sampler = new LagSampler({ collect: () => (fail ? Promise.reject(new Error('cluster unreachable')) : m.collect()), clock, scheduler });
    const ticks: LagTick[] = [];
    sampler.subscribe(() => {
      throw new Error('a broken subscriber');
    });
    const unsubscribe = sampler.subscribe((t) => ticks.push(t));
    sampler.start();
    await sampler.idle();
    fail = true;
    await advance(scheduler, sampler, 1000);
    fail = false;
    await advance(scheduler, sampler, 1000);
    expect(ticks.map((t) => t.error)).toEqual([null, 'cluster unreachable', null]);
    expect(sampler.partitionSeries('g', 't', 0)).toHaveLength(2);
    // The throughput delta spans the failed tick: 2 s of appends over 2 s.
    expect(sampler.throughputSeries('t')).toEqual([{ at: clock.now(), records: 200, recordsPerSec: 100 }]);
    unsubscribe();
    await advance(scheduler, sampler, 1000);
    expect(ticks).toHaveLength(3);
    sampler.stop();
  });

  it('drops the series of a group that is gone for a whole window', async () => {
    const { clock, scheduler } = setup();
    let groups = ['g', 'h'];
    const collect = async (): Promise<LagCollection> => ({
      lag: groups.map((group) => ({ group, topic: 't', partition: 0, committedOffset: 0, logEndOffset: 0, lag: 0, timeLagMs: 0 })),
      logEnds: [{ topic: 't', partition: 0, logEndOffset: 0 }],
    });
    const sampler = new LagSampler({ collect, clock, scheduler, capacity: 3 });
    sampler.start();
    await sampler.idle();
    await advance(scheduler, sampler, 1000);
    groups = ['g'];
    await advance(scheduler, sampler, 2000);
    expect(sampler.partitionSeries('h', 't', 0)).toHaveLength(2);
    await advance(scheduler, sampler, 2000);
    expect(sampler.partitionSeries('h', 't', 0)).toEqual([]);
    expect(sampler.groupTopicSeries('h', 't')).toEqual([]);
    expect(sampler.partitionSeries('g', 't', 0)).toHaveLength(3);
    sampler.stop();
  });

  it('counts a log end that moved back as no appends, and a new partition from its second tick', async () => {
    const { clock, scheduler } = setup();
    let ends: Array<[number, number]> = [[0, 50]];
    const collect = async (): Promise<LagCollection> => ({ lag: [], logEnds: ends.map(([partition, logEndOffset]) => ({ topic: 't', partition, logEndOffset })) });
    const sampler = new LagSampler({ collect, clock, scheduler });
    sampler.start();
    await sampler.idle();
    ends = [[0, 10], [1, 7]];
    await advance(scheduler, sampler, 1000);
    ends = [[0, 15], [1, 9]];
    await advance(scheduler, sampler, 1000);
    expect(sampler.throughputSeries('t').map((p) => p.records)).toEqual([0, 7]);
    sampler.stop();
  });

  it('refuses a tick or capacity that cannot work', () => {
    const collect = async (): Promise<LagCollection> => ({ lag: [], logEnds: [] });
    expect(() => new LagSampler({ collect, tickMs: 0 })).toThrow(RangeError);
    expect(() => new LagSampler({ collect, capacity: 0 })).toThrow(RangeError);
  });
});
