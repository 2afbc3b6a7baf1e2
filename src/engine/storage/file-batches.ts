import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  CRC_OFFSET,
  MAGIC_OFFSET,
  readBatchHeader,
} from '../protocol/record-batch-header';
import { crc32c } from '../protocol/crc32c';
import { readAt } from './file-io';

/** What the log needs of a batch stored in a segment file, read from its header alone. */
export interface FileBatch {
  position: number;
  size: number;
  baseOffset: number;
  lastOffset: number;
  partitionLeaderEpoch: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
  recordsCount: number;
}

export const CURRENT_MAGIC = 2;
/** Bytes up to and including magic: the least a scan reads before it can tell anything. */
const HEADER_SIZE_UP_TO_MAGIC = MAGIC_OFFSET + 1;

export function fileBatchFromHeader(header: Buffer, position: number): FileBatch {
  const h = readBatchHeader(header, 0);
  const baseOffset = Number(h.baseOffset);
  return {
    position,
    size: h.batchLength + BATCH_LOG_OVERHEAD,
    baseOffset,
    lastOffset: baseOffset + h.lastOffsetDelta,
    partitionLeaderEpoch: h.partitionLeaderEpoch,
    attributes: h.attributes,
    baseTimestamp: Number(h.baseTimestamp),
    maxTimestamp: Number(h.maxTimestamp),
    recordsCount: h.recordsCount,
  };
}

/**
 * The batch whose header starts at `position`, or undefined when fewer bytes than a whole batch
 * remain before `end` (a read racing the end of the file, or a torn tail before recovery).
 */
export function batchAt(fd: number, position: number, end: number): FileBatch | undefined {
  if (position + BATCH_HEADER_SIZE > end) return undefined;
  const header = readAt(fd, BATCH_HEADER_SIZE, position);
  if (header.length < BATCH_HEADER_SIZE) return undefined;
  const batch = fileBatchFromHeader(header, position);
  if (batch.size < BATCH_HEADER_SIZE || position + batch.size > end) return undefined;
  return batch;
}

export type RecoveredBatch =
  | { kind: 'batch'; batch: FileBatch; bytes: Buffer }
  | { kind: 'end' }
  | { kind: 'corrupt'; reason: string };

/**
 * Reads and fully checks the batch at `position` for recovery: length, magic and CRC32C, in the
 * order Kafka's FileLogInputStream and DefaultRecordBatch.ensureValid check them. A batch that runs
 * past `end` is a torn write (`end`); anything else wrong is `corrupt`.
 */
export function readBatchForRecovery(fd: number, position: number, end: number): RecoveredBatch {
  if (position + HEADER_SIZE_UP_TO_MAGIC > end) return { kind: 'end' };
  const prefix = readAt(fd, HEADER_SIZE_UP_TO_MAGIC, position);
  if (prefix.length < HEADER_SIZE_UP_TO_MAGIC) return { kind: 'end' };
  const batchLength = prefix.readInt32BE(8);
  if (batchLength < BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD) {
    return { kind: 'corrupt', reason: `Record batch size ${batchLength + BATCH_LOG_OVERHEAD} is smaller than the minimum batch overhead ${BATCH_HEADER_SIZE}` };
  }
  const size = batchLength + BATCH_LOG_OVERHEAD;
  if (position + size > end) return { kind: 'end' };
  const magic = prefix.readInt8(MAGIC_OFFSET);
  if (magic !== CURRENT_MAGIC) return { kind: 'corrupt', reason: `Record batch has magic ${magic}, expected ${CURRENT_MAGIC}` };
  const bytes = readAt(fd, size, position);
  if (bytes.length < size) return { kind: 'end' };
  const stored = bytes.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(bytes.subarray(ATTRIBUTES_OFFSET));
  if (stored !== computed) {
    return { kind: 'corrupt', reason: `Record batch is corrupt (stored crc = ${stored}, computed crc = ${computed})` };
  }
  return { kind: 'batch', batch: fileBatchFromHeader(bytes, position), bytes };
}
