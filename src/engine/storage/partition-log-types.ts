import type { RecordsDecompressor } from './batch-records';
import type { TopicPartition } from './log-file-names';
import type { LogOffsetMetadata } from './log-segment';
import type { Clock, DurableListener, StorageLogger } from './storage-context';
import type { OffsetOutOfRangeError } from './storage-errors';
import type { AppendOrigin } from './producer-append-info';
import type { ProducerStateConfig } from './producer-state-manager';

/** ListOffsets' special timestamps. */
export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP = -3;
export const EARLIEST_LOCAL_TIMESTAMP = -4;

export interface PartitionLogOptions {
  clock?: Clock;
  logger?: StorageLogger;
  /** From recovery-point-offset-checkpoint. Absent after an unclean stop: every segment is recovered. */
  recoveryPoint?: number;
  /** From log-start-offset-checkpoint. */
  logStartOffset?: number;
  /** From replication-offset-checkpoint; clamped into [logStartOffset, logEndOffset]. */
  highWatermark?: number;
  /** True when the broker folder had `.kafka_cleanshutdown`: no recovery, only index checks. */
  hadCleanShutdown?: boolean;
  onDurable?: DurableListener;
  /** Told when an I/O error takes this log offline. */
  onOffline?: (cause: string) => void;
  /** How timestamp lookups look inside compressed batches; default: the protocol's sync codecs (zstd batches are answered per batch). */
  decompress?: RecordsDecompressor;
  /** Defaults to the folder name parsed as `<topic>-<partition>`. */
  topicPartition?: TopicPartition;
  /** producer.id.expiration.ms and its check interval; Kafka's defaults when absent. */
  producerStateConfig?: ProducerStateConfig;
}

export interface AppendOptions {
  /** Stamped into the batch when assignOffsets (the leader's current epoch). */
  leaderEpoch: number;
  /** Leader: give the batch the next offsets. Follower: keep the batch's own offsets. */
  assignOffsets: boolean;
  /** Stamp LogAppendTime with this time; defaults to the clock when the topic uses LogAppendTime. */
  logAppendTime?: number;
  /** How producer ids are checked: 'client' (sequences too) by default for a leader, 'replication' for a follower. */
  origin?: AppendOrigin;
}

export interface LogAppendInfo {
  firstOffset: number;
  lastOffset: number;
  /** -1 unless the batch got LogAppendTime. */
  logAppendTime: number;
  maxTimestamp: number;
  appendedBytes: number;
  recordCount: number;
  logStartOffset: number;
  /** A producer's retry of a batch already in the log: nothing was appended; the offsets are the original ones. */
  duplicate?: boolean;
}

export interface ReadOptions {
  maxBytes: number;
  /** Exclusive upper bound (e.g. the high watermark for consumers); defaults to the log end. */
  maxOffset?: number;
  /** KIP-74: return the first batch even if it is larger than maxBytes. */
  minOneBatch?: boolean;
}

export interface LogOffsets {
  logStartOffset: number;
  logEndOffset: number;
  highWatermark: number;
}

export type LogReadResult =
  | (LogOffsets & {
      kind: 'records';
      /** Whole batches, concatenated as stored; empty when nothing is readable yet. */
      records: Buffer;
      offsetMetadata: LogOffsetMetadata;
      firstEntryIncomplete: boolean;
    })
  | (LogOffsets & { kind: 'offsetOutOfRange'; error: OffsetOutOfRangeError });
