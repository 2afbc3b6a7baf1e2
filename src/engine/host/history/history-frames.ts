// One tick of the cluster's history as a compact, JSON-ready frame (tuples, not objects: a frame
// is written to disk every tick), how frames of a minute fold into one, and how frames become the
// series a chart draws.
import { BROKER_STATE_LANES, type HistorySeries, type HistorySeriesKind } from '../../../shared/groups-history-types';
import type { LagTick } from '../../group/lag-sampler';

export type PartitionEntry = [group: string, topic: string, partition: number, committed: number | null, lag: number | null, timeLagMs: number | null];

export interface HistoryFrame {
  at: number;
  gp: PartitionEntry[];
  /** [group, topic, records/s consumed: committed offset deltas]. */
  gc: Array<[string, string, number]>;
  /** [topic, records/s appended: log end deltas, bytes/s or null where no size is known]. */
  tp: Array<[string, number, number | null]>;
  /** Under-replicated partitions in the cluster; null when Metadata was not read. */
  urp: number | null;
  /** [topic, smallest ISR size, under-replicated partitions]. */
  ti: Array<[string, number, number]>;
  /**
   * [topic, ISR size per partition, replicas per partition] (index = partition id; null where
   * Metadata did not list it). Absent in frames written before per-partition ISR was kept.
   */
  pi?: Array<[string, Array<number | null>, Array<number | null>]>;
  /** [broker id, index into BROKER_STATE_LANES]. */
  b: Array<[number, number]>;
}

const SEP = '\u0000';

export function stateIndex(state: string): number {
  const i = (BROKER_STATE_LANES as readonly string[]).indexOf(state);
  return i < 0 ? BROKER_STATE_LANES.indexOf('failed') : i;
}

/** Produce bytes/s per topic from two ticks' leader sizes; a partition that shrank (retention, compaction) counts 0. */
export function bytesPerSecond(
  before: { at: number; sizes: ReadonlyMap<string, number> } | null,
  at: number,
  sizes: ReadonlyArray<{ topic: string; partition: number; bytes: number }>,
): Map<string, number> | null {
  if (!before || at <= before.at) return null;
  const out = new Map<string, number>();
  for (const s of sizes) {
    const was = before.sizes.get(`${s.topic}${SEP}${s.partition}`);
    if (was === undefined) continue;
    out.set(s.topic, (out.get(s.topic) ?? 0) + Math.max(0, s.bytes - was));
  }
  for (const [t, n] of out) out.set(t, round((n * 1000) / (at - before.at)));
  return out;
}

export function sizeMap(sizes: ReadonlyArray<{ topic: string; partition: number; bytes: number }>): Map<string, number> {
  return new Map(sizes.map((s) => [`${s.topic}${SEP}${s.partition}`, s.bytes]));
}

/** The frame of a successful tick; consume rates from the committed offsets of `previous`. */
export function frameOf(tick: LagTick, previous: HistoryFrame | null, brokers: Array<[number, string]>, bytes: ReadonlyMap<string, number> | null = null): HistoryFrame {
  const gp: PartitionEntry[] = tick.partitions.map((p) => [p.group, p.topic, p.partition, p.committedOffset, p.lag, p.timeLagMs]);
  const gc: HistoryFrame['gc'] = [];
  if (previous && tick.at > previous.at) {
    const before = new Map(previous.gp.map((e) => [`${e[0]}${SEP}${e[1]}${SEP}${e[2]}`, e[3]]));
    const sums = new Map<string, [string, string, number]>();
    for (const e of gp) {
      const k = `${e[0]}${SEP}${e[1]}`;
      const agg = sums.get(k) ?? [e[0], e[1], 0];
      const was = before.get(`${k}${SEP}${e[2]}`);
      // A reset backwards is not negative consumption.
      if (was !== undefined && was !== null && e[3] !== null) agg[2] += Math.max(0, e[3] - was);
      sums.set(k, agg);
    }
    const seconds = (tick.at - previous.at) / 1000;
    for (const [g, t, n] of sums.values()) gc.push([g, t, round(n / seconds)]);
  }
  const tp: HistoryFrame['tp'] = tick.topics.map((t) => [t.topic, round(t.recordsPerSec), bytes?.get(t.topic) ?? null]);
  const replicas = tick.collection?.replicas;
  let urp: number | null = null;
  const ti: HistoryFrame['ti'] = [];
  const pi: NonNullable<HistoryFrame['pi']> = [];
  if (replicas) {
    urp = 0;
    const byTopic = new Map<string, [string, number, number]>();
    const perPartition = new Map<string, [string, Array<number | null>, Array<number | null>]>();
    for (const r of replicas) {
      const pp = perPartition.get(r.topic) ?? [r.topic, [], []];
      setAt(pp[1], r.partition, r.isr);
      setAt(pp[2], r.partition, r.replicas);
      perPartition.set(r.topic, pp);
      const under = r.isr < r.replicas ? 1 : 0;
      urp += under;
      const t = byTopic.get(r.topic) ?? [r.topic, r.isr, 0];
      t[1] = Math.min(t[1], r.isr);
      t[2] += under;
      byTopic.set(r.topic, t);
    }
    ti.push(...byTopic.values());
    pi.push(...perPartition.values());
  }
  return { at: tick.at, gp, gc, tp, urp, ti, pi, b: brokers.map(([id, state]) => [id, stateIndex(state)]) };
}

/** Sets list[i] = value, holes before it null (partition ids are dense in Kafka, but Metadata may leave one out). */
function setAt(list: Array<number | null>, i: number, value: number): void {
  while (list.length < i) list.push(null);
  list[i] = value;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * One frame standing for `frames` (a minute, or a 10-minute step of the 7-day window): the
 * largest lag and time lag (a spike must not average away), mean rates, the largest
 * under-replicated count, the smallest ISR, the last broker states and committed offsets.
 */
export function foldFrames(at: number, frames: readonly HistoryFrame[]): HistoryFrame {
  const gp = new Map<string, PartitionEntry>();
  const gc = new Map<string, [string, string, number, number]>();
  const tp = new Map<string, [string, number, number | null, number]>();
  const ti = new Map<string, [string, number, number]>();
  const pi = new Map<string, [string, Array<number | null>, Array<number | null>]>();
  const b = new Map<number, number>();
  let urp: number | null = null;
  for (const f of frames) {
    for (const e of f.gp) {
      const k = `${e[0]}${SEP}${e[1]}${SEP}${e[2]}`;
      const was = gp.get(k);
      gp.set(k, was ? [e[0], e[1], e[2], e[3] ?? was[3], maxOf(was[4], e[4]), maxOf(was[5], e[5])] : [...e]);
    }
    for (const [g, t, r] of f.gc) {
      const k = `${g}${SEP}${t}`;
      const agg = gc.get(k) ?? [g, t, 0, 0];
      agg[2] += r;
      agg[3]++;
      gc.set(k, agg);
    }
    for (const [t, r, bytes] of f.tp) {
      const agg = tp.get(t) ?? [t, 0, null, 0];
      agg[1] += r;
      if (bytes !== null) agg[2] = (agg[2] ?? 0) + bytes;
      agg[3]++;
      tp.set(t, agg);
    }
    if (f.urp !== null) urp = Math.max(urp ?? 0, f.urp);
    for (const [t, isr, under] of f.ti) {
      const agg = ti.get(t);
      ti.set(t, agg ? [t, Math.min(agg[1], isr), Math.max(agg[2], under)] : [t, isr, under]);
    }
    // Per partition: the smallest ISR and the largest replica count of the step (a shrink must show).
    for (const [t, isr, reps] of f.pi ?? []) {
      const agg = pi.get(t) ?? [t, [], []];
      isr.forEach((v, i) => (agg[1][i] = minOf(agg[1][i] ?? null, v)));
      reps.forEach((v, i) => (agg[2][i] = maxOf(agg[2][i] ?? null, v)));
      pi.set(t, agg);
    }
    for (const [id, s] of f.b) b.set(id, s);
  }
  return {
    at,
    gp: [...gp.values()],
    gc: [...gc.values()].map(([g, t, sum, n]) => [g, t, round(sum / n)]),
    tp: [...tp.values()].map(([t, sum, bytes, n]) => [t, round(sum / n), bytes === null ? null : round(bytes / n)]),
    urp,
    ti: [...ti.values()],
    pi: [...pi.values()].map(([t, isr, reps]) => [t, Array.from(isr, (v) => v ?? null), Array.from(reps, (v) => v ?? null)]),
    b: [...b],
  };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** Folds frames into steps of `stepMs` (each stamped with its step's start). */
export function downsample(frames: readonly HistoryFrame[], stepMs: number): HistoryFrame[] {
  const steps = new Map<number, HistoryFrame[]>();
  for (const f of frames) {
    const at = Math.floor(f.at / stepMs) * stepMs;
    const list = steps.get(at);
    if (list) list.push(f);
    else steps.set(at, [f]);
  }
  return [...steps].sort((a, b) => a[0] - b[0]).map(([at, list]) => foldFrames(at, list));
}

export interface SeriesFilter {
  kinds: readonly HistorySeriesKind[];
  group?: string;
  topic?: string;
}

/** The series a chart draws, from frames oldest first. A series gets a point in every frame after it first appears (null where absent). */
export function seriesOf(frames: readonly HistoryFrame[], filter: SeriesFilter): HistorySeries[] {
  const want = new Set(filter.kinds);
  const groupOk = (g: string) => filter.group === undefined || g === filter.group;
  const topicOk = (t: string) => filter.topic === undefined || t === filter.topic;
  const lines = new Map<string, HistorySeries>();
  const line = (id: string, make: () => Omit<HistorySeries, 'points'>): HistorySeries => {
    let s = lines.get(id);
    if (!s) lines.set(id, (s = { ...make(), points: [] }));
    return s;
  };
  for (const f of frames) {
    const touched = new Set<HistorySeries>();
    const add = (s: HistorySeries, value: number | null) => {
      s.points.push({ at: f.at, value });
      touched.add(s);
    };
    const groupTopic = new Map<string, { group: string; topic: string; lag: number | null; time: number | null }>();
    for (const [g, t, p, , lag, time] of f.gp) {
      if (!groupOk(g) || !topicOk(t)) continue;
      const k = `${g}${SEP}${t}`;
      const agg = groupTopic.get(k) ?? { group: g, topic: t, lag: null, time: null };
      if (lag !== null) agg.lag = (agg.lag ?? 0) + lag;
      agg.time = maxOf(agg.time, time);
      groupTopic.set(k, agg);
      if (want.has('partition-lag') && filter.group !== undefined) add(line(`pl${SEP}${k}${SEP}${p}`, () => ({ kind: 'partition-lag', group: g, topic: t, partition: p, unit: 'records' })), lag);
    }
    for (const [k, agg] of groupTopic) {
      if (want.has('group-lag')) add(line(`gl${SEP}${k}`, () => ({ kind: 'group-lag', group: agg.group, topic: agg.topic, unit: 'records' })), agg.lag);
      if (want.has('time-lag')) add(line(`tl${SEP}${k}`, () => ({ kind: 'time-lag', group: agg.group, topic: agg.topic, unit: 'ms' })), agg.time);
    }
    if (want.has('consume-rate')) {
      for (const [g, t, r] of f.gc) if (groupOk(g) && topicOk(t)) add(line(`cr${SEP}${g}${SEP}${t}`, () => ({ kind: 'consume-rate', group: g, topic: t, unit: 'records/s' })), r);
    }
    for (const [t, r, bytes] of f.tp) {
      if (!topicOk(t)) continue;
      if (want.has('produce-records')) add(line(`pr${SEP}${t}`, () => ({ kind: 'produce-records', topic: t, unit: 'records/s' })), r);
      if (want.has('produce-bytes')) add(line(`pb${SEP}${t}`, () => ({ kind: 'produce-bytes', topic: t, unit: 'bytes/s' })), bytes);
    }
    if (want.has('under-replicated') && filter.topic === undefined && f.urp !== null) add(line('urp', () => ({ kind: 'under-replicated', unit: 'partitions' })), f.urp);
    for (const [t, isr, under] of f.ti) {
      if (!topicOk(t)) continue;
      if (want.has('isr-size')) add(line(`isr${SEP}${t}`, () => ({ kind: 'isr-size', topic: t, unit: 'replicas' })), isr);
      if (want.has('under-replicated') && filter.topic !== undefined) add(line(`urp${SEP}${t}`, () => ({ kind: 'under-replicated', topic: t, unit: 'partitions' })), under);
    }
    if (filter.topic !== undefined && (want.has('partition-isr') || want.has('partition-replicas'))) {
      for (const [t, isr, reps] of f.pi ?? []) {
        if (t !== filter.topic) continue;
        isr.forEach((v, p) => {
          if (want.has('partition-isr')) add(line(`pi${SEP}${t}${SEP}${p}`, () => ({ kind: 'partition-isr', topic: t, partition: p, unit: 'replicas' })), v);
          if (want.has('partition-replicas')) add(line(`prp${SEP}${t}${SEP}${p}`, () => ({ kind: 'partition-replicas', topic: t, partition: p, unit: 'replicas' })), reps[p] ?? null);
        });
      }
    }
    if (want.has('broker-state')) for (const [id, s] of f.b) add(line(`b${SEP}${id}`, () => ({ kind: 'broker-state', brokerId: id, unit: 'state' })), s);
    // A line this frame did not mention (a group gone, a broker removed) gets a gap, not a stale value.
    for (const s of lines.values()) if (!touched.has(s)) s.points.push({ at: f.at, value: null });
  }
  return [...lines.values()];
}
