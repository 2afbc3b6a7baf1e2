// The data the console's views show, as it crosses the ConsoleApi (plain JSON: numbers, strings,
// arrays; offsets are numbers, exact up to 2^53).
import type { ApiErrorBody } from './console-errors';

export type ConnectionKind = 'embedded' | 'external';

export interface ConnectionInfo {
  kind: ConnectionKind;
  /** The bootstrap servers the console's client uses, "host:port,host:port". */
  bootstrap: string;
  /** Whether `connection:use-embedded` can switch (back) to an embedded cluster. */
  embeddedAvailable: boolean;
}

/**
 * starting…failed: the engine host's view of an embedded broker's process.
 * online: an external cluster's broker listed in Metadata (its process is not ours to see).
 */
export type BrokerState = 'starting' | 'running' | 'paused' | 'isolated' | 'stopping' | 'stopped' | 'killed' | 'power-lost' | 'failed' | 'online';

export const BROKER_STATES: readonly BrokerState[] = ['starting', 'running', 'paused', 'isolated', 'stopping', 'stopped', 'killed', 'power-lost', 'failed', 'online'];

export interface BrokerView {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  state: BrokerState;
  /** Whether the cluster's Metadata lists the broker (a fenced or dead broker drops out). */
  registered: boolean;
}

export interface ClusterHealth {
  brokersUp: number;
  brokersTotal: number;
  underReplicatedPartitions: number;
  offlinePartitions: number;
  topics: number;
  partitions: number;
}

export interface ClusterView {
  connection: ConnectionInfo;
  clusterId: string | null;
  /** -1 when the cluster does not say. */
  controllerId: number;
  brokers: BrokerView[];
  /** The embedded cluster's data folder; null for an external cluster. */
  dataDir: string | null;
  health: ClusterHealth;
}

export interface TopicSummary {
  name: string;
  topicId: string | null;
  internal: boolean;
  partitions: number;
  /** The largest replica count of the topic's partitions. */
  replicationFactor: number;
  underReplicatedPartitions: number;
  offlinePartitions: number;
}

export interface PartitionView {
  partition: number;
  /** -1 while the partition has no leader. */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** From ListOffsets (earliest); null when the leader could not answer. */
  logStartOffset: number | null;
  /** From ListOffsets (latest): the high watermark; null when the leader could not answer. */
  highWatermark: number | null;
}

export interface TopicDetail {
  name: string;
  topicId: string | null;
  internal: boolean;
  partitions: PartitionView[];
  /** Why the offsets are missing, when ListOffsets failed. */
  offsetsError: ApiErrorBody | null;
}

export interface CreateTopicRequest {
  name: string;
  /** Omitted: the cluster's num.partitions. */
  partitions?: number;
  /** Omitted: the cluster's default.replication.factor. */
  replicationFactor?: number;
  configs?: Record<string, string>;
}

export interface CreatedTopicView {
  name: string;
  topicId: string | null;
  partitions: number;
  replicationFactor: number;
}

/** `cluster:changed`: the new view, or why it could not be read this tick. */
export interface ClusterChangedEvent {
  view: ClusterView | null;
  error: ApiErrorBody | null;
}
