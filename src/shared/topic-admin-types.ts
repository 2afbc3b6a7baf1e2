// The topic detail's engine side (issue 11 §5): configs with their sources, edited through
// IncrementalAlterConfigs; adding partitions; DeleteRecords; the topic's size per replica.

/** Where a config's value comes from, as the page groups them; `kafkaSource` keeps Kafka's own name. */
export type ConfigSourceGroup = 'default' | 'static' | 'dynamic';

export interface TopicConfigView {
  name: string;
  /** Null for sensitive values and unset ones. */
  value: string | null;
  source: ConfigSourceGroup;
  /** Kafka's DescribeConfigs source: DYNAMIC_TOPIC_CONFIG, STATIC_BROKER_CONFIG, DEFAULT_CONFIG… */
  kafkaSource: string;
  readOnly: boolean;
  sensitive: boolean;
  /** Where the value would come from without this one (the synonyms below it), most specific first. */
  synonyms: Array<{ name: string; value: string | null; kafkaSource: string }>;
  documentation: string | null;
}

export interface TopicConfigsResponse {
  name: string;
  configs: TopicConfigView[];
}

export interface TopicAlterConfigsRequest {
  name: string;
  /** Configs set to these values. */
  set?: Record<string, string>;
  /** Configs returned to their defaults (the topic-level value removed). */
  delete?: string[];
  /** Check with Kafka without changing anything. */
  validateOnly?: boolean;
}

/**
 * A refused change: INVALID_CONFIG (or Kafka's other name) with the message of each field Kafka
 * refused, so the page can show it on the field.
 */
export interface InvalidConfigErrorBody {
  name: string;
  message: string;
  fields: Record<string, string>;
}

export function isInvalidConfigError(e: { name: string; message: string }): e is InvalidConfigErrorBody {
  const fields = (e as { fields?: unknown }).fields;
  return typeof fields === 'object' && fields !== null;
}

export interface TopicAddPartitionsRequest {
  name: string;
  /** The new total; Kafka refuses a count that is not higher (INVALID_PARTITIONS). */
  totalCount: number;
}

export interface TopicAddPartitionsResponse {
  name: string;
  partitions: number;
}

export interface TopicDeleteRecordsRequest {
  name: string;
  /** Partition → delete records before this offset (-1: up to the high watermark). */
  before: Record<string, number>;
}

export interface TopicDeleteRecordsResponse {
  name: string;
  partitions: Array<{ partition: number; lowWatermark: number }>;
}

export interface ReplicaSizeView {
  broker: number;
  logDir: string;
  partition: number;
  /** Bytes on disk. */
  size: number;
  /** How far this replica is behind the log end (0 for the leader); -1 when unknown. */
  offsetLag: number;
  /** A replica being moved to another log folder of the broker. */
  future: boolean;
}

export interface TopicLogDirsResponse {
  name: string;
  replicas: ReplicaSizeView[];
  /** Sum of the replica sizes. */
  totalBytes: number;
  /** Brokers that could not be asked (down, or DescribeLogDirs unsupported), with the reason. */
  brokerErrors: Array<{ broker: number; error: { name: string; message: string } }>;
}
