// The history's files on a real folder with an injected clock: a torn last line is skipped and the
// next line starts clean, old files go by retention, a new ClusterHistory reloads the last hour of
// ticks and the markers, and the 24-hour and 7-day windows come from the minute tier.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import type { LagTick } from '../../group/lag-sampler';
import { createMemoryLogger } from '../../logger';
import { ClusterHistory } from './cluster-history';
import { HistoryFiles } from './history-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'history-test-'));
  dirs.push(d);
  return d;
}

function tick(at: number, lag: number, committed: number): LagTick {
  return {
    at,
    durationMs: 1,
    partitions: [{ group: 'g', topic: 't', partition: 0, committedOffset: committed, logEndOffset: committed + lag, lag, timeLagMs: lag * 10 }],
    topics: [{ at, topic: 't', records: 5, recordsPerSec: 1 }],
    error: null,
    collection: { lag: [], logEnds: [], replicas: [{ topic: 't', partition: 0, leader: 1, replicas: 3, isr: lag > 5 ? 2 : 3 }] },
  };
}

describe('HistoryFiles', () => {
  it('skips a torn last line and starts the next line clean', () => {
    const dir = folder();
    const at = Date.UTC(2026, 0, 1, 10);
    const files = new HistoryFiles(dir, 0);
    files.append('events', at, { n: 1 });
    files.close();
    const name = readdirSync(dir)[0]!;
    appendFileSync(join(dir, name), '{"n":2,"cut');
    const again = new HistoryFiles(dir, 0);
    expect(again.read('events', at, at)).toEqual([{ n: 1 }]);
    again.append('events', at, { n: 3 });
    again.close();
    expect(new HistoryFiles(dir).read('events', at, at)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(readFileSync(join(dir, name), 'utf8').split('\n')).toEqual(['{"n":1}', '{"n":2,"cut', '{"n":3}', '']);
  });

  it('deletes files whose period ended before the retention', () => {
    const dir = folder();
    const now = Date.UTC(2026, 0, 10, 12);
    writeFileSync(join(dir, 'tick-2026-01-10T08.jsonl'), '{}\n');
    writeFileSync(join(dir, 'tick-2026-01-10T11.jsonl'), '{}\n');
    writeFileSync(join(dir, 'minute-2026-01-01.jsonl'), '{}\n');
    writeFileSync(join(dir, 'minute-2026-01-03.jsonl'), '{}\n');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    new HistoryFiles(dir).prune(now);
    expect(readdirSync(dir).sort()).toEqual(['minute-2026-01-03.jsonl', 'notes.txt', 'tick-2026-01-10T11.jsonl']);
  });
});

describe('ClusterHistory', () => {
  it('reloads the last hour of ticks and the markers after a restart, and answers long windows from the minute tier', () => {
    const dir = folder();
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0));
    const h = new ClusterHistory({ folder: dir, tickMs: 5000, clock, logger: createMemoryLogger(), fsyncIntervalMs: 0 });
    // Two hours of ticks, lag rising by one each tick.
    for (let i = 0; i < 1440; i++) {
      h.record(tick(clock.now(), i % 100, i), [[1, 'running']]);
      clock.advance(5000);
    }
    h.recordEvent({ seq: 1, timeMs: clock.now() - 1000, kind: 'fault', action: 'kill', brokers: [2], detail: null, message: 'broker 2 killed' });
    const before = h.series({ window: '5m', group: 'g' }, clock.now());
    h.close();

    const again = new ClusterHistory({ folder: dir, tickMs: 5000, clock, logger: createMemoryLogger() });
    const after = again.series({ window: '5m', group: 'g' }, clock.now());
    expect(after.series).toEqual(before.series);
    expect(after.markers.map((m) => [m.kind, m.brokers])).toEqual([['kill', [2]]]);
    const lag = after.series.find((s) => s.kind === 'group-lag')!;
    expect(lag.points.length).toBe(60);
    expect(after.series.find((s) => s.kind === 'isr-size')!.points.some((p) => p.value === 2)).toBe(true);

    const hour = again.series({ window: '1h' }, clock.now());
    expect(hour.resolution).toBe('tick');
    expect(hour.series.find((s) => s.kind === 'group-lag')!.points.length).toBe(720);
    const day = again.series({ window: '24h' }, clock.now());
    expect(day.resolution).toBe('minute');
    const minutes = day.series.find((s) => s.kind === 'group-lag')!.points;
    expect(minutes.length).toBe(120);
    // A minute keeps its largest lag (12 ticks of it).
    expect(minutes[0]!.value).toBe(11);
    const week = again.series({ window: '7d' }, clock.now());
    expect(week.stepMs).toBe(600_000);
    expect(week.series.find((s) => s.kind === 'group-lag')!.points.length).toBe(12);
    again.close();
  });

  it('keeps each partition’s ISR size and replica count, drawn per partition of a topic, through a restart and the minute tier', () => {
    const dir = folder();
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0));
    const h = new ClusterHistory({ folder: dir, tickMs: 5000, clock, logger: createMemoryLogger(), fsyncIntervalMs: 0 });
    // Partition 1 of 't' loses a replica from its ISR for ticks 10–13 (one tick is enough to show in a minute).
    for (let i = 0; i < 36; i++) {
      const shrunk = i >= 10 && i < 14;
      const t: LagTick = {
        ...tick(clock.now(), 0, i),
        collection: {
          lag: [],
          logEnds: [],
          replicas: [
            { topic: 't', partition: 0, leader: 1, replicas: 3, isr: 3 },
            { topic: 't', partition: 1, leader: 2, replicas: 3, isr: shrunk ? 2 : 3 },
            { topic: 'u', partition: 0, leader: 1, replicas: 1, isr: 1 },
          ],
        },
      };
      h.record(t, [[1, 'running']]);
      clock.advance(5000);
    }
    h.close();
    const again = new ClusterHistory({ folder: dir, tickMs: 5000, clock, logger: createMemoryLogger() });
    // Without a topic the per-partition series are not sent (a cluster may have thousands of partitions).
    expect(again.series({ window: '5m' }, clock.now()).series.some((s) => s.kind === 'partition-isr')).toBe(false);
    const five = again.series({ window: '5m', topic: 't' }, clock.now()).series;
    const isr = (p: number) => five.find((s) => s.kind === 'partition-isr' && s.topic === 't' && s.partition === p)!.points.map((x) => x.value);
    expect(isr(0)).toEqual(Array(36).fill(3));
    expect(isr(1)).toEqual([...Array(10).fill(3), 2, 2, 2, 2, ...Array(22).fill(3)]);
    expect(five.filter((s) => s.kind === 'partition-replicas').map((s) => [s.partition, s.points.at(-1)!.value])).toEqual([
      [0, 3],
      [1, 3],
    ]);
    expect(five.some((s) => s.kind === 'partition-isr' && s.topic === 'u')).toBe(false);
    // The minute tier keeps each partition’s smallest ISR of the minute (ticks 10–11 fall in the first, 12–13 in the second).
    const day = again.series({ window: '24h', topic: 't', kinds: ['partition-isr'] }, clock.now()).series;
    expect(day.find((s) => s.partition === 1)!.points.map((x) => x.value)).toEqual([2, 2, 3]);
    expect(day.find((s) => s.partition === 0)!.points.map((x) => x.value)).toEqual([3, 3, 3]);
    again.close();
  });
});
