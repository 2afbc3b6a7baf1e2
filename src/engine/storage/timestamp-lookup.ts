import type { LogSegment, TimestampAndOffset } from './log-segment';
import { MAX_TIMESTAMP } from './partition-log-types';

/**
 * ListOffsets by timestamp over a log's segments (Kafka's UnifiedLog.fetchOffsetByTimestamp, local
 * part): MAX_TIMESTAMP finds the record holding the largest timestamp (the first segment holding it
 * wins ties); a timestamp ≥ 0 finds the first record at or after it, searching from the first segment
 * whose largest timestamp reaches it. Records below the log start offset never answer.
 */
export function findOffsetByTimestamp(segments: readonly LogSegment[], timestamp: number, logStartOffset: number): TimestampAndOffset | undefined {
  if (timestamp === MAX_TIMESTAMP) {
    let best: LogSegment | undefined;
    for (const s of segments) if (!best || s.maxTimestampSoFar > best.maxTimestampSoFar) best = s;
    const found = best?.findMaxTimestampRecord();
    return found && found.offset >= logStartOffset ? found : undefined;
  }
  if (timestamp < 0) return undefined;
  for (const segment of segments) {
    if (segment.maxTimestampSoFar < timestamp) continue;
    const found = segment.findOffsetByTimestamp(timestamp, logStartOffset);
    if (found) return found;
  }
  return undefined;
}
