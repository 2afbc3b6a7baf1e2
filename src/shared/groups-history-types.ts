// What the Consumer groups and Charts pages read (issue 13), as plain JSON: the sampler's view of
// every group (lag, time lag, rebalances it observed), the groups reading a topic, the cluster's
// total lag, and the persisted history behind the charts. Offsets are numbers (exact up to 2^53).

/** The chart windows (UI.md): 5 minutes, 1 hour, 24 hours, 7 days. */
export const HISTORY_WINDOWS = ['5m', '1h', '24h', '7d'] as const;
export type HistoryWindow = (typeof HISTORY_WINDOWS)[number];

export const HISTORY_WINDOW_MS: Record<HistoryWindow, number> = {
  '5m': 5 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
  '7d': 7 * 24 * 60 * 60_000,
};

/** A point of a series: `value` null where the tick could not say (no committed offset, a failed tick). */
export interface HistoryPoint {
  at: number;
  value: number | null;
}

/** Which series `history:series` returns; each is optional so a chart asks only for what it draws. */
export type HistorySeriesKind =
  | 'group-lag'
  | 'partition-lag'
  | 'time-lag'
  | 'produce-records'
  | 'produce-bytes'
  | 'consume-rate'
  | 'under-replicated'
  | 'isr-size'
  | 'partition-isr'
  | 'partition-replicas'
  | 'broker-state';

export const HISTORY_SERIES_KINDS: readonly HistorySeriesKind[] = [
  'group-lag',
  'partition-lag',
  'time-lag',
  'produce-records',
  'produce-bytes',
  'consume-rate',
  'under-replicated',
  'isr-size',
  'partition-isr',
  'partition-replicas',
  'broker-state',
];

export interface HistorySeriesRequest {
  window: HistoryWindow;
  /** Default: every kind but partition-lag (which needs a group) and partition-isr / partition-replicas (which need a topic). */
  kinds?: HistorySeriesKind[];
  group?: string;
  topic?: string;
}

/** One labelled line of a chart. */
export interface HistorySeries {
  kind: HistorySeriesKind;
  /** group-lag, time-lag, consume-rate, partition-lag: the group. */
  group?: string;
  /** Per-topic series and the group ones: the topic (absent for cluster-wide series). partition-isr and partition-replicas: each partition of the requested topic. */
  topic?: string;
  partition?: number;
  /** broker-state: the broker. */
  brokerId?: number;
  /** What `value` counts: records, records/s, bytes/s, ms, partitions, replicas; broker-state: an index into BROKER_STATE_LANES. */
  unit: 'records' | 'records/s' | 'bytes/s' | 'ms' | 'partitions' | 'replicas' | 'state';
  points: HistoryPoint[];
}

/** The broker-state lanes' values: index = value of a broker-state point. */
export const BROKER_STATE_LANES = ['running', 'starting', 'paused', 'isolated', 'stopping', 'stopped', 'killed', 'power-lost', 'failed', 'online', 'absent'] as const;

/** A fault or an election on the time axis: the engine's event log, kept with the history so it survives a restart. */
export interface HistoryMarker {
  at: number;
  kind: 'kill' | 'pause' | 'resume' | 'isolate' | 'heal' | 'cut' | 'power-loss' | 'stop' | 'start' | 'restart' | 'latency' | 'leader-change' | 'broker-fenced' | 'rebalance' | 'other';
  /** The engine event's one line. */
  message: string;
  brokers: number[];
  topic?: string;
  partition?: number;
}

export interface HistorySeriesResponse {
  window: HistoryWindow;
  from: number;
  to: number;
  /** Distance between points in this answer (the tick, or the downsampled step). */
  stepMs: number;
  /** The sampler's tick. */
  tickMs: number;
  /** Which tier answered: the live tick ring, or the downsampled minute tier on disk. */
  resolution: 'tick' | 'minute';
  series: HistorySeries[];
  /** Faults and elections inside the window, oldest first; empty for an external cluster. */
  markers: HistoryMarker[];
  /** Where the history is kept (null: memory only, nothing survives a restart). */
  folder: string | null;
}

/** A rebalance as the sampler saw it: the member set changed between two ticks (see docs/decisions.md). */
export interface GroupRebalanceView {
  at: number;
  /** The count of rebalances seen since the sampler attached, from 1. */
  observed: number;
  /** Kafka's generation from the coordinator's GroupMetadata record; null where __consumer_offsets cannot be read. */
  generation: number | null;
  state: string;
  joined: string[];
  left: string[];
  members: number;
}

/** A group reading a topic, for the Topics list and a topic's detail. */
export interface TopicGroupLag {
  groupId: string;
  state: string;
  lag: number | null;
  maxTimeLagMs: number | null;
  partitions: Array<{ partition: number; committedOffset: number | null; logEndOffset: number; lag: number | null; timeLagMs: number | null }>;
}

export interface TopicGroupsResponse {
  /** When the sampler read these (epoch ms); null before its first tick. */
  sampledAt: number | null;
  topics: Array<{ topic: string; totalLag: number | null; groups: TopicGroupLag[] }>;
}

/** The top bar's number. */
export interface LagSummary {
  sampledAt: number | null;
  totalLag: number | null;
  maxTimeLagMs: number | null;
  groups: number;
  laggingGroups: number;
  /** The last tick's failure, if it failed. */
  error: { name: string; message: string } | null;
}
