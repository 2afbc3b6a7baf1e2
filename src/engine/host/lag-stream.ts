// The engine host's sampler of the connected cluster (DESIGN decision 11, issue 13 §3): one
// LagSampler per cluster connection, reading through the project's client (decision 9), running
// for as long as the connection exists — lag, time lag, throughput, ISR and broker states every
// tick, whether or not anyone watches — and writing each tick to the cluster's history
// (ClusterHistory) under `historyRoot/<cluster id>/`, so charts survive a restart.
import { join } from 'node:path';
import type { Unsubscribe } from '../../shared/console-api';
import { ApiErrorName, ConsoleApiError, type ApiErrorBody } from '../../shared/console-errors';
import type { EngineEvent } from '../../shared/engine-types';
import type { GroupRebalanceView, HistorySeriesRequest, HistorySeriesResponse } from '../../shared/groups-history-types';
import type { LagSampledEvent, LagSeriesRequest, LagSeriesResponse, SeriesPoint } from '../../shared/groups-types';
import { systemClock, type Clock } from '../clock';
import type { Admin } from '../client/admin';
import { lagCollector } from '../client/consumer-group-lag';
import { LagSampler, type LagTick } from '../group/lag-sampler';
import type { Logger } from '../logger';
import { describeEngineError } from './console-error-mapping';
import { ClusterHistory } from './history/cluster-history';
import type { HistoryFrame } from './history/history-frames';
import { GroupMetadataTail, type GenerationRecord } from './history/group-metadata-tail';
import { RebalanceObserver } from './history/rebalance-observer';

export interface LagStreamOptions {
  /** The sampling tick. */
  tickMs: number;
  logger: Logger;
  /** Where each cluster's history folder goes; null keeps history in memory only. */
  historyRoot?: string | null;
  /** Measure time lag every tick (from cached record timestamps). Default true. */
  timeLag?: boolean;
  clock?: Clock;
}

/** What the connection's sampler needs to know besides the protocol. */
export interface SamplingTarget {
  admin: Admin;
  /** The embedded cluster's broker process states; null for an external cluster (Metadata tells who is online). */
  brokerStates: (() => Array<[number, string]>) | null;
}

interface Sampling {
  sampler: LagSampler;
  target: SamplingTarget;
  stopListening: Unsubscribe;
  failure: { last: ApiErrorBody | null };
  history: ClusterHistory | null;
  rebalances: RebalanceObserver;
  /** Brokers an external cluster's Metadata has listed: one missing later is 'absent'. */
  seenBrokers: Set<number>;
  last: LagTick | null;
  /** Events that came before the history was opened. */
  pendingEvents: EngineEvent[];
  /** The GroupMetadata records the last collection read; null while __consumer_offsets cannot be read. */
  generations: GenerationRecord[] | null;
}

export class LagStream {
  private readonly listeners = new Set<(event: LagSampledEvent) => void>();
  private readonly clock: Clock;
  private current: Sampling | null = null;
  private lastEvent: LagSampledEvent | null = null;
  private closed = false;

  constructor(private readonly options: LagStreamOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Whether a sampler is ticking now (it is whenever a cluster is connected). */
  get sampling(): boolean {
    return this.current?.sampler.started ?? false;
  }

  get tickMs(): number {
    return this.options.tickMs;
  }

  /** A new cluster connection (or none): sampling moves to it; each cluster has its own history folder. */
  attach(target: SamplingTarget | null): void {
    this.detach();
    if (!target || this.closed) return;
    const inner = lagCollector(target.admin, { timeLag: this.options.timeLag ?? true, describeGroups: true, logSizes: true, clock: this.clock });
    const failure: { last: ApiErrorBody | null } = { last: null };
    const tail = new GroupMetadataTail(target.admin);
    let tailRead = false;
    const sampler = new LagSampler({
      tickMs: this.options.tickMs,
      // The history keeps the series: the sampler keeps none of its own.
      capacity: 2,
      keepSeries: false,
      clock: this.clock,
      collect: async () => {
        try {
          const collection = await inner();
          failure.last = null;
          // Once the coordinator's records could be read, a failed read leaves its position for
          // the next tick (nothing is lost); before that, member-set changes stand for rebalances.
          sampling.generations = await tail.poll().then(
            (records) => {
              tailRead = true;
              return records;
            },
            () => (tailRead ? [] : null),
          );
          return collection;
        } catch (err) {
          failure.last = describeEngineError(err);
          throw err;
        }
      },
    });
    const sampling: Sampling = { sampler, target, stopListening: () => undefined, failure, history: null, rebalances: new RebalanceObserver(), seenBrokers: new Set(), last: null, pendingEvents: [], generations: null };
    sampling.stopListening = sampler.subscribe((tick) => this.onTick(sampling, tick));
    this.current = sampling;
    sampler.start();
  }

  subscribe(listener: (event: LagSampledEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    const last = this.lastEvent;
    if (last) {
      queueMicrotask(() => {
        if (this.listeners.has(listener)) listener(last);
      });
    }
    return () => void this.listeners.delete(listener);
  }

  /** The last tick (waiting for the first one after a connection). */
  async latest(): Promise<{ tick: LagTick | null; error: ApiErrorBody | null }> {
    const c = this.sampling$();
    if (!c.last) await c.sampler.sampleNow();
    return { tick: c.last, error: c.last?.error ? (c.failure.last ?? { name: ApiErrorName.INTERNAL_ERROR, message: c.last.error }) : null };
  }

  /** The rebalances the sampler observed for a group, oldest first. */
  rebalances(group: string): GroupRebalanceView[] {
    return this.current?.rebalances.of(group) ?? [];
  }

  /** A fault or election of the embedded cluster, for the charts' markers. */
  recordEvent(event: EngineEvent): void {
    const c = this.current;
    if (!c) return;
    // Before the first tick the history folder (named by the cluster id) is not known yet.
    if (c.history) c.history.recordEvent(event);
    else if (c.pendingEvents.push(event) > 1000) c.pendingEvents.shift();
  }

  /** `history:series`. */
  async historySeries(request: HistorySeriesRequest): Promise<HistorySeriesResponse> {
    const c = this.sampling$();
    if (!c.history) await c.sampler.sampleNow();
    if (!c.history) throw new ConsoleApiError(ApiErrorName.BROKER_UNREACHABLE, `the cluster could not be sampled yet: ${c.failure.last?.message ?? 'no answer'}`);
    return c.history.series(request, this.clock.now());
  }

  /** The frames of the last hour, for sparklines. */
  recentFrames(): readonly HistoryFrame[] {
    return this.current?.history?.recentTicks() ?? [];
  }

  /** `lag:series` (issue 5's shape) from the history's tick frames. */
  async series(request: LagSeriesRequest): Promise<LagSeriesResponse> {
    const c = this.sampling$();
    if (!c.last) await c.sampler.sampleNow();
    const to = this.clock.now();
    const from = to - request.rangeMs;
    const frames = (c.history?.recentTicks() ?? []).filter((f) => f.at >= from && f.at <= to);
    const ok = (g: string, t: string) => (request.group === undefined || g === request.group) && (request.topic === undefined || t === request.topic);
    const groupLag = new Map<string, { group: string; topic: string; points: SeriesPoint[] }>();
    const partitionLag = new Map<string, { group: string; topic: string; partition: number; points: SeriesPoint[] }>();
    const throughput = new Map<string, { topic: string; points: SeriesPoint[] }>();
    for (const f of frames) {
      const sums = new Map<string, { group: string; topic: string; lag: number | null }>();
      for (const [g, t, p, , lag] of f.gp) {
        if (!ok(g, t)) continue;
        const k = `${g}\u0000${t}`;
        const s = sums.get(k) ?? { group: g, topic: t, lag: null };
        if (lag !== null) s.lag = (s.lag ?? 0) + lag;
        sums.set(k, s);
        if (request.group !== undefined) {
          const pk = `${k}\u0000${p}`;
          const line = partitionLag.get(pk) ?? { group: g, topic: t, partition: p, points: [] };
          line.points.push({ at: f.at, value: lag });
          partitionLag.set(pk, line);
        }
      }
      for (const [k, s] of sums) {
        const line = groupLag.get(k) ?? { group: s.group, topic: s.topic, points: [] };
        line.points.push({ at: f.at, value: s.lag });
        groupLag.set(k, line);
      }
      for (const [t, r] of f.tp) {
        if (request.topic !== undefined && t !== request.topic) continue;
        if (request.topic === undefined && request.group !== undefined && ![...sums.values()].some((s) => s.topic === t)) continue;
        const line = throughput.get(t) ?? { topic: t, points: [] };
        line.points.push({ at: f.at, value: r });
        throughput.set(t, line);
      }
    }
    const byKey = <T extends { group?: string; topic: string; partition?: number }>(a: T, b: T) =>
      cmp(a.group ?? '', b.group ?? '') || cmp(a.topic, b.topic) || (a.partition ?? 0) - (b.partition ?? 0);
    return {
      tickMs: this.options.tickMs,
      from,
      to,
      groupLag: [...groupLag.values()].sort(byKey),
      partitionLag: [...partitionLag.values()].sort(byKey),
      throughput: [...throughput.values()].sort(byKey),
    };
  }

  close(): void {
    this.closed = true;
    this.detach();
    this.listeners.clear();
  }

  private sampling$(): Sampling {
    const c = this.current;
    if (!c) throw new ConsoleApiError(ApiErrorName.BROKER_UNREACHABLE, 'the console is not connected to a cluster: connect to one first');
    return c;
  }

  private detach(): void {
    const c = this.current;
    this.current = null;
    this.lastEvent = null;
    if (!c) return;
    c.stopListening();
    c.sampler.stop();
    c.history?.close();
  }

  private brokerStates(sampling: Sampling, tick: LagTick): Array<[number, string]> {
    if (sampling.target.brokerStates) return sampling.target.brokerStates();
    const listed = new Set(tick.collection?.brokers ?? []);
    for (const id of listed) sampling.seenBrokers.add(id);
    return [...sampling.seenBrokers].sort((a, b) => a - b).map((id) => [id, listed.has(id) ? 'online' : 'absent']);
  }

  private onTick(sampling: Sampling, tick: LagTick): void {
    if (this.current !== sampling) return;
    sampling.last = tick;
    if (tick.collection) {
      if (!sampling.history) {
        sampling.history = this.openHistory(tick.collection.clusterId ?? null);
        for (const e of sampling.pendingEvents.splice(0)) sampling.history.recordEvent(e);
      }
      try {
        sampling.history.record(tick, this.brokerStates(sampling, tick));
      } catch (err) {
        this.options.logger.warn(`history: a tick was not recorded: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (tick.collection.groups) sampling.rebalances.observe(tick.at, tick.collection.groups, sampling.generations);
    }
    const event: LagSampledEvent = {
      at: tick.at,
      tickMs: sampling.sampler.tickMs,
      durationMs: tick.durationMs,
      partitions: tick.partitions.map((p) => ({ group: p.group, topic: p.topic, partition: p.partition, committedOffset: p.committedOffset, logEndOffset: p.logEndOffset, lag: p.lag })),
      topics: tick.topics.map((t) => ({ topic: t.topic, records: t.records, recordsPerSec: t.recordsPerSec })),
      error: tick.error === null ? null : (sampling.failure.last ?? { name: ApiErrorName.INTERNAL_ERROR, message: tick.error }),
    };
    this.lastEvent = event;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (err) {
        this.options.logger.warn(`lag:sampled listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  private openHistory(clusterId: string | null): ClusterHistory {
    const root = this.options.historyRoot ?? null;
    // A cluster id is base64url (Kafka's Uuid) or whatever an external cluster says: keep the folder name safe.
    const name = (clusterId ?? 'unknown-cluster').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || 'unknown-cluster';
    const folder = root === null ? null : join(root, name);
    try {
      return new ClusterHistory({ folder, tickMs: this.options.tickMs, clock: this.clock, logger: this.options.logger });
    } catch (err) {
      this.options.logger.warn(`history: ${folder} cannot be used (${err instanceof Error ? err.message : String(err)}); keeping it in memory`);
      return new ClusterHistory({ folder: null, tickMs: this.options.tickMs, clock: this.clock, logger: this.options.logger });
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
