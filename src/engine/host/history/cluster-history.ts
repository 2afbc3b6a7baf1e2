// The charts' history of one cluster (issue 13 §3): every sampler tick becomes a frame, kept in
// memory for the last hour and written to the tick tier; each minute folds into one frame of the
// minute tier (kept 8 days on disk). The 5-minute and 1-hour windows are answered from memory at
// tick resolution, the 24-hour and 7-day ones from the minute files. Faults and elections from
// the engine's event log are kept beside them as markers, so a restart keeps both.
import type { EngineEvent } from '../../../shared/engine-types';
import {
  HISTORY_SERIES_KINDS,
  HISTORY_WINDOW_MS,
  type HistoryMarker,
  type HistorySeriesRequest,
  type HistorySeriesResponse,
} from '../../../shared/groups-history-types';
import type { Clock } from '../../clock';
import type { LagTick } from '../../group/lag-sampler';
import type { Logger } from '../../logger';
import { bytesPerSecond, downsample, foldFrames, frameOf, seriesOf, sizeMap, type HistoryFrame } from './history-frames';
import { HistoryFiles } from './history-files';

export interface ClusterHistoryOptions {
  /** Where the files go; null keeps the history in memory only. */
  folder: string | null;
  tickMs: number;
  clock: Clock;
  logger: Logger;
  /** fsync interval of the files. Default 10 s. */
  fsyncIntervalMs?: number;
  /** Memory bound of the tick ring, in (group, partition) entries; older frames go first. Default 1,000,000. */
  maxTickEntries?: number;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;
const MAX_MARKERS = 20_000;

export class ClusterHistory {
  private readonly files: HistoryFiles | null;
  private ticks: HistoryFrame[] = [];
  private tickEntries = 0;
  private minute: { at: number; frames: HistoryFrame[] } | null = null;
  private markers: HistoryMarker[] = [];
  private lastPrune = 0;
  private previousSizes: { at: number; sizes: Map<string, number> } | null = null;

  constructor(private readonly options: ClusterHistoryOptions) {
    this.files = options.folder === null ? null : new HistoryFiles(options.folder, options.fsyncIntervalMs);
    this.load();
  }

  get folder(): string | null {
    return this.options.folder;
  }

  /** Records a tick; a failed tick adds nothing (the charts show a gap). */
  record(tick: LagTick, brokers: Array<[number, string]>): void {
    if (tick.error !== null) return;
    const sizes = tick.collection?.logSizes;
    const bytes = sizes ? bytesPerSecond(this.previousSizes, tick.at, sizes) : null;
    if (sizes) this.previousSizes = { at: tick.at, sizes: sizeMap(sizes) };
    const frame = frameOf(tick, this.ticks.at(-1) ?? null, brokers, bytes);
    this.pushTick(frame);
    this.write('tick', frame.at, frame);
    const minuteAt = Math.floor(frame.at / MINUTE) * MINUTE;
    if (this.minute && this.minute.at !== minuteAt) {
      const folded = foldFrames(this.minute.at, this.minute.frames);
      this.write('minute', folded.at, folded);
      this.minute = null;
    }
    (this.minute ??= { at: minuteAt, frames: [] }).frames.push(frame);
    if (frame.at - this.lastPrune >= MINUTE) {
      this.lastPrune = frame.at;
      this.files?.prune(frame.at);
    }
  }

  /** Keeps a fault or election as a marker. */
  recordEvent(event: EngineEvent): void {
    const marker = markerOf(event);
    if (!marker) return;
    this.markers.push(marker);
    if (this.markers.length > MAX_MARKERS) this.markers.splice(0, this.markers.length - MAX_MARKERS);
    this.write('events', marker.at, marker);
  }

  series(request: HistorySeriesRequest, now = this.options.clock.now()): HistorySeriesResponse {
    const windowMs = HISTORY_WINDOW_MS[request.window];
    const from = now - windowMs;
    const kinds =
      request.kinds ??
      HISTORY_SERIES_KINDS.filter((k) => (k !== 'partition-lag' || request.group !== undefined) && ((k !== 'partition-isr' && k !== 'partition-replicas') || request.topic !== undefined));
    // The tick ring holds the last hour (loaded from the tick files after a restart; less only when
    // the memory bound cut it, and then the window shows what it holds).
    const fromTicks = windowMs <= HOUR;
    let frames: HistoryFrame[];
    let stepMs: number;
    if (fromTicks) {
      frames = this.ticks.filter((f) => f.at >= from && f.at <= now);
      stepMs = this.options.tickMs;
    } else {
      frames = this.minuteFrames(from, now);
      stepMs = MINUTE;
      if (request.window === '7d') {
        stepMs = 10 * MINUTE;
        frames = downsample(frames, stepMs);
      }
    }
    return {
      window: request.window,
      from,
      to: now,
      stepMs,
      tickMs: this.options.tickMs,
      resolution: fromTicks ? 'tick' : 'minute',
      series: seriesOf(frames, { kinds, group: request.group, topic: request.topic }),
      markers: this.markers.filter((m) => m.at >= from && m.at <= now && (request.topic === undefined || m.topic === undefined || m.topic === request.topic)),
      folder: this.options.folder,
    };
  }

  /** The last hour of ticks (frames newest last), for the group detail's sparklines. */
  recentTicks(): readonly HistoryFrame[] {
    return this.ticks;
  }

  /** The minute in progress is not written here: its ticks are in the tick files, and load() rebuilds it. */
  close(): void {
    this.files?.close();
  }

  /** Minute frames in [from, to]: the files, plus the minute in progress. */
  private minuteFrames(from: number, to: number): HistoryFrame[] {
    const stored = this.files ? this.files.read<HistoryFrame>('minute', from, to).filter((f) => isFrame(f) && f.at >= from && f.at <= to) : this.memoryMinutes(from);
    if (this.minute && this.minute.at >= from) stored.push(foldFrames(this.minute.at, this.minute.frames));
    return stored;
  }

  /** Without files, the minute tier is the tick ring folded (memory-only history holds an hour). */
  private memoryMinutes(from: number): HistoryFrame[] {
    return downsample(
      this.ticks.filter((f) => f.at >= from && f.at < (this.minute?.at ?? Infinity)),
      MINUTE,
    );
  }

  private pushTick(frame: HistoryFrame): void {
    this.ticks.push(frame);
    this.tickEntries += frame.gp.length;
    const max = this.options.maxTickEntries ?? 1_000_000;
    while (this.ticks.length > 1 && (this.ticks[0]!.at < frame.at - HOUR || this.tickEntries > max)) this.tickEntries -= this.ticks.shift()!.gp.length;
  }

  private write(tier: 'tick' | 'minute' | 'events', at: number, value: unknown): void {
    if (!this.files) return;
    try {
      this.files.append(tier, at, value);
    } catch (err) {
      // A full disk costs the history, never the sampling or the cluster.
      this.options.logger.warn(`history: writing ${tier} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** After a restart: the last hour of ticks, the minute in progress rebuilt from them, and the markers. */
  private load(): void {
    if (!this.files) return;
    const now = this.options.clock.now();
    for (const f of this.files.read<HistoryFrame>('tick', now - HOUR, now)) {
      if (!isFrame(f) || f.at < now - HOUR || f.at > now || (this.ticks.at(-1)?.at ?? -Infinity) >= f.at) continue;
      this.pushTick(f);
    }
    const last = this.ticks.at(-1);
    if (last) {
      const minuteAt = Math.floor(last.at / MINUTE) * MINUTE;
      const written = this.files.read<HistoryFrame>('minute', minuteAt, now).some((f) => isFrame(f) && f.at === minuteAt);
      if (!written) this.minute = { at: minuteAt, frames: this.ticks.filter((f) => f.at >= minuteAt) };
    }
    this.markers = this.files
      .read<HistoryMarker>('events', now - HISTORY_WINDOW_MS['7d'], now)
      .filter((m) => typeof m?.at === 'number' && typeof m.message === 'string')
      .slice(-MAX_MARKERS);
    if (this.ticks.length > 0) this.options.logger.info(`history: ${this.ticks.length} ticks and ${this.markers.length} markers loaded from ${this.options.folder}`);
  }
}

function isFrame(f: unknown): f is HistoryFrame {
  const x = f as HistoryFrame | null;
  return typeof x === 'object' && x !== null && typeof x.at === 'number' && Array.isArray(x.gp) && Array.isArray(x.tp) && Array.isArray(x.b) && (x.pi === undefined || Array.isArray(x.pi));
}

const FAULT_MARKERS: ReadonlySet<string> = new Set(['kill', 'pause', 'resume', 'isolate', 'heal', 'power-loss', 'stop', 'start', 'restart', 'latency']);

/** Faults, leader changes and fencing are markers; ISR changes and registrations are series already. */
export function markerOf(e: EngineEvent): HistoryMarker | null {
  switch (e.kind) {
    case 'fault': {
      const kind = FAULT_MARKERS.has(e.action) ? (e.action as HistoryMarker['kind']) : e.action === 'link-cut' ? 'cut' : e.action === 'link-heal' ? 'heal' : 'other';
      return { at: e.timeMs, kind, message: e.message, brokers: e.brokers };
    }
    case 'leader-change':
      return { at: e.timeMs, kind: 'leader-change', message: e.message, brokers: [e.from, e.to].filter((b) => b >= 0), topic: e.topic, partition: e.partition };
    case 'broker-fenced':
      return { at: e.timeMs, kind: 'broker-fenced', message: e.message, brokers: [e.brokerId] };
    case 'rebalance':
      return { at: e.timeMs, kind: 'rebalance', message: e.message, brokers: [], topic: e.topic };
    default:
      return null;
  }
}
