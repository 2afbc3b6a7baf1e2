import type { RecordsDecompressor } from './batch-records';
import type { LogConfig } from './log-config';
import type { Clock, DurableListener, StorageLogger } from './storage-context';

export interface LogOffsetMetadata {
  messageOffset: number;
  segmentBaseOffset: number;
  relativePositionInSegment: number;
}

/** The batch holding an offset: its last offset, where it starts and how long it is. */
export interface LogOffsetPosition {
  offset: number;
  position: number;
  size: number;
}

export interface SegmentReadResult {
  /** Whole batches only, concatenated as stored. */
  records: Buffer;
  offsetMetadata: LogOffsetMetadata;
  /** The first batch did not fit in maxBytes (and minOneBatch was off), so nothing was returned. */
  firstEntryIncomplete: boolean;
}

export interface TimestampAndOffset {
  timestamp: number;
  offset: number;
  /** The leader epoch stamped on the batch, when it has one. */
  leaderEpoch: number | undefined;
}

export interface SegmentAppendInfo {
  lastOffset: number;
  maxTimestamp: number;
  /** Kafka's "shallow" offset of the max timestamp: the last offset of the batch that holds it. */
  offsetOfMaxTimestamp: number;
}

export interface RollParams {
  maxSegmentMs: number;
  maxSegmentBytes: number;
  maxTimestampInMessages: number;
  maxOffsetInMessages: number;
  messagesSize: number;
  now: number;
}

/** The part of a LeaderEpochCache that recovery feeds. */
export interface EpochAssigner {
  latestEpoch(): number | undefined;
  assign(epoch: number, startOffset: number): void;
}

export interface SegmentContext {
  config: Pick<LogConfig, 'segmentIndexBytes' | 'indexIntervalBytes' | 'segmentJitterMs' | 'segmentMs'>;
  clock: Clock;
  logger: StorageLogger;
  onDurable?: DurableListener;
  decompress?: RecordsDecompressor;
  /** Told when an I/O error takes the log offline (the log manager then takes the whole folder offline). */
  onOffline?: (cause: string) => void;
}

export interface RecoveryResult {
  truncatedBytes: number;
  nextOffset: number;
}
