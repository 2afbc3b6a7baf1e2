import { crc32c } from './crc32c';

/**
 * The fixed 61-byte header of a record batch v2 (magic 2), read in place.
 * Offsets of the fields follow record-batch-v2.md §1; the CRC covers [21, end of batch).
 */
export const BATCH_HEADER_SIZE = 61;
/** baseOffset (8) + batchLength (4): the bytes before what batchLength counts. */
export const BATCH_LOG_OVERHEAD = 12;
export const MAGIC_OFFSET = 16;
export const CRC_OFFSET = 17;
export const ATTRIBUTES_OFFSET = 21;
export const PARTITION_LEADER_EPOCH_OFFSET = 12;

export const enum BatchAttribute {
  CompressionMask = 0x07,
  TimestampTypeLogAppend = 0x08,
  Transactional = 0x10,
  Control = 0x20,
  DeleteHorizon = 0x40,
}

export interface RecordBatchHeader {
  baseOffset: bigint;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordsCount: number;
}

/** Reads the header at `pos`; the caller has checked that BATCH_HEADER_SIZE bytes are there. */
export function readBatchHeader(buf: Buffer, pos = 0): RecordBatchHeader {
  return {
    baseOffset: buf.readBigInt64BE(pos),
    batchLength: buf.readInt32BE(pos + 8),
    partitionLeaderEpoch: buf.readInt32BE(pos + 12),
    magic: buf.readInt8(pos + 16),
    crc: buf.readUInt32BE(pos + 17),
    attributes: buf.readInt16BE(pos + 21),
    lastOffsetDelta: buf.readInt32BE(pos + 23),
    baseTimestamp: buf.readBigInt64BE(pos + 27),
    maxTimestamp: buf.readBigInt64BE(pos + 35),
    producerId: buf.readBigInt64BE(pos + 43),
    producerEpoch: buf.readInt16BE(pos + 51),
    baseSequence: buf.readInt32BE(pos + 53),
    recordsCount: buf.readInt32BE(pos + 57),
  };
}

/** Total bytes of the batch starting at `pos` (header included), from its batchLength field. */
export function batchSizeAt(buf: Buffer, pos = 0): number {
  return buf.readInt32BE(pos + 8) + BATCH_LOG_OVERHEAD;
}

/** True when the stored CRC matches the CRC-32C of bytes [21, end) of the batch at `pos`. */
export function isBatchCrcValid(buf: Buffer, pos = 0): boolean {
  const size = batchSizeAt(buf, pos);
  return buf.readUInt32BE(pos + CRC_OFFSET) === crc32c(buf.subarray(pos + ATTRIBUTES_OFFSET, pos + size));
}

export function lastOffsetOf(header: Pick<RecordBatchHeader, 'baseOffset' | 'lastOffsetDelta'>): bigint {
  return header.baseOffset + BigInt(header.lastOffsetDelta);
}
