import type { ConfigEntry } from './config-resolver';
import type { ConfigResourceType } from './metadata-records';

/**
 * Request and result shapes of the controller's operations. Errors are Kafka error NAMES (the broker's
 * handlers map them to codes) with Kafka's message where we know it.
 */
export type KafkaErrorName =
  | 'NONE'
  | 'INVALID_REQUEST'
  | 'TOPIC_ALREADY_EXISTS'
  | 'INVALID_TOPIC_EXCEPTION'
  | 'INVALID_PARTITIONS'
  | 'INVALID_REPLICATION_FACTOR'
  | 'INVALID_REPLICA_ASSIGNMENT'
  | 'INVALID_CONFIG'
  | 'POLICY_VIOLATION'
  | 'UNKNOWN_TOPIC_OR_PARTITION'
  | 'UNKNOWN_TOPIC_ID'
  | 'STALE_BROKER_EPOCH'
  | 'BROKER_ID_NOT_REGISTERED'
  | 'UNKNOWN_SERVER_ERROR'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'FENCED_LEADER_EPOCH'
  | 'INVALID_UPDATE_VERSION'
  | 'INELIGIBLE_REPLICA';

export interface ApiError {
  errorCode: KafkaErrorName;
  errorMessage: string | null;
}

export const NO_ERROR: ApiError = Object.freeze({ errorCode: 'NONE', errorMessage: null });

export function apiError(errorCode: KafkaErrorName, errorMessage: string | null = null): ApiError {
  return { errorCode, errorMessage };
}

export interface CreatableTopic {
  name: string;
  /** -1 = the default (num.partitions); must be -1 when `assignments` are given. */
  numPartitions: number;
  /** -1 = the default (default.replication.factor); must be -1 when `assignments` are given. */
  replicationFactor: number;
  assignments?: { partitionIndex: number; brokerIds: number[] }[];
  configs?: { name: string; value: string | null }[];
}

export interface CreateTopicResult extends ApiError {
  name: string;
  /** ZERO_UUID on error. */
  topicId: string;
  /** -1 on error. */
  numPartitions: number;
  /** -1 on error. */
  replicationFactor: number;
  /** Every topic config of the new topic with its source; empty on error. */
  configs: ConfigEntry[];
}

/** Exactly one of name / topicId. */
export type DeletableTopic = { name: string; topicId?: undefined } | { topicId: string; name?: undefined };

export interface DeleteTopicResult extends ApiError {
  name: string | null;
  topicId: string;
}

export interface CreatePartitionsTopic {
  name: string;
  /** The new total number of partitions. */
  count: number;
  /** Replicas of each new partition, or null to let the controller place them. */
  assignments: number[][] | null;
}

export interface CreatePartitionsResult extends ApiError {
  name: string;
}

export type AlterConfigOp = 'SET' | 'DELETE' | 'APPEND' | 'SUBTRACT';

export interface IncrementalAlterConfigsResource {
  resourceType: ConfigResourceType;
  /** Topic name, broker id as text, or '' for the cluster-wide broker default. */
  resourceName: string;
  configs: { name: string; op: AlterConfigOp; value: string | null }[];
}

export interface AlterConfigsResource {
  resourceType: ConfigResourceType;
  resourceName: string;
  /** The complete set of overrides: anything not listed is removed. */
  configs: { name: string; value: string | null }[];
}

export interface AlterConfigsResult extends ApiError {
  resourceType: ConfigResourceType;
  resourceName: string;
}

export interface DescribeConfigsResource {
  resourceType: ConfigResourceType;
  resourceName: string;
  /** null or empty = all. */
  configNames?: string[] | null;
}

export interface DescribeConfigsResult extends ApiError {
  resourceType: ConfigResourceType;
  resourceName: string;
  configs: ConfigEntry[];
}

export interface BrokerRegistrationRequest {
  brokerId: number;
  endpoints: { name: string; host: string; port: number; securityProtocol: string }[];
  rack?: string | null;
  /** Random per broker process start; generated when omitted. */
  incarnationId?: string;
}

export interface BrokerRegistrationResult extends ApiError {
  brokerId: number;
  /** -1 on error. */
  brokerEpoch: number;
}

export interface BrokerHeartbeatRequest {
  brokerId: number;
  brokerEpoch: number;
  /** true while the broker is not ready to serve (catching up, shutting down). */
  wantFence: boolean;
}

export interface BrokerHeartbeatResult extends ApiError {
  isFenced: boolean;
}

export interface AllocateProducerIdsResult extends ApiError {
  /** -1 on error. */
  producerIdStart: number;
  /** 0 on error. */
  producerIdLen: number;
}

export interface CreateTopicPolicyRequest {
  name: string;
  numPartitions: number | null;
  replicationFactor: number | null;
  assignments: ReadonlyMap<number, readonly number[]> | null;
  configs: ReadonlyMap<string, string>;
}

/** Returns a reason to refuse the topic (POLICY_VIOLATION), or null to accept it. */
export type CreateTopicPolicy = (request: CreateTopicPolicyRequest) => string | null;
