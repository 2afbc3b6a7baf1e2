/** The storage layer's public surface, for the broker's handlers and the replica manager. */
export { LogManager, MetaPropertiesMismatchError, type LogManagerOptions } from './log-manager';
export { PartitionLog } from './partition-log';
export * from './partition-log-types';
export { LogSegment } from './log-segment';
export type * from './log-segment-types';
export { OffsetIndex, type OffsetPosition } from './offset-index';
export { TimeIndex, type TimestampOffset } from './time-index';
export { LeaderEpochCache, UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET, type EpochEndOffset } from './leader-epoch-cache';
export {
  DEFAULT_LOG_CONFIG,
  InvalidConfigError,
  LOG_CONFIG_PROPERTY_NAMES,
  NEVER,
  logConfigFromProperties,
  type CleanupPolicy,
  type LogConfig,
  type TimestampType,
} from './log-config';
export * from './log-file-names';
export { LeaderEpochCheckpointFile, OffsetCheckpointFile, type EpochEntry, type TopicPartitionOffset } from './checkpoint-file';
export { PartitionMetadataFile, isTopicIdText } from './partition-metadata-file';
export { MetaPropertiesFile, randomUuidText, type MetaProperties } from './meta-properties';
export { BrokerDirLock, LockHeldError } from './broker-dir-lock';
export { syncDecompressor, type RecordsDecompressor } from './batch-records';
export * from './storage-context';
export * from './storage-errors';
