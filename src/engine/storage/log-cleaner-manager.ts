import type { LogConfig } from './log-config';
import type { LogSegment } from './log-segment';
import type { PartitionLog } from './partition-log';
import type { StorageLogger } from './storage-context';
import { topicPartitionName } from './log-file-names';

/**
 * Which logs the cleaner works on and which part of each (Kafka's LogCleanerManager and LogToClean):
 * the dirty section runs from the cleaner checkpoint (the first dirty offset) to the first
 * uncleanable offset — never past the last stable offset (at most the high watermark), never into the active segment, never into a segment with records younger than
 * min.compaction.lag.ms. The dirtiest log whose dirty share is above min.cleanable.dirty.ratio, or
 * which has records older than max.compaction.lag.ms, is cleaned next.
 */
export interface LogToClean {
  log: PartitionLog;
  firstDirtyOffset: number;
  /** A segment base offset: the end (exclusive) of what this round may clean. */
  firstUncleanableOffset: number;
  cleanBytes: number;
  cleanableBytes: number;
  totalBytes: number;
  cleanableRatio: number;
  /** Some dirty segment waited longer than max.compaction.lag.ms. */
  needCompactionNow: boolean;
  /** The checkpointed offset was unusable and was reset to the log start. */
  forceUpdateCheckpoint: boolean;
}

export function isCompacted(config: Pick<LogConfig, 'cleanupPolicy'>): boolean {
  return config.cleanupPolicy.split(',').includes('compact');
}

/**
 * Kafka's LogSegments.values(from, to): the segments holding offsets in [from, to) — from the one
 * containing `from` (or the first) to the last whose base offset is below `to`.
 */
export function logSegmentsBetween(log: PartitionLog, from: number, to: number): LogSegment[] {
  if (from >= to) return [];
  const segments = log.segments;
  let start = 0;
  for (let i = 0; i < segments.length; i++) if (segments[i].baseOffset <= from) start = i;
  const out: LogSegment[] = [];
  for (let i = start; i < segments.length && segments[i].baseOffset < to; i++) out.push(segments[i]);
  return out;
}

/** The segments from the one containing `from`, the active segment excluded. */
export function nonActiveSegmentsFrom(log: PartitionLog, from: number): LogSegment[] {
  return logSegmentsBetween(log, from, log.activeSegment.baseOffset);
}

/** The max timestamp of a segment's first batch (Kafka's LogSegment.getFirstBatchTimestamp), or -1. */
export function firstBatchTimestamp(segment: LogSegment): number {
  for (const batch of segment.batches()) return batch.maxTimestamp;
  return -1;
}

export interface CleanableOffsets {
  firstDirtyOffset: number;
  firstUncleanableDirtyOffset: number;
  forceUpdateCheckpoint: boolean;
}

export function cleanableOffsets(log: PartitionLog, lastCleanOffset: number | undefined, now: number, logger?: StorageLogger): CleanableOffsets {
  const name = topicPartitionName(log.topicPartition);
  const logStartOffset = log.logStartOffset;
  const checkpointed = lastCleanOffset ?? logStartOffset;
  let firstDirtyOffset = checkpointed;
  let forceUpdateCheckpoint = false;
  if (checkpointed < logStartOffset) {
    // With compact,delete retention routinely moves the log start past the checkpoint.
    if (log.config.cleanupPolicy !== 'compact,delete') {
      logger?.warn(`Resetting first dirty offset of ${name} to log start offset ${logStartOffset} since the checkpointed offset ${checkpointed} is invalid.`);
    }
    firstDirtyOffset = logStartOffset;
    forceUpdateCheckpoint = true;
  } else if (checkpointed > log.logEndOffset) {
    logger?.warn(
      `The last checkpoint dirty offset for partition ${name} is ${checkpointed}, which is larger than the log end offset ${log.logEndOffset}. Resetting to the log start offset ${logStartOffset}.`,
    );
    firstDirtyOffset = logStartOffset;
    forceUpdateCheckpoint = true;
  }
  // The last stable offset (at most the high watermark): an undecided transaction is never compacted.
  const bounds = [log.lastStableOffset, log.activeSegment.baseOffset];
  const minLag = Math.max(log.config.minCompactionLagMs, 0);
  if (minLag > 0) {
    const young = nonActiveSegmentsFrom(log, firstDirtyOffset).find((s) => s.largestTimestamp() > now - minLag);
    if (young) bounds.push(young.baseOffset);
  }
  return { firstDirtyOffset, firstUncleanableDirtyOffset: Math.max(firstDirtyOffset, Math.min(...bounds)), forceUpdateCheckpoint };
}

/** How long past max.compaction.lag.ms the oldest dirty record is (0 when it is not). */
export function maxCompactionDelay(log: PartitionLog, firstDirtyOffset: number, now: number): number {
  let earliest = Number.MAX_SAFE_INTEGER;
  for (const segment of nonActiveSegmentsFrom(log, firstDirtyOffset)) {
    const ts = firstBatchTimestamp(segment);
    if (ts > 0 && ts < earliest) earliest = ts;
  }
  const cleanUntil = now - Math.max(log.config.maxCompactionLagMs, 0);
  return earliest < cleanUntil ? cleanUntil - earliest : 0;
}

/** The first uncleanable segment's base offset and the bytes from the first dirty segment up to it. */
export function calculateCleanableBytes(log: PartitionLog, firstDirtyOffset: number, uncleanableOffset: number): { firstUncleanableOffset: number; cleanableBytes: number } {
  const firstUncleanable = nonActiveSegmentsFrom(log, uncleanableOffset)[0] ?? log.activeSegment;
  const firstUncleanableOffset = firstUncleanable.baseOffset;
  const cleanableBytes = sizeOf(logSegmentsBetween(log, Math.min(firstDirtyOffset, firstUncleanableOffset), firstUncleanableOffset));
  return { firstUncleanableOffset, cleanableBytes };
}

export function logToClean(log: PartitionLog, lastCleanOffset: number | undefined, now: number, logger?: StorageLogger): LogToClean {
  const offsets = cleanableOffsets(log, lastCleanOffset, now, logger);
  const cleanBytes = sizeOf(logSegmentsBetween(log, -1, offsets.firstDirtyOffset));
  const { firstUncleanableOffset, cleanableBytes } = calculateCleanableBytes(log, offsets.firstDirtyOffset, offsets.firstUncleanableDirtyOffset);
  const totalBytes = cleanBytes + cleanableBytes;
  return {
    log,
    firstDirtyOffset: offsets.firstDirtyOffset,
    firstUncleanableOffset,
    cleanBytes,
    cleanableBytes,
    totalBytes,
    cleanableRatio: totalBytes === 0 ? 0 : cleanableBytes / totalBytes,
    needCompactionNow: maxCompactionDelay(log, offsets.firstDirtyOffset, now) > 0,
    forceUpdateCheckpoint: offsets.forceUpdateCheckpoint,
  };
}

/** grabFilthiestCompactedLog's choice among the candidates: empty logs never, then the highest ratio. */
export function filthiestLog(candidates: readonly LogToClean[]): LogToClean | undefined {
  let best: LogToClean | undefined;
  for (const c of candidates) {
    if (c.totalBytes <= 0) continue;
    const eligible = (c.needCompactionNow && c.cleanableBytes > 0) || c.cleanableRatio > c.log.config.minCleanableDirtyRatio;
    if (eligible && (!best || c.cleanableRatio > best.cleanableRatio)) best = c;
  }
  return best;
}

function sizeOf(segments: readonly LogSegment[]): number {
  return segments.reduce((sum, s) => sum + s.size, 0);
}
