// The engine host's lag and throughput time series (DESIGN decision 11): one LagSampler per
// cluster connection, reading through the project's client (decision 9), run only while someone
// wants it — started by the first `lag:sampled` subscriber or `lag:series` read, stopped once
// nobody has listened or read for `idleMs`. The ring buffers hold the longest chart window.
import type { Unsubscribe } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError, type ApiErrorBody } from '../../shared/console-errors';
import { MAX_LAG_SERIES_RANGE_MS, type LagSampledEvent, type LagSeriesRequest, type LagSeriesResponse, type SeriesPoint } from '../../shared/groups-types';
import { systemClock, type Clock } from '../clock';
import type { Admin } from '../client/admin';
import { lagCollector } from '../client/consumer-group-lag';
import { LagSampler, type LagTick } from '../group/lag-sampler';
import type { Logger } from '../logger';
import { describeEngineError } from './console-error-mapping';

export interface LagStreamOptions {
  /** The sampling tick. */
  tickMs: number;
  logger: Logger;
  /** How long sampling goes on with no subscriber and no series read. Default 60 s. */
  idleMs?: number;
  /**
   * Measure time lag every tick: one Fetch per lagging partition per tick. Default false — the
   * per-tick cost would grow with the backlog; `groups:describe` measures it on demand.
   */
  timeLag?: boolean;
  clock?: Clock;
}

interface Sampling {
  sampler: LagSampler;
  stopListening: Unsubscribe;
  /** The last collection's failure as the API names it (the sampler keeps only its message). */
  failure: { last: ApiErrorBody | null };
}

export class LagStream {
  readonly capacity: number;
  private readonly listeners = new Set<(event: LagSampledEvent) => void>();
  private readonly clock: Clock;
  private current: Sampling | null = null;
  private last: LagSampledEvent | null = null;
  private lastDemandAt = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: LagStreamOptions) {
    this.clock = options.clock ?? systemClock;
    // Enough points at this tick for the longest window the charts show (1 h at 1 s: 3600).
    this.capacity = Math.ceil(MAX_LAG_SERIES_RANGE_MS / options.tickMs) + 1;
  }

  /** Whether a sampler is ticking now. */
  get sampling(): boolean {
    return this.current?.sampler.started ?? false;
  }

  /** A new cluster connection (or none): the old series belong to another cluster and are dropped. */
  attach(admin: Admin | null): void {
    this.detach();
    if (!admin || this.closed) return;
    const inner = lagCollector(admin, { timeLag: this.options.timeLag ?? false, clock: this.clock });
    const failure: { last: ApiErrorBody | null } = { last: null };
    const sampler = new LagSampler({
      tickMs: this.options.tickMs,
      capacity: this.capacity,
      clock: this.clock,
      collect: async () => {
        try {
          const collection = await inner();
          failure.last = null;
          return collection;
        } catch (err) {
          failure.last = describeEngineError(err);
          throw err;
        }
      },
    });
    const sampling: Sampling = { sampler, stopListening: () => undefined, failure };
    sampling.stopListening = sampling.sampler.subscribe((tick) => this.emit(sampling, tick));
    this.current = sampling;
    if (this.listeners.size > 0) sampling.sampler.start();
  }

  subscribe(listener: (event: LagSampledEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    const last = this.last;
    if (last) {
      queueMicrotask(() => {
        if (this.listeners.has(listener)) listener(last);
      });
    }
    this.current?.sampler.start();
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.lastDemandAt = this.clock.now();
      this.scheduleIdleCheck(this.idleMs);
    };
  }

  /** The ring buffers' points within `rangeMs` of now, for the request's group and/or topic. */
  async series(request: LagSeriesRequest): Promise<LagSeriesResponse> {
    const current = this.current;
    if (!current) throw new ConsoleApiError(ApiErrorName.BROKER_UNREACHABLE, 'the console is not connected to a cluster: connect to one first');
    this.lastDemandAt = this.clock.now();
    if (!current.sampler.started) {
      current.sampler.start();
      // A first read waits for the first sample rather than answering with nothing.
      await current.sampler.idle();
      this.scheduleIdleCheck(this.idleMs);
    }
    const { sampler } = current;
    const to = this.clock.now();
    const from = to - request.rangeMs;
    const within = <P extends { at: number }>(points: P[], value: (p: P) => number | null): SeriesPoint[] =>
      points.filter((p) => p.at >= from && p.at <= to).map((p) => ({ at: p.at, value: value(p) }));

    const keys = sampler.seriesKeys();
    const partitions = keys.partitions
      .filter((k) => (request.group === undefined || k.group === request.group) && (request.topic === undefined || k.topic === request.topic))
      .sort((a, b) => cmp(a.group, b.group) || cmp(a.topic, b.topic) || a.partition - b.partition);
    const pairs = new Map<string, { group: string; topic: string }>();
    for (const k of partitions) pairs.set(`${k.group}\u0000${k.topic}`, { group: k.group, topic: k.topic });
    let topics = keys.topics;
    if (request.topic !== undefined) topics = topics.filter((t) => t === request.topic);
    else if (request.group !== undefined) topics = topics.filter((t) => [...pairs.values()].some((p) => p.topic === t));

    return {
      tickMs: sampler.tickMs,
      from,
      to,
      groupLag: [...pairs.values()].map(({ group, topic }) => ({ group, topic, points: within(sampler.groupTopicSeries(group, topic), (p) => p.lag) })),
      // Every partition of every group would be a large answer; per partition needs a group.
      partitionLag:
        request.group === undefined
          ? []
          : partitions.map(({ group, topic, partition }) => ({ group, topic, partition, points: within(sampler.partitionSeries(group, topic, partition), (p) => p.lag) })),
      throughput: [...topics].sort(cmp).map((topic) => ({ topic, points: within(sampler.throughputSeries(topic), (p) => p.recordsPerSec) })),
    };
  }

  close(): void {
    this.closed = true;
    this.detach();
    this.listeners.clear();
  }

  private get idleMs(): number {
    return this.options.idleMs ?? 60_000;
  }

  private detach(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const c = this.current;
    this.current = null;
    this.last = null;
    if (!c) return;
    c.stopListening();
    c.sampler.stop();
  }

  /** Stops sampling once nobody has subscribed or read for idleMs. */
  private scheduleIdleCheck(delayMs: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.listeners.size > 0 || !this.current) return;
      const quietFor = this.clock.now() - this.lastDemandAt;
      if (quietFor < this.idleMs) return this.scheduleIdleCheck(this.idleMs - quietFor);
      this.current.sampler.stop();
      this.last = null;
      this.options.logger.debug('lag sampling stopped: no subscriber or series read');
    }, delayMs);
    this.idleTimer.unref?.();
  }

  private emit(sampling: Sampling, tick: LagTick): void {
    if (this.current !== sampling) return;
    const event: LagSampledEvent = {
      at: tick.at,
      tickMs: sampling.sampler.tickMs,
      durationMs: tick.durationMs,
      partitions: tick.partitions.map((p) => ({ group: p.group, topic: p.topic, partition: p.partition, committedOffset: p.committedOffset, logEndOffset: p.logEndOffset, lag: p.lag })),
      topics: tick.topics.map((t) => ({ topic: t.topic, records: t.records, recordsPerSec: t.recordsPerSec })),
      error: tick.error === null ? null : (sampling.failure.last ?? { name: ApiErrorName.INTERNAL_ERROR, message: tick.error }),
    };
    this.last = event;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        this.options.logger.warn(`lag:sampled listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
