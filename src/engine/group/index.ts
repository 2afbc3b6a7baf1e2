/** The group coordinator's public surface, for the broker's group handlers and the console. */
export { GroupCoordinator, type GroupCoordinatorOptions, type GroupSnapshot } from './group-coordinator';
export type { GroupRequestContext } from './coordinator-context';
export { groupCoordinatorConfig, KAFKA_GROUP_COORDINATOR_DEFAULTS, type GroupCoordinatorConfig } from './coordinator-config';
export { GroupAppendError, InMemoryGroupPersistence, appendErrorToResponseError, type GroupPersistence, type TxnProducer } from './group-persistence';
export {
  decodeGroupMetadataValue,
  decodeGroupRecordKey,
  decodeOffsetCommitValue,
  encodeGroupMetadataKey,
  encodeGroupMetadataValue,
  encodeOffsetCommitKey,
  encodeOffsetCommitValue,
  groupMetadataRecord,
  groupMetadataTombstone,
  offsetAndMetadataOf,
  offsetCommitRecord,
  offsetCommitTombstone,
  type GroupRecord,
  type GroupRecordKey,
  type OffsetAndMetadata,
} from './group-records-codec';
export type { LoadedRecord, LoadSummary } from './group-loader';
export { javaStringHashCode, kafkaAbs, partitionFor } from './coordinator-partition';
export { KeyedTimer, ManualScheduler, realScheduler, type Scheduler } from './scheduler';
export { CLASSIC_GROUP_STATES, CLASSIC_GROUP_TRANSITIONS, type ClassicGroupState } from './classic-group-state';
export { CONSUMER_PROTOCOL_TYPE } from './consumer-subscription';
