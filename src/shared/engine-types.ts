// What only the embedded cluster's engine host knows (DESIGN decision 9): the controller's view,
// every replica's log end offset, the broker processes and the faults applied to them.
import type { BrokerState } from './console-types';

export type FaultMode = 'blackhole' | 'reset';
export const FAULT_MODE_NAMES: readonly FaultMode[] = ['blackhole', 'reset'];

/** The switches of one broker (DESIGN decision 5 and 7). */
export type BrokerAction = 'kill' | 'stop' | 'start' | 'restart' | 'pause' | 'resume' | 'isolate' | 'heal' | 'power-loss';
export const BROKER_ACTIONS: readonly BrokerAction[] = ['kill', 'stop', 'start', 'restart', 'pause', 'resume', 'isolate', 'heal', 'power-loss'];

export type LinkAction = 'cut' | 'heal';
export const LINK_ACTIONS: readonly LinkAction[] = ['cut', 'heal'];

export interface LatencyView {
  inMs: number;
  outMs: number;
}

export interface EngineBrokerStatus {
  id: number;
  host: string;
  port: number;
  /** The OS process id while one runs. */
  pid: number | null;
  /** The process state, shown as 'isolated' while a running broker is cut from everyone. */
  state: BrokerState;
  /** Whether pause is a real SIGSTOP (false) or emulated where the OS has none (true). */
  pauseSimulated: boolean;
  network: {
    isolation: FaultMode | null;
    latency: LatencyView;
    /** Brokers whose link with this one is cut. */
    cutFrom: number[];
  };
  /** The controller's registration of the broker; null when it never registered. */
  controller: { registered: true; fenced: boolean; brokerEpoch: number } | null;
  /** Resident memory of the broker process (VmRSS), null when none runs or the OS does not say. */
  rssBytes: number | null;
  /** Bytes in the broker's data folder. */
  dataBytes: number;
}

export interface ReplicaStatus {
  brokerId: number;
  /** From the broker's last report; null when it has not reported the replica. */
  logStartOffset: number | null;
  logEndOffset: number | null;
  highWatermark: number | null;
  /** Age of that report; large while the broker is paused, stopped or isolated. */
  reportAgeMs: number | null;
  inIsr: boolean;
}

export interface EnginePartitionStatus {
  topic: string;
  topicId: string;
  partition: number;
  /** -1 while the partition has no leader. */
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: number[];
  isr: number[];
  /** The leader's high watermark from its last report; null without a leader or a report. */
  highWatermark: number | null;
  replicaStatus: ReplicaStatus[];
}

export interface LinkFaultView {
  a: number;
  b: number;
  mode: FaultMode;
}

export interface EngineClusterState {
  clusterId: string;
  dataDir: string;
  /** The controller's metadata log offset this view was read at. */
  metadataOffset: number;
  sessionTimeoutMs: number;
  /** Whether brokers fsync on their own (flush.messages / flush.ms set); when false a power cut loses unflushed writes. */
  fsyncOnWrite: boolean;
  /** The cluster-wide defaults a new topic gets (DESIGN decision 12 shows them beside every switch). */
  defaults: { replicationFactor: number; minInsyncReplicas: number };
  brokers: EngineBrokerStatus[];
  partitions: EnginePartitionStatus[];
  links: LinkFaultView[];
}

interface EventBase {
  /** Increases by one per event, from 1, for the life of the engine host. */
  seq: number;
  timeMs: number;
  /** One line for people. */
  message: string;
}

export type EngineEvent =
  | (EventBase & { kind: 'leader-change'; topic: string; partition: number; from: number; to: number; leaderEpoch: number })
  | (EventBase & { kind: 'isr-shrink' | 'isr-expand'; topic: string; partition: number; isr: number[]; changed: number[] })
  | (EventBase & { kind: 'broker-state'; brokerId: number; from: BrokerState; to: BrokerState })
  | (EventBase & { kind: 'broker-fenced' | 'broker-unfenced' | 'broker-registered'; brokerId: number; brokerEpoch: number })
  /** A workload's consumer group completed a rebalance (issue 14): the generation and who holds what. */
  | (EventBase & { kind: 'rebalance'; workloadId: string; groupId: string; topic: string; generation: number; reason: string; assignment: Array<{ member: number; memberId: string; partitions: number[] }> })
  | (EventBase & { kind: 'fault'; action: BrokerAction | 'latency' | 'add' | 'remove' | `link-${LinkAction}`; brokers: number[]; detail: string | null });

export type EngineEventKind = EngineEvent['kind'];

/** An event before the log stamps it. */
export type EngineEventDraft = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq' | 'timeMs'> : never) : never;

export interface BrokerActionResult {
  broker: EngineBrokerStatus;
  /** What the action did, in one line (e.g. "truncated 3 files, removed 2"). */
  detail: string;
}

export interface LinkActionResult {
  links: LinkFaultView[];
}
