import type { LogOffsetMetadata, LogSegment, SegmentReadResult } from './log-segment';
import type { ReadOptions } from './partition-log-types';

/** Index of the last segment whose base offset is ≤ offset (the first segment when none is). */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (segments[mid].baseOffset <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Where a read must stop for an exclusive `maxOffset`: the start of the batch holding it. */
function positionOf(segments: readonly LogSegment[], logEndOffset: number, maxOffset: number): LogOffsetMetadata {
  const active = segments[segments.length - 1];
  if (maxOffset >= logEndOffset) {
    return { messageOffset: logEndOffset, segmentBaseOffset: active.baseOffset, relativePositionInSegment: active.size };
  }
  const segment = segments[floorSegmentIndex(segments, maxOffset)];
  const at = segment.translateOffset(maxOffset);
  return { messageOffset: maxOffset, segmentBaseOffset: segment.baseOffset, relativePositionInSegment: at ? at.position : segment.size };
}

/**
 * Kafka's LocalLog.read for an in-range start offset: from the segment holding startOffset onwards,
 * the first segment with a batch at or after it answers, never past the batch holding maxOffset.
 * A read returns batches of one segment only, as Kafka's does.
 */
export function readSegments(
  segments: readonly LogSegment[],
  logEndOffset: number,
  startOffset: number,
  options: ReadOptions,
): SegmentReadResult {
  const active = segments[segments.length - 1];
  const empty = (messageOffset: number): SegmentReadResult => ({
    records: Buffer.alloc(0),
    offsetMetadata: { messageOffset, segmentBaseOffset: active.baseOffset, relativePositionInSegment: active.size },
    firstEntryIncomplete: false,
  });
  if (startOffset >= logEndOffset) return empty(logEndOffset);
  const limit = positionOf(segments, logEndOffset, Math.min(options.maxOffset ?? logEndOffset, logEndOffset));
  for (let i = floorSegmentIndex(segments, startOffset); i < segments.length; i++) {
    const segment = segments[i];
    if (segment.baseOffset > limit.segmentBaseOffset) break;
    const maxPosition = segment.baseOffset === limit.segmentBaseOffset ? limit.relativePositionInSegment : segment.size;
    const result = segment.read(startOffset, options.maxBytes, maxPosition, options.minOneBatch ?? false);
    if (result) return result;
  }
  return empty(startOffset);
}
