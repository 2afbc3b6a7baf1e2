import type { TimestampType } from './record-batch-attributes';
import { RecordsCursor, RecordsFormatError } from './records-varint';

/** A per-record rejection, as Produce v8+ reports it in `record_errors`. */
export interface RecordError {
  batchIndex: number;
  message: string;
}

export interface RecordScanParams {
  count: number;
  baseTimestamp: number;
  /** Set when the batch says LogAppendTime: every record's timestamp is then the batch maxTimestamp. */
  batchLogAppendTime: number | null;
  /** The topic's message.timestamp.type. */
  topicTimestampType: TimestampType;
  now: number;
  timestampBeforeMaxMs: number;
  timestampAfterMaxMs: number;
  compactedTopic: boolean;
}

export interface RecordScanResult {
  /** Largest record timestamp, -1 when no record has one. */
  maxTimestamp: number;
  offsetDeltaOfMaxTimestamp: number;
  /** Non-empty when records were refused (missing key on a compacted topic, timestamp out of range). */
  recordErrors: RecordError[];
  hasTimestampError: boolean;
}

/**
 * One pass over the records of an uncompressed records area, as Kafka's LogValidator walks them:
 * structure (lengths, header counts, nothing left over), offset deltas 0..n-1, and per-record key and
 * timestamp rules. Nothing is allocated per record; keys, values and headers are skipped, not copied.
 * Structural faults throw RecordsFormatError (the whole batch is INVALID_RECORD).
 */
export function scanRecords(buf: Buffer, start: number, end: number, p: RecordScanParams): RecordScanResult {
  const cur = new RecordsCursor(buf, start, end);
  const checkCreateTime = p.topicTimestampType === 'CreateTime';
  let maxTimestamp = -1;
  let offsetDeltaOfMaxTimestamp = -1;
  let recordErrors: RecordError[] | null = null;
  let hasTimestampError = false;

  for (let i = 0; i < p.count; i++) {
    if (cur.pos >= end) throw new RecordsFormatError(`incorrect declared batch size: records end after ${i} of ${p.count}`);
    cur.end = end;
    const bodySize = cur.readVarint();
    const recordEnd = cur.pos + bodySize;
    if (bodySize < 0 || recordEnd > end) {
      throw new RecordsFormatError(`invalid record size: record ${i} declares ${bodySize} bytes, ${end - cur.pos} remain`);
    }
    cur.end = recordEnd;
    cur.pos++; // attributes (unused in v2); readVarlong below checks the bound
    const timestampDelta = cur.readVarlong();
    const offsetDelta = cur.readVarint();
    if (offsetDelta !== i) {
      throw new RecordsFormatError(`record ${i} has offset delta ${offsetDelta}; a produced batch must number its records 0..${p.count - 1}`);
    }
    const keyLength = cur.readVarint();
    if (keyLength > 0) cur.skip(keyLength);
    const valueLength = cur.readVarint();
    if (valueLength > 0) cur.skip(valueLength);
    const headerCount = cur.readVarint();
    if (headerCount < 0) throw new RecordsFormatError(`invalid number of record headers ${headerCount} in record ${i}`);
    if (headerCount > recordEnd - cur.pos) {
      throw new RecordsFormatError(`invalid number of record headers ${headerCount} in record ${i}: more than the bytes left`);
    }
    for (let h = 0; h < headerCount; h++) {
      const headerKeyLength = cur.readVarint();
      if (headerKeyLength < 0) throw new RecordsFormatError(`invalid negative header key size ${headerKeyLength} in record ${i}`);
      cur.skip(headerKeyLength);
      const headerValueLength = cur.readVarint();
      if (headerValueLength > 0) cur.skip(headerValueLength);
    }
    if (cur.pos !== recordEnd) {
      throw new RecordsFormatError(`invalid record size: record ${i} declares ${bodySize} bytes but its fields take ${bodySize - (recordEnd - cur.pos)}`);
    }

    const timestamp = p.batchLogAppendTime ?? p.baseTimestamp + timestampDelta;
    if (timestamp > maxTimestamp) {
      maxTimestamp = timestamp;
      offsetDeltaOfMaxTimestamp = i;
    }
    // Kafka checks the key first and reports at most one error per record.
    let error: string | null = null;
    if (p.compactedTopic && keyLength < 0) {
      error = 'Compacted topic cannot accept message without key';
    } else if (checkCreateTime && timestamp !== -1) {
      const diff = p.now - timestamp;
      if (diff > p.timestampBeforeMaxMs || -diff > p.timestampAfterMaxMs) {
        error =
          `Timestamp ${timestamp} of message with offset ${offsetDelta} is out of range. The timestamp should be within ` +
          `[${p.now - p.timestampBeforeMaxMs}, ${p.now + p.timestampAfterMaxMs}]`;
        hasTimestampError = true;
      }
    } else if (p.batchLogAppendTime !== null) {
      error = 'Invalid timestamp type in message. Producer should not set timestamp type to LogAppendTime.';
      hasTimestampError = true;
    }
    if (error !== null) (recordErrors ??= []).push({ batchIndex: i, message: error });
  }
  if (cur.pos !== end) {
    throw new RecordsFormatError(`incorrect declared batch size: ${end - cur.pos} bytes remain after ${p.count} records`);
  }
  return { maxTimestamp, offsetDeltaOfMaxTimestamp, recordErrors: recordErrors ?? [], hasTimestampError };
}
