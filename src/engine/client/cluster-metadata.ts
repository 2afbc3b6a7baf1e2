import type { MetadataResponse } from '../protocol/apis/index';
import { ZERO_UUID } from '../protocol/codec';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface PartitionMetadata {
  partition: number;
  /** Kafka error code for this partition (LEADER_NOT_AVAILABLE while there is no leader). */
  errorCode: number;
  /** -1 when there is no leader. */
  leaderId: number;
  /** -1 when the server's Metadata version has no leader epochs (< v7). */
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
}

export interface TopicMetadata {
  name: string;
  /** Kafka's base64 topic id, or null when the server's Metadata version has none (< v10). */
  topicId: string | null;
  isInternal: boolean;
  /** Sorted by partition index. */
  partitions: PartitionMetadata[];
}

export interface ClusterMetadata {
  clusterId: string | null;
  /** -1 when unknown. */
  controllerId: number;
  brokers: BrokerInfo[];
  topics: Map<string, TopicMetadata>;
}

/** The error of a topic the server reported instead of metadata (unknown topic, authorization…). */
export interface TopicMetadataError {
  name: string;
  errorCode: number;
}

export interface ParsedMetadata {
  cluster: ClusterMetadata;
  topicErrors: TopicMetadataError[];
}

/** What Metadata v0 cannot flag itself; later versions send isInternal. */
const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state']);

/** Turns a Metadata response (any version) into the client's view. */
export function parseMetadataResponse(body: MetadataResponse): ParsedMetadata {
  const topics = new Map<string, TopicMetadata>();
  const topicErrors: TopicMetadataError[] = [];
  for (const t of body.topics) {
    const name = t.name ?? '';
    // LEADER_NOT_AVAILABLE at topic level comes with partitions still useful, e.g. right after creation.
    if (t.errorCode !== 0 && t.partitions.length === 0) {
      topicErrors.push({ name, errorCode: t.errorCode });
      continue;
    }
    const partitions = t.partitions
      .map((p) => ({
        partition: p.partitionIndex,
        errorCode: p.errorCode,
        leaderId: p.leaderId,
        leaderEpoch: p.leaderEpoch,
        replicas: [...p.replicaNodes],
        isr: [...p.isrNodes],
        offlineReplicas: [...p.offlineReplicas],
      }))
      .sort((a, b) => a.partition - b.partition);
    topics.set(name, {
      name,
      topicId: t.topicId && t.topicId !== ZERO_UUID ? t.topicId : null,
      isInternal: t.isInternal || INTERNAL_TOPICS.has(name),
      partitions,
    });
  }
  return {
    cluster: {
      clusterId: body.clusterId,
      controllerId: body.controllerId,
      brokers: body.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port, rack: b.rack })).sort((a, b) => a.nodeId - b.nodeId),
      topics,
    },
    topicErrors,
  };
}
