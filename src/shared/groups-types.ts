// Consumer groups and their lag as they cross the ConsoleApi (issue 5 §3–4): what
// kafka-consumer-groups.sh shows and does, as plain JSON. Offsets are numbers (exact up to 2^53).
import type { ApiErrorBody } from './console-errors';
import type { GroupRebalanceView } from './groups-history-types';

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
  /** The chosen assignor (range, roundrobin…); empty when no generation is running. */
  protocol: string;
  /** The broker coordinating the group. */
  coordinatorId: number;
  /** Topics the group has committed offsets for or its members are assigned, sorted. */
  topics: string[];
  /** The largest time lag over its partitions (the sampler's last tick); null when unknown. */
  maxTimeLagMs: number | null;
}

export interface GroupListResponse {
  groups: GroupListing[];
  /** Brokers that could not list their groups: those groups are missing above. */
  brokerErrors: Array<{ nodeId: number; message: string }>;
  /** Groups that were listed but could not be described (members and lag unknown). */
  groupErrors: Array<{ groupId: string; error: ApiErrorBody }>;
  /** Lag and time lag come from the sampler's last tick, taken at this time (epoch ms); null before its first. */
  lagSampledAt: number | null;
  /** The cluster's total lag (every group), as the top bar shows it. */
  totalLag: number | null;
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
  /** The rebalances the sampler observed (issue 13 §1), oldest first. */
  rebalances: GroupRebalanceView[];
  /** The group's lag per topic over the last 5 minutes of sampler ticks, for sparklines. */
  lagSparklines: Array<{ topic: string; points: SeriesPoint[] }>;
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
  /**
   * YYYY-MM-DDTHH:mm:SS[.sss][zone]; without a zone the time is UTC, as Kafka's tool reads it,
   * unless `timeZone` (an IANA name such as Europe/Paris) says where the wall-clock time is.
   */
  | { kind: 'to-datetime'; datetime: string; timeZone?: string }
  /** ISO 8601 duration (PnDTnHnMnS) counted back from now. */
  | { kind: 'by-duration'; duration: string }
  /** Explicit offsets (what `--from-file` reads from CSV). */
  | { kind: 'from-file'; entries: ResetPlanEntry[] }
  /** Another group's committed offsets, for the partitions in scope that it has committed (issue 13 §2). */
  | { kind: 'from-group'; group: string };

export const RESET_KINDS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'shift-by', 'to-datetime', 'by-duration', 'from-file', 'from-group'] as const;

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
  /**
   * With execute: commit exactly the plan a dry run returned under this id. The plan is made
   * again first; if any row would differ (the log's ends moved, the group committed), nothing is
   * written and PLAN_CHANGED names the rows. Without it, execute plans and commits in one step.
   */
  planId?: string;
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
  /** A dry run's plan id, to execute exactly this plan (kept for 10 minutes); null once executed. */
  planId: string | null;
  /** When the plan id is forgotten (epoch ms); null when there is no plan id. */
  planExpiresAt: number | null;
}

/** PLAN_CHANGED: the previewed plan no longer matches the cluster; `rows` are the differing rows as planned now. */
export interface PlanChangedErrorBody extends ApiErrorBody {
  name: 'PLAN_CHANGED';
  planId: string;
  rows: Array<{ previewed: ResetPlanRow | null; now: ResetPlanRow | null }>;
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
