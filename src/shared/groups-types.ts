// Consumer groups and their lag as they cross the ConsoleApi (issue 5 §3–4): what
// kafka-consumer-groups.sh shows and does, as plain JSON. Offsets are numbers (exact up to 2^53).
import type { ApiErrorBody } from './console-errors';

export interface TopicPartitionView {
  topic: string;
  partition: number;
}

/** One row of `groups:list`. */
export interface GroupListing {
  groupId: string;
  /** Kafka's state name: Empty, Stable, PreparingRebalance, CompletingRebalance, Dead. */
  state: string;
  /** "consumer" for consumer groups; empty for groups that only commit offsets. */
  protocolType: string;
  members: number;
  /** Sum over the partitions the group has committed; null when it has committed none. */
  totalLag: number | null;
}

export interface GroupListResponse {
  groups: GroupListing[];
  /** Brokers that could not list their groups: those groups are missing above. */
  brokerErrors: Array<{ nodeId: number; message: string }>;
  /** Groups that were listed but could not be described (members and lag unknown). */
  groupErrors: Array<{ groupId: string; error: ApiErrorBody }>;
}

export interface GroupMemberView {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** Decoded for consumer groups; empty otherwise. */
  assignment: TopicPartitionView[];
}

/** One partition the group is assigned or has committed. */
export interface GroupPartitionLag {
  topic: string;
  partition: number;
  committedOffset: number | null;
  /** The high watermark; -1 when the leader could not say. */
  logEndOffset: number;
  lag: number | null;
  /** Age of the oldest record the group has not consumed; 0 when caught up, null when unknown. */
  timeLagMs: number | null;
  /** The member holding the partition, null when none does. */
  memberId: string | null;
  clientId: string | null;
  host: string | null;
}

export interface GroupDetail {
  groupId: string;
  state: string;
  protocolType: string;
  /** The chosen assignor (range, roundrobin…). */
  protocol: string;
  coordinatorId: number;
  members: GroupMemberView[];
  partitions: GroupPartitionLag[];
  totalLag: number | null;
}

// ---- groups:reset ----

export interface ResetPlanEntry {
  topic: string;
  partition: number;
  offset: number;
}

/** The scenarios of `--reset-offsets`, named after Kafka's flags. */
export type GroupResetSpec =
  | { kind: 'to-earliest' }
  | { kind: 'to-latest' }
  | { kind: 'to-current' }
  | { kind: 'to-offset'; offset: number }
  | { kind: 'shift-by'; shift: number }
  /** YYYY-MM-DDTHH:mm:SS[.sss][zone]; without a zone the time is UTC, as Kafka's tool reads it. */
  | { kind: 'to-datetime'; datetime: string }
  /** ISO 8601 duration (PnDTnHnMnS) counted back from now. */
  | { kind: 'by-duration'; duration: string }
  /** Explicit offsets (what `--from-file` reads from CSV). */
  | { kind: 'from-file'; entries: ResetPlanEntry[] };

export const RESET_KINDS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'shift-by', 'to-datetime', 'by-duration', 'from-file'] as const;

/** A topic and the partitions to act on; `partitions` absent means all of them. */
export interface TopicScopeView {
  topic: string;
  partitions?: number[];
}

/** `--all-topics` (every partition the group has committed) or `--topic` arguments. */
export type GroupResetScope = { allTopics: true } | { topics: TopicScopeView[] };

export interface GroupResetRequest {
  group: string;
  spec: GroupResetSpec;
  /** Required except with from-file, whose entries name their partitions (a scope then narrows them). */
  scope?: GroupResetScope;
  /** Commit the plan. Absent or false: a dry run that changes nothing, as the tool without --execute. */
  execute?: boolean;
}

export interface ResetPlanRow {
  topic: string;
  partition: number;
  currentOffset: number | null;
  targetOffset: number;
  /** What the scenario asked for before clamping to the log. */
  requestedOffset: number;
  logStartOffset: number;
  logEndOffset: number;
  clamped: 'start' | 'end' | null;
}

export interface GroupResetResult {
  groupId: string;
  /** The group's state when the reset was checked (Empty, or Dead for a group that did not exist). */
  state: string;
  /** Whether the plan was committed. */
  executed: boolean;
  rows: ResetPlanRow[];
}

export interface GroupDeleteOffsetsResult {
  groupId: string;
  topic: string;
  /** The partitions the deletion covered (every partition of the topic, as Kafka's tool reports). */
  partitions: number[];
}

/**
 * NON_EMPTY_GROUP as the console gets it: the error envelope's body plus the group's state and
 * members, so the UI can say who still consumes without another call.
 */
export interface NonEmptyGroupErrorBody extends ApiErrorBody {
  name: 'NON_EMPTY_GROUP';
  group: { groupId: string; state: string; members: GroupMemberView[] };
}

export function isNonEmptyGroupError(body: ApiErrorBody): body is NonEmptyGroupErrorBody {
  const g = (body as { group?: unknown }).group;
  return body.name === 'NON_EMPTY_GROUP' && typeof g === 'object' && g !== null && Array.isArray((g as { members?: unknown }).members);
}

// ---- Lag time series (DESIGN decision 11) ----

/** `lag:sampled`: one per sampling tick, the latest of every group/topic/partition and topic. */
export interface LagSampledEvent {
  /** When the tick's collection started (epoch ms). */
  at: number;
  tickMs: number;
  durationMs: number;
  partitions: Array<{
    group: string;
    topic: string;
    partition: number;
    committedOffset: number | null;
    logEndOffset: number;
    lag: number | null;
  }>;
  /** Records appended per topic since the previous tick; absent on the first tick. */
  topics: Array<{ topic: string; records: number; recordsPerSec: number }>;
  /** Why this tick has no data (the cluster could not be read). */
  error: ApiErrorBody | null;
}

/** The chart windows the console offers; `lag:series` accepts any range up to the longest. */
export const LAG_SERIES_RANGES_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000] as const;
export const MAX_LAG_SERIES_RANGE_MS = 60 * 60_000;

export interface LagSeriesRequest {
  group?: string;
  topic?: string;
  rangeMs: number;
}

export interface SeriesPoint {
  at: number;
  value: number | null;
}

export interface LagSeriesResponse {
  tickMs: number;
  /** The window: points with from <= at <= to. */
  from: number;
  to: number;
  /** A group's lag summed over its partitions of a topic. */
  groupLag: Array<{ group: string; topic: string; points: SeriesPoint[] }>;
  /** Per-partition lag; only when the request names a group. */
  partitionLag: Array<{ group: string; topic: string; partition: number; points: SeriesPoint[] }>;
  /** Records per second appended to each topic. */
  throughput: Array<{ topic: string; points: SeriesPoint[] }>;
}
