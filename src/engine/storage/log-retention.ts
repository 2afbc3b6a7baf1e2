import type { LogSegment } from './log-segment';
import type { PartitionLog } from './partition-log';
import type { StorageLogger } from './storage-context';
import { topicPartitionName } from './log-file-names';

export type SegmentDeletionReason = 'log-start-offset' | 'retention-bytes' | 'retention-ms';

export interface DeletedSegment {
  baseOffset: number;
  size: number;
  reason: SegmentDeletionReason;
}

export interface RetentionResult {
  /** Segments taken out of the log, oldest first; their files are the caller's to remove. */
  segments: LogSegment[];
  deleted: DeletedSegment[];
  logStartOffset: number;
}

type SegmentPredicate = (segment: LogSegment, next: LogSegment | undefined) => boolean;

/**
 * One retention pass over a log, as Kafka's UnifiedLog.deleteOldSegments: segments wholly below the
 * log start offset always go; with `cleanup.policy` including delete, so do the oldest segments
 * while the log is larger than `retention.bytes`, and those whose largest record timestamp is older
 * than `retention.ms`. Only whole segments go, oldest first, never one with offsets at or above the
 * high watermark (the log start offset cannot pass it), and when every segment qualifies a new
 * active segment is rolled first so the log keeps one.
 */
export function deleteOldSegments(log: PartitionLog, now: number, logger?: StorageLogger): RetentionResult {
  const result: RetentionResult = { segments: [], deleted: [], logStartOffset: log.logStartOffset };
  const pass = (reason: SegmentDeletionReason, predicate: SegmentPredicate) => {
    const detached = deleteSegments(log, deletableSegments(log, predicate));
    for (const segment of detached) {
      result.segments.push(segment);
      result.deleted.push({ baseOffset: segment.baseOffset, size: segment.size, reason });
      logger?.info(`[Log partition=${topicPartitionName(log.topicPartition)}] Deleting segment ${segment.baseOffset} (${segment.size} bytes) due to ${describe(log, reason)}`);
    }
  };
  pass('log-start-offset', (_segment, next) => next !== undefined && next.baseOffset <= log.logStartOffset);
  if (log.config.cleanupPolicy.split(',').includes('delete')) {
    pass('retention-bytes', retentionBytesPredicate(log));
    const retentionMs = log.config.retentionMs;
    if (retentionMs >= 0) pass('retention-ms', (segment) => now - segment.largestTimestamp() > retentionMs);
  }
  result.logStartOffset = log.logStartOffset;
  return result;
}

function retentionBytesPredicate(log: PartitionLog): SegmentPredicate {
  const retentionBytes = log.config.retentionBytes;
  const size = log.sizeInBytes;
  if (retentionBytes < 0 || size < retentionBytes) return () => false;
  let excess = size - retentionBytes;
  return (segment) => {
    if (excess - segment.size < 0) return false;
    excess -= segment.size;
    return true;
  };
}

/** The oldest segments that qualify, stopping at the first that does not (LocalLog.deletableSegments). */
function deletableSegments(log: PartitionLog, predicate: SegmentPredicate): LogSegment[] {
  const segments = log.segments;
  const out: LogSegment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const next = segments[i + 1] as LogSegment | undefined;
    const upperBound = next ? next.baseOffset : log.logEndOffset;
    const lastAndEmpty = next === undefined && segment.size === 0;
    // The high watermark check comes first so a size predicate only counts segments it may delete.
    if (log.highWatermark < upperBound || lastAndEmpty || !predicate(segment, next)) break;
    out.push(segment);
  }
  return out;
}

function deleteSegments(log: PartitionLog, deletable: LogSegment[]): LogSegment[] {
  if (deletable.length === 0) return [];
  let count = deletable.length;
  if (count === log.segments.length) {
    const active = log.roll();
    // Rolling found the active segment empty at the log end: it stays as the log's only segment.
    if (active === deletable[deletable.length - 1]) count--;
  }
  return log.detachOldestSegments(count);
}

function describe(log: PartitionLog, reason: SegmentDeletionReason): string {
  switch (reason) {
    case 'log-start-offset':
      return `log start offset ${log.logStartOffset} breach`;
    case 'retention-bytes':
      return `retention size in bytes ${log.config.retentionBytes} breach`;
    case 'retention-ms':
      return `retention time ${log.config.retentionMs}ms breach based on the largest record timestamp in the segment`;
  }
}
