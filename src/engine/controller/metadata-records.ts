import { isUuidText } from './uuid';

/**
 * The controller's metadata records, modelled on KRaft's (metadata/src/main/resources/common/metadata/*.json
 * in Kafka). Kafka's binary record schemas are not in our reference folder, so each record is stored as a
 * versioned JSON value; `version` lets a later form add fields without breaking old logs.
 */
export interface BrokerEndpoint {
  name: string;
  host: string;
  port: number;
  securityProtocol: string;
}

export interface ClusterIdRecord { type: 'ClusterIdRecord'; version: 0; clusterId: string }
export interface RegisterBrokerRecord {
  type: 'RegisterBrokerRecord';
  version: 0;
  brokerId: number;
  incarnationId: string;
  /** As in KRaft, the offset of this record: a later registration always has a larger epoch. */
  brokerEpoch: number;
  endpoints: BrokerEndpoint[];
  rack: string | null;
  fenced: boolean;
}
export interface UnregisterBrokerRecord { type: 'UnregisterBrokerRecord'; version: 0; brokerId: number; brokerEpoch: number }
export interface FenceBrokerRecord { type: 'FenceBrokerRecord'; version: 0; id: number; epoch: number }
export interface UnfenceBrokerRecord { type: 'UnfenceBrokerRecord'; version: 0; id: number; epoch: number }
export interface TopicRecord { type: 'TopicRecord'; version: 0; name: string; topicId: string }
export interface PartitionRecord {
  type: 'PartitionRecord';
  version: 0;
  partitionId: number;
  topicId: string;
  replicas: number[];
  isr: number[];
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  /** KIP-455: replicas being added / removed by an ongoing reassignment (absent = none). */
  addingReplicas?: number[];
  removingReplicas?: number[];
}
/** Absent fields are unchanged. Any change bumps partitionEpoch; a `leader` field bumps leaderEpoch. */
export interface PartitionChangeRecord {
  type: 'PartitionChangeRecord';
  version: 0;
  partitionId: number;
  topicId: string;
  isr?: number[];
  leader?: number;
  replicas?: number[];
  addingReplicas?: number[];
  removingReplicas?: number[];
}
export interface RemoveTopicRecord { type: 'RemoveTopicRecord'; version: 0; topicId: string }
export type ConfigResourceType = 'TOPIC' | 'BROKER';
/** value null deletes the override. For BROKER, resourceName '' is the cluster-wide default. */
export interface ConfigRecord {
  type: 'ConfigRecord';
  version: 0;
  resourceType: ConfigResourceType;
  resourceName: string;
  name: string;
  value: string | null;
}
export interface ProducerIdsRecord {
  type: 'ProducerIdsRecord';
  version: 0;
  brokerId: number;
  brokerEpoch: number;
  /** The first id of the next block: every id below it has been handed out. */
  nextProducerId: number;
}

export type MetadataRecord =
  | ClusterIdRecord
  | RegisterBrokerRecord
  | UnregisterBrokerRecord
  | FenceBrokerRecord
  | UnfenceBrokerRecord
  | TopicRecord
  | PartitionRecord
  | PartitionChangeRecord
  | RemoveTopicRecord
  | ConfigRecord
  | ProducerIdsRecord;

export type MetadataRecordType = MetadataRecord['type'];

export class MetadataRecordError extends Error {
  override name = 'MetadataRecordError';
}

type Check = (v: unknown) => boolean;
const int32: Check = (v) => Number.isInteger(v) && (v as number) >= -0x80000000 && (v as number) <= 0x7fffffff;
const int64: Check = (v) => Number.isSafeInteger(v);
const str: Check = (v) => typeof v === 'string';
const nullableStr: Check = (v) => v === null || typeof v === 'string';
const bool: Check = (v) => typeof v === 'boolean';
const uuid: Check = (v) => typeof v === 'string' && isUuidText(v);
const int32List: Check = (v) => Array.isArray(v) && v.every(int32);
const resourceType: Check = (v) => v === 'TOPIC' || v === 'BROKER';
const endpoints: Check = (v) =>
  Array.isArray(v) &&
  v.every(
    (e) =>
      typeof e === 'object' && e !== null &&
      str((e as BrokerEndpoint).name) && str((e as BrokerEndpoint).host) &&
      Number.isInteger((e as BrokerEndpoint).port) && (e as BrokerEndpoint).port >= 0 && (e as BrokerEndpoint).port <= 65535 &&
      str((e as BrokerEndpoint).securityProtocol),
  );

interface FieldSpec { required: Record<string, Check>; optional?: Record<string, Check> }

/** The schema of each record type, version 0: every field and the check its value must pass. */
const SCHEMAS: Record<MetadataRecordType, FieldSpec> = {
  ClusterIdRecord: { required: { clusterId: uuid } },
  RegisterBrokerRecord: {
    required: { brokerId: int32, incarnationId: uuid, brokerEpoch: int64, endpoints, rack: nullableStr, fenced: bool },
  },
  UnregisterBrokerRecord: { required: { brokerId: int32, brokerEpoch: int64 } },
  FenceBrokerRecord: { required: { id: int32, epoch: int64 } },
  UnfenceBrokerRecord: { required: { id: int32, epoch: int64 } },
  TopicRecord: { required: { name: str, topicId: uuid } },
  PartitionRecord: {
    required: { partitionId: int32, topicId: uuid, replicas: int32List, isr: int32List, leader: int32, leaderEpoch: int32, partitionEpoch: int32 },
    optional: { addingReplicas: int32List, removingReplicas: int32List },
  },
  PartitionChangeRecord: {
    required: { partitionId: int32, topicId: uuid },
    optional: { isr: int32List, leader: int32, replicas: int32List, addingReplicas: int32List, removingReplicas: int32List },
  },
  RemoveTopicRecord: { required: { topicId: uuid } },
  ConfigRecord: { required: { resourceType, resourceName: str, name: str, value: nullableStr } },
  ProducerIdsRecord: { required: { brokerId: int32, brokerEpoch: int64, nextProducerId: int64 } },
};

/** Checks that a parsed value is a well-formed record of a known type and version; throws otherwise. */
export function validateRecord(value: unknown): MetadataRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MetadataRecordError('a metadata record must be a JSON object');
  }
  const v = value as Record<string, unknown>;
  const type = v.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(SCHEMAS, type)) {
    throw new MetadataRecordError(`unknown metadata record type ${JSON.stringify(type)}`);
  }
  if (v.version !== 0) throw new MetadataRecordError(`unsupported version ${JSON.stringify(v.version)} of ${type}`);
  const spec = SCHEMAS[type as MetadataRecordType];
  for (const [field, check] of Object.entries(spec.required)) {
    if (!check(v[field])) throw new MetadataRecordError(`${type}.${field} is missing or malformed`);
  }
  for (const [field, check] of Object.entries(spec.optional ?? {})) {
    if (v[field] !== undefined && !check(v[field])) throw new MetadataRecordError(`${type}.${field} is malformed`);
  }
  for (const field of Object.keys(v)) {
    if (field !== 'type' && field !== 'version' && !(field in spec.required) && !(field in (spec.optional ?? {}))) {
      throw new MetadataRecordError(`${type} has an unknown field ${field}`);
    }
  }
  return v as unknown as MetadataRecord;
}

export function serializeRecord(record: MetadataRecord): Buffer {
  return Buffer.from(JSON.stringify(record), 'utf8');
}

export function deserializeRecord(bytes: Uint8Array): MetadataRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    throw new MetadataRecordError('a metadata record value is not valid JSON');
  }
  return validateRecord(parsed);
}
