// Workloads as they cross the ConsoleApi (issue 14 §2–3): producers and consumer groups the engine
// host runs in a process of its own, their live per-member state, the seed's templates and each
// workload's recorded history. Plain JSON; keys and values are text (the workload generates them),
// so a history entry names its record without shipping the padded value.

// ---- What a workload is asked to do ----

export const KEY_DISTRIBUTIONS = ['uniform', 'zipf', 'sequential'] as const;
/** uniform: every key equally likely; zipf: key k with weight 1/k (a few hot keys); sequential: 0, 1, 2… wrapping. */
export type KeyDistribution = (typeof KEY_DISTRIBUTIONS)[number];

export const COMMIT_MODES = ['auto', 'at-least-once', 'at-most-once'] as const;
/**
 * auto: enable.auto.commit (every autoCommitIntervalMs); at-least-once: commit after processing
 * each record; at-most-once: commit before processing it. A failure crashes the member before
 * its commit, so at-least-once processes the record again and at-most-once never does.
 */
export type CommitMode = (typeof COMMIT_MODES)[number];

export const WORKLOAD_ASSIGNORS = ['range', 'roundrobin'] as const;
export type WorkloadAssignor = (typeof WORKLOAD_ASSIGNORS)[number];

export const WORKLOAD_COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type WorkloadCompression = (typeof WORKLOAD_COMPRESSIONS)[number];

export const WORKLOAD_PARTITIONERS = ['default', 'round-robin'] as const;
/** default: murmur2 of the key (Kafka's BuiltInPartitioner; sticky batches for null keys); round-robin: each record to the next partition. */
export type WorkloadPartitioner = (typeof WORKLOAD_PARTITIONERS)[number];

export const WORKLOAD_ACKS = [0, 1, -1] as const;
export type WorkloadAcks = (typeof WORKLOAD_ACKS)[number];

export interface ProducerWorkloadSpec {
  kind: 'producer';
  topic: string;
  /** Records per second the producer aims at (1–50000). */
  ratePerSec: number;
  /** Distinct keys, named key-0 … key-(n-1); 0 sends null keys. */
  keySpace: number;
  keyDistribution: KeyDistribution;
  /** Bytes per value (16–1048576); every value starts with "<workload id>:<seq>" so it is unique. */
  valueBytes: number;
  acks: WorkloadAcks;
  /** enable.idempotence; needs acks -1. */
  idempotence: boolean;
  compression: WorkloadCompression;
  partitioner: WorkloadPartitioner;
  /** Stop after this many sends; absent: until stopped. */
  maxRecords?: number;
}

export interface ConsumerGroupWorkloadSpec {
  kind: 'consumer-group';
  topic: string;
  groupId: string;
  /** Members started with the workload (0–64); more can be added while it runs. */
  members: number;
  assignor: WorkloadAssignor;
  commitMode: CommitMode;
  /** Time spent on each record (0–60000 ms). */
  processingMs: number;
  /** Chance (0–1) that processing a record fails; the member then crashes before committing it. */
  failureRate: number;
  /** Where a member starts without a committed offset. */
  autoOffsetReset: 'earliest' | 'latest';
  /** session.timeout.ms of every member (the group waits this long for a crashed one). Default 10000. */
  sessionTimeoutMs?: number;
  /** heartbeat.interval.ms; default a third of the session timeout. */
  heartbeatIntervalMs?: number;
  /** auto.commit.interval.ms in auto mode; default 1000. */
  autoCommitIntervalMs?: number;
  /** A crashed-by-failure member comes back as a new member after this long; absent: it stays down. */
  restartAfterFailureMs?: number;
}

export type WorkloadSpec = ProducerWorkloadSpec | ConsumerGroupWorkloadSpec;
export type WorkloadKind = WorkloadSpec['kind'];

// ---- Templates (issue 14 §3) ----

export const WORKLOAD_TEMPLATE_IDS = ['partitions-4-members-2', 'partitions-4-members-4', 'partitions-4-members-6', 'two-groups-one-topic', 'member-crash', 'delivery-semantics'] as const;
export type WorkloadTemplateId = (typeof WORKLOAD_TEMPLATE_IDS)[number];

/** One workload a template starts, named by its role (e.g. "producer", "product-service"). */
export interface TemplateWorkload {
  role: string;
  spec: WorkloadSpec;
}

export interface WorkloadTemplate {
  id: WorkloadTemplateId;
  /** The topic the template creates (a run suffix is added so runs never share it). */
  /** replicationFactor -1: the cluster's default. */
  topic: { name: string; partitions: number; replicationFactor: number };
  /** Started together by `workloads:create { template }`. */
  workloads: TemplateWorkload[];
  /** Started later, one at a time, by `workloads:create { template, runId, role }` (the third group). */
  later: TemplateWorkload[];
  /** What the seed's drawing predicts, for the page to show beside the live grid. */
  expect: TemplateExpectation;
}

export interface TemplateExpectation {
  /** Per consumer-group role: how many partitions each member should hold once stable, sorted descending. */
  partitionsPerMember: Record<string, number[]>;
  /** Per consumer-group role: members holding no partition once stable. */
  idleMembers: Record<string, number>;
}

// ---- Requests ----

export type WorkloadCreateRequest =
  /** A workload from the form. */
  | { spec: WorkloadSpec; name?: string; start?: boolean }
  /** A template's topic and workloads, started at once; with runId and role: one of its `later` workloads. */
  | { template: WorkloadTemplateId; runId?: string; role?: string };

export interface WorkloadIdRequest {
  id: string;
}

export interface WorkloadScaleRequest {
  id: string;
  /** The number of running members wanted (0–64): members are added, or the newest stopped with LeaveGroup. */
  members: number;
}

export interface WorkloadMemberRequest {
  id: string;
  /** The member's index within the workload (as WorkloadMemberView.index). */
  member: number;
}

export const WORKLOAD_HISTORY_KINDS = ['sends', 'processed'] as const;
export type WorkloadHistoryKind = (typeof WORKLOAD_HISTORY_KINDS)[number];

export interface WorkloadHistoryRequest {
  id: string;
  kind: WorkloadHistoryKind;
  /** Entries with seq above this (0: from the oldest kept). */
  afterSeq?: number;
  /** At most this many (default 10000, at most 100000). */
  limit?: number;
}

// ---- Views ----

export type WorkloadState = 'created' | 'running' | 'stopping' | 'stopped' | 'failed';
export type WorkloadMemberState = 'joining' | 'active' | 'stopping' | 'left' | 'crashed';

export interface WorkloadPartitionView {
  partition: number;
  /** The next offset the member will read; -1 before it knows. */
  position: number;
  /** From the member's last fetch; -1 before one. */
  highWatermark: number;
  /** highWatermark − position; -1 when unknown. */
  lag: number;
  /** The last offset the member committed for it; -1 when none. */
  committed: number;
}

export interface WorkloadMemberView {
  /** Stable within the workload, from 0, in order of creation; never reused. */
  index: number;
  /** The coordinator's member id; empty before the first JoinGroup answer. */
  memberId: string;
  state: WorkloadMemberState;
  /** The generation this member last joined; -1 before. */
  generation: number;
  assignment: WorkloadPartitionView[];
  /** Records processed per second over the last few seconds. */
  ratePerSec: number;
  processed: number;
  /** Sum of its partitions' lag; null when unknown. */
  lag: number | null;
  /** Why it crashed, when it did ("crashed from the console", "injected failure at p2@41"). */
  detail: string | null;
}

/** A rebalance a workload's members went through: the generation they all joined. */
export interface WorkloadRebalanceView {
  at: number;
  generation: number;
  /** Why it happened as the workload knows it: a member joined, left, crashed or was added. */
  reason: string;
  /** member index → partitions after the rebalance. */
  assignment: Array<{ member: number; partitions: number[] }>;
}

/** At-least-once / at-most-once counts, from the workload's own history. */
export interface DeliveryCounts {
  /** Records handed to processing, counting repeats. */
  processed: number;
  /** Distinct offsets processed successfully. */
  distinct: number;
  /** Offsets processed successfully more than once. */
  duplicates: number;
  /** Offsets below every partition's committed offset that no member processed successfully. */
  skipped: number;
  /** Processing failures injected (each crashed its member). */
  failuresInjected: number;
  /**
   * Commits the group refused (its generation was over): an at-least-once record whose commit was
   * refused is processed again by the partition's next owner, a duplicate no failure caused.
   */
  commitsRefused: number;
}

export interface ConsumerGroupStatus {
  groupId: string;
  /** The latest generation a member joined; -1 before any. */
  generation: number;
  members: WorkloadMemberView[];
  /** Partitions of the topic. */
  partitions: number;
  /** Most recent last, at most 50. */
  rebalances: WorkloadRebalanceView[];
  counts: DeliveryCounts;
  totalLag: number | null;
}

export interface ProducerStatus {
  sent: number;
  acknowledged: number;
  failed: number;
  indeterminate: number;
  /** Acknowledged per second over the last few seconds. */
  ratePerSec: number;
  /** Sends waiting for their report. */
  pending: number;
  /** The last failure's error name and message. */
  lastError: string | null;
}

export interface WorkloadView {
  id: string;
  name: string;
  spec: WorkloadSpec;
  state: WorkloadState;
  /** Why it failed; null otherwise. */
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
  /** Set when a template started it. */
  template: { id: WorkloadTemplateId; runId: string; role: string } | null;
  producer: ProducerStatus | null;
  group: ConsumerGroupStatus | null;
}

export interface WorkloadListResponse {
  workloads: WorkloadView[];
  /** The workload runner process: its pid while it runs. */
  runnerPid: number | null;
}

export interface WorkloadCreateResponse {
  workloads: WorkloadView[];
  /** Set when a template ran: the run id (for its `later` workloads) and the topic it created. */
  run: { template: WorkloadTemplateId; runId: string; topic: string } | null;
}

// ---- History (the shapes of src/engine/history/types.ts, as JSON) ----

export type WorkloadSendStatus = 'acknowledged' | 'failed' | 'indeterminate';

export interface WorkloadSendEntry {
  seq: number;
  at: number;
  status: WorkloadSendStatus;
  topic: string;
  /** Null when the producer never chose one (a failure before partitioning). */
  partition: number | null;
  /** Null unless acknowledged with an offset (acks 0 and some duplicate retries say -1 → null). */
  offset: number | null;
  key: string | null;
  /** The value's identifying prefix "<workload id>:<send seq>"; the full value pads it to valueBytes with ".". */
  valueId: string;
  valueBytes: number;
  /** The producer's send order (AckedWrite.seq). */
  sendSeq: number;
  error: string | null;
}

export interface WorkloadProcessedEntry {
  seq: number;
  at: number;
  member: number;
  memberId: string;
  generation: number;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  /** The value's identifying prefix (up to the first "." padding, at most 64 characters). */
  valueId: string;
  /** failed: the injected failure; the member crashed before committing. */
  outcome: 'processed' | 'failed';
}

export type WorkloadHistoryResponse =
  | { id: string; kind: 'sends'; entries: WorkloadSendEntry[]; lastSeq: number; firstKeptSeq: number }
  | { id: string; kind: 'processed'; entries: WorkloadProcessedEntry[]; lastSeq: number; firstKeptSeq: number };

// ---- The event stream ----

/** `workloads:sampled`: every workload's live view, about once a second while any runs. */
export interface WorkloadsSampledEvent {
  at: number;
  workloads: WorkloadView[];
}
