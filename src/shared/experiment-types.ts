// Fault experiments (issue 15): the plan a developer writes (YAML or JSON), the verdict and report
// the runner produces, and the console channels a future Experiments page will call. Plain data
// only, so the renderer, the CLI and the engine share one vocabulary.

/** What a schedule step does. Broker faults and heals act on one broker; link steps on its links. */
export const FAULT_ACTIONS = [
  'kill',
  'stop',
  'start',
  'restart',
  'pause',
  'resume',
  'isolate',
  'heal',
  'power-loss',
  'latency',
  'cut-links',
  'heal-links',
  'drop-produce-responses',
] as const;
export type FaultAction = (typeof FAULT_ACTIONS)[number];

/**
 * Who a step hits, resolved when the step fires (not when the plan is read): a broker id, the
 * current leader of a partition, the coordinator of a group, the controller, or a broker an earlier
 * step named with `as`.
 */
export type FaultTarget =
  | { kind: 'broker'; id: number }
  | { kind: 'leader'; topic: string; partition: number }
  | { kind: 'coordinator'; group: string }
  | { kind: 'controller' }
  | { kind: 'named'; name: string };

export interface FaultStep {
  /** Milliseconds after the workloads start. */
  atMs: number;
  action: FaultAction;
  target: FaultTarget;
  /** The plan's own text of the target, for progress lines and the report. */
  targetText: string;
  /** cut-links / heal-links: the other ends (default: every other broker). */
  peers: FaultTarget[] | null;
  /** latency: delay per direction. */
  latencyMs: number | null;
  /** drop-produce-responses: how many. */
  count: number | null;
  /** isolate / cut-links: blackhole (default) or reset. */
  mode: 'blackhole' | 'reset';
  /** Remembers the resolved broker under this name for later steps (`target: $name`). */
  as: string | null;
}

export interface ProducerWorkloadPlan {
  type: 'producer';
  name: string;
  topic: string;
  /** Records per second (a paced loop; 0 means as fast as acknowledgements come back). */
  ratePerSec: number;
  acks: 0 | 1 | -1;
  idempotence: boolean;
  retries: number;
  deliveryTimeoutMs: number;
  requestTimeoutMs: number;
  maxInFlight: number;
  /** Records sent with an explicit partition (round robin over these), or null for the partitioner. */
  partitions: number[] | null;
}

export interface ConsumerWorkloadPlan {
  type: 'consumer';
  name: string;
  topic: string;
  group: string;
  members: number;
  /** auto: enable.auto.commit; at-least-once: commit after processing; at-most-once: commit before. */
  commit: 'auto' | 'at-least-once' | 'at-most-once';
  /** A member that crashes (no leave, no commit) at this time, then a fresh member joins; null: none. */
  crashAtMs: number | null;
}

export type WorkloadPlan = ProducerWorkloadPlan | ConsumerWorkloadPlan;

export interface TopicPlan {
  name: string;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas: number;
  uncleanLeaderElection: boolean;
  /** flush.messages: fsync after this many messages; null leaves the broker default (no fsync). */
  flushMessages: number | null;
}

export const CHECK_NAMES = [
  'no-lost-acknowledged',
  'no-duplicates',
  'ordered-per-producer-partition',
  'consistent-offsets',
  'no-consumer-skips',
  'no-consumer-rewinds',
  'no-unseen-after-heal',
  'max-unavailability',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export interface CheckPlan {
  name: CheckName;
  /** hold: Kafka promises it here; violated: the plan teaches that it does not. */
  expect: 'hold' | 'violated';
  /** max-unavailability: the longest window allowed without an acknowledged write. */
  thresholdMs: number | null;
}

export interface ExperimentPlan {
  name: string;
  description: string;
  durationMs: number;
  /** After the schedule and duration: consumers keep reading this long before the verdict. */
  settleMs: number;
  cluster: { brokers: number; config: Record<string, string> };
  topics: TopicPlan[];
  workloads: WorkloadPlan[];
  schedule: FaultStep[];
  checks: CheckPlan[];
}

/** A plan error: where in the file (line when known) and which field, in one sentence. */
export interface PlanIssue {
  path: string;
  line: number | null;
  message: string;
}

// ---- the verdict ----

/** One record named as evidence; values are shown as UTF-8 text when printable, else as hex. */
export interface EvidenceRecord {
  topic: string;
  partition: number | null;
  offset: number | null;
  value: string;
  producer?: string;
  seq?: number;
  member?: string;
  generation?: number;
  /** What the final log holds at this position when read back (null: nothing there). */
  logValue?: string | null;
}

export interface Anomaly {
  check: CheckName;
  message: string;
  records: EvidenceRecord[];
}

export interface CheckResult {
  name: CheckName;
  expect: 'hold' | 'violated';
  /** Whether the property held in this run. */
  held: boolean;
  /** Whether the outcome is what the plan expected. */
  passed: boolean;
  summary: string;
  anomalies: number;
}

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export interface ExperimentFigures {
  /** Per producer: windows longer than the threshold without an acknowledged write. */
  unavailability: Array<TimeWindow & { producer: string }>;
  longestUnavailableMs: number;
  /** Per fired fault: how long until the next acknowledged write (null: none came). */
  timeToFirstAck: Array<{ atMs: number; step: string; firstAckAfterMs: number | null }>;
  errorsByName: Record<string, number>;
  acknowledged: number;
  indeterminate: number;
  failed: number;
  consumed: number;
  /** Records a group processed more than once, across rebalances (at-least-once redelivery). */
  redelivered: number;
}

export interface FiredStep {
  atMs: number;
  step: string;
  /** The brokers it resolved to. */
  brokers: number[];
  outcome: 'applied' | 'failed';
  detail: string;
}

export interface SeriesPoint {
  atMs: number;
  /** Acknowledged writes per second over the last sample. */
  ackRate: number;
  errorRate: number;
  /** Smallest ISR over the plan's partitions. */
  minIsr: number;
  /** Group lag summed over members' partitions (records). */
  lag: number;
}

export interface ExperimentReport {
  plan: ExperimentPlan;
  startedAt: string;
  durationMs: number;
  passed: boolean;
  checks: CheckResult[];
  anomalies: Anomaly[];
  figures: ExperimentFigures;
  fired: FiredStep[];
  series: SeriesPoint[];
  /** Engine events (leader, ISR, broker state, faults) with their time since the start. */
  events: Array<{ atMs: number; kind: string; message: string }>;
}

// ---- console channels (the Experiments page binds these next) ----

export interface ExperimentTemplate {
  id: string;
  name: string;
  description: string;
  /** The plan file's text, YAML. */
  source: string;
}

export type ExperimentRunState = 'starting' | 'running' | 'settling' | 'judging' | 'done' | 'failed';

export interface ExperimentStatus {
  runId: string;
  state: ExperimentRunState;
  planName: string;
  elapsedMs: number;
  durationMs: number;
  passed: boolean | null;
  error: string | null;
}

export interface ExperimentProgressEvent {
  runId: string;
  atMs: number;
  line: string;
}

/**
 * The experiment channels, as ConsoleApi names them (request → response). Declared apart from
 * CONSOLE_CHANNELS until the host serves them, so the conformance suite does not expect them yet.
 */
export interface ExperimentChannels {
  'experiments:templates': { request: Record<string, never>; response: { templates: ExperimentTemplate[] } };
  'experiments:validate': { request: { source: string; format: 'yaml' | 'json' }; response: { ok: boolean; issues: PlanIssue[]; plan: ExperimentPlan | null } };
  'experiments:run': { request: { source: string; format: 'yaml' | 'json' }; response: { runId: string } };
  'experiments:status': { request: { runId: string }; response: ExperimentStatus };
  'experiments:events': { request: { runId: string; afterMs?: number }; response: { events: ExperimentProgressEvent[] } };
  'experiments:report': { request: { runId: string }; response: { report: ExperimentReport | null; html: string | null } };
}
export type ExperimentChannel = keyof ExperimentChannels;
export const EXPERIMENT_CHANNEL_NAMES: readonly ExperimentChannel[] = [
  'experiments:templates',
  'experiments:validate',
  'experiments:run',
  'experiments:status',
  'experiments:events',
  'experiments:report',
];
