/**
 * Consumer lag and produce throughput as time series. Every tick the sampler calls a collector
 * (the client's lag collector in production, anything in tests), keeps the answer in bounded ring
 * buffers — per group/topic/partition, per group/topic, and per topic — and tells subscribers.
 *
 * Seam for the engine host: create one sampler per cluster connection with
 * `collect: lagCollector(admin)` (src/engine/client/consumer-group-lag.ts), `start()` it, serve
 * `subscribe()` as the ConsoleApi lag stream (each LagTick is plain JSON) and the `*Series()`
 * reads as its snapshot request; `stop()` on disconnect. Nothing here knows about the host.
 */
import { systemClock, type Clock } from '../clock';
import { RingBuffer } from './ring-buffer';
import { realScheduler, type Scheduler } from './scheduler';

/** One group's position on one partition, as a collector reports it. */
export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** null when the group has no committed offset for the partition. */
  committedOffset: number | null;
  /** The high watermark (the log end as consumers see it). */
  logEndOffset: number;
  /** logEndOffset − committedOffset; null without a committed offset. */
  lag: number | null;
  /** Age of the oldest unconsumed record (0 when caught up); null when unknown or not measured. */
  timeLagMs: number | null;
}

export interface PartitionLogEnd {
  topic: string;
  partition: number;
  logEndOffset: number;
}

/** A group as DescribeGroups showed it during a collection (for the list, rebalances and ownership). */
export interface GroupSample {
  groupId: string;
  state: string;
  protocolType: string;
  protocol: string;
  coordinatorId: number;
  members: Array<{ memberId: string; groupInstanceId: string | null; clientId: string; clientHost: string; assignment: Array<{ topic: string; partition: number }> }>;
}

/** A partition's replica counts from Metadata (for under-replicated partitions and ISR sizes). */
export interface PartitionReplicaSample {
  topic: string;
  partition: number;
  leader: number;
  replicas: number;
  isr: number;
}

/** What one collection returns: the groups' lag, and every partition's log end (for throughput). */
export interface LagCollection {
  lag: PartitionLag[];
  logEnds: PartitionLogEnd[];
  /** The groups described this tick, when the collector describes them. */
  groups?: GroupSample[];
  /** Every non-internal partition's replicas and ISR size, when the collector reads them. */
  replicas?: PartitionReplicaSample[];
  /** Brokers the cluster's Metadata listed this tick. */
  brokers?: number[];
  /** Each partition's size on its leader (bytes), where the cluster tells it (DescribeLogDirs). */
  logSizes?: Array<{ topic: string; partition: number; bytes: number }>;
  clusterId?: string | null;
}

export type LagCollector = () => Promise<LagCollection>;

export interface LagPoint {
  at: number;
  committedOffset: number | null;
  logEndOffset: number;
  lag: number | null;
  timeLagMs: number | null;
}

/** A group's lag over all its partitions of one topic. */
export interface GroupTopicLagPoint {
  at: number;
  /** Sum over partitions with a committed offset; null when none has one. */
  lag: number | null;
  /** The largest time lag of the partitions. */
  timeLagMs: number | null;
}

export interface ThroughputPoint {
  at: number;
  /** Records appended to the topic since the previous tick (log end deltas, all partitions). */
  records: number;
  recordsPerSec: number;
}

/** What subscribers get every tick; plain data, ready to send over a wire. */
export interface LagTick {
  at: number;
  /** How long the collection took. */
  durationMs: number;
  partitions: PartitionLag[];
  topics: Array<ThroughputPoint & { topic: string }>;
  /** Set when the collection failed; the series then get no point for this tick. */
  error: string | null;
  /** The whole collection (null when it failed), for the history that keeps more than lag. */
  collection: LagCollection | null;
}

export interface LagSamplerOptions {
  collect: LagCollector;
  /** Default 1000 ms. */
  tickMs?: number;
  /** Points kept per series; default 300 (5 minutes at 1 s). */
  capacity?: number;
  /**
   * Keep the per-series rings (default true). The engine host keeps its series in the cluster's
   * history instead; 10,000 rings pushed and swept every tick were a fifth of its sampling CPU.
   */
  keepSeries?: boolean;
  clock?: Clock;
  scheduler?: Scheduler;
}

const SEP = '\u0000';

export class LagSampler {
  readonly tickMs: number;
  readonly capacity: number;
  private readonly keepSeries: boolean;
  private readonly collect: LagCollector;
  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly partitionSeriesMap = new Map<string, RingBuffer<LagPoint>>();
  private readonly groupTopicSeriesMap = new Map<string, RingBuffer<GroupTopicLagPoint>>();
  private readonly throughputSeriesMap = new Map<string, RingBuffer<ThroughputPoint>>();
  private readonly listeners = new Set<(tick: LagTick) => void>();
  private previousLogEnds: { at: number; ends: Map<string, number> } | null = null;
  private cancelTimer: (() => void) | null = null;
  private nextDue = 0;
  private running: Promise<LagTick> | null = null;

  constructor(options: LagSamplerOptions) {
    this.collect = options.collect;
    this.tickMs = options.tickMs ?? 1000;
    this.capacity = options.capacity ?? 300;
    this.keepSeries = options.keepSeries ?? true;
    if (!(this.tickMs > 0)) throw new RangeError(`tickMs must be positive, got ${this.tickMs}`);
    this.clock = options.clock ?? systemClock;
    this.scheduler = options.scheduler ?? realScheduler;
    // Validates the capacity once, here, rather than on the first series.
    new RingBuffer<never>(this.capacity);
  }

  get started(): boolean {
    return this.cancelTimer !== null;
  }

  /** Samples now, then every tickMs on a fixed grid; ticks that fall due during a slow collection are skipped. */
  start(): void {
    if (this.started) return;
    this.nextDue = this.clock.now();
    this.cancelTimer = () => undefined;
    this.onTimer();
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private onTimer(): void {
    if (!this.started) return;
    if (!this.running) void this.sampleNow();
    const now = this.clock.now();
    do this.nextDue += this.tickMs;
    while (this.nextDue <= now);
    this.cancelTimer = this.scheduler.schedule(this.nextDue - now, () => this.onTimer());
  }

  /** Runs one collection now (or joins the one in progress) and records it. */
  sampleNow(): Promise<LagTick> {
    this.running ??= this.runTick().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves when no collection is in progress. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async runTick(): Promise<LagTick> {
    const at = this.clock.now();
    let tick: LagTick;
    try {
      const collection = await this.collect();
      tick = this.record(at, collection);
    } catch (e) {
      tick = { at, durationMs: this.clock.now() - at, partitions: [], topics: [], error: e instanceof Error ? e.message : String(e), collection: null };
    }
    for (const listener of this.listeners) {
      try {
        listener(tick);
      } catch {
        // A subscriber's failure must not stop the sampling or the other subscribers.
      }
    }
    return tick;
  }

  private record(at: number, collection: LagCollection): LagTick {
    const durationMs = this.clock.now() - at;
    if (this.keepSeries) this.recordSeries(at, collection);
    const topics: LagTick['topics'] = [];
    const previous = this.previousLogEnds;
    const ends = new Map<string, number>();
    const records = new Map<string, number>();
    for (const e of collection.logEnds) {
      const k = `${e.topic}${SEP}${e.partition}`;
      ends.set(k, e.logEndOffset);
      if (!previous || at <= previous.at) continue;
      const before = previous.ends.get(k);
      // A partition new since the last tick has no delta yet; a log end that moved back
      // (topic recreated, unclean truncation) counts as no appends rather than negative ones.
      const delta = before === undefined ? 0 : Math.max(0, e.logEndOffset - before);
      records.set(e.topic, (records.get(e.topic) ?? 0) + delta);
    }
    if (previous && at > previous.at) {
      for (const [topic, n] of records) {
        const point: ThroughputPoint = { at, records: n, recordsPerSec: (n * 1000) / (at - previous.at) };
        if (this.keepSeries) push(this.throughputSeriesMap, topic, this.capacity, point);
        topics.push({ topic, ...point });
      }
    }
    this.previousLogEnds = { at, ends };
    if (this.keepSeries) this.evictStale(at);
    return { at, durationMs, partitions: collection.lag, topics, error: null, collection };
  }

  private recordSeries(at: number, collection: LagCollection): void {
    for (const p of collection.lag) {
      push(this.partitionSeriesMap, [p.group, p.topic, p.partition].join(SEP), this.capacity, {
        at,
        committedOffset: p.committedOffset,
        logEndOffset: p.logEndOffset,
        lag: p.lag,
        timeLagMs: p.timeLagMs,
      });
    }
    const byGroupTopic = new Map<string, GroupTopicLagPoint>();
    for (const p of collection.lag) {
      const key = [p.group, p.topic].join(SEP);
      const agg = byGroupTopic.get(key) ?? { at, lag: null, timeLagMs: null };
      if (p.lag !== null) agg.lag = (agg.lag ?? 0) + p.lag;
      if (p.timeLagMs !== null) agg.timeLagMs = Math.max(agg.timeLagMs ?? 0, p.timeLagMs);
      byGroupTopic.set(key, agg);
    }
    for (const [key, point] of byGroupTopic) push(this.groupTopicSeriesMap, key, this.capacity, point);
  }

  /** Drops series that got no point for a whole window (a deleted group or topic). */
  private evictStale(now: number): void {
    const horizon = now - this.capacity * this.tickMs;
    for (const map of [this.partitionSeriesMap, this.groupTopicSeriesMap, this.throughputSeriesMap] as Array<Map<string, RingBuffer<{ at: number }>>>) {
      for (const [key, series] of map) if ((series.last()?.at ?? -Infinity) < horizon) map.delete(key);
    }
  }

  /** Called after every tick (also failed ones); returns the unsubscribe function. */
  subscribe(listener: (tick: LagTick) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  partitionSeries(group: string, topic: string, partition: number): LagPoint[] {
    return this.partitionSeriesMap.get([group, topic, partition].join(SEP))?.toArray() ?? [];
  }

  groupTopicSeries(group: string, topic: string): GroupTopicLagPoint[] {
    return this.groupTopicSeriesMap.get([group, topic].join(SEP))?.toArray() ?? [];
  }

  throughputSeries(topic: string): ThroughputPoint[] {
    return this.throughputSeriesMap.get(topic)?.toArray() ?? [];
  }

  /** Which series exist now. */
  seriesKeys(): { partitions: Array<{ group: string; topic: string; partition: number }>; topics: string[] } {
    const partitions = [...this.partitionSeriesMap.keys()].map((k) => {
      const [group, topic, partition] = k.split(SEP);
      return { group: group!, topic: topic!, partition: Number(partition) };
    });
    return { partitions, topics: [...this.throughputSeriesMap.keys()] };
  }
}

function push<T>(map: Map<string, RingBuffer<T>>, key: string, capacity: number, point: T): void {
  let series = map.get(key);
  if (!series) map.set(key, (series = new RingBuffer<T>(capacity)));
  series.push(point);
}
