import { crc32c } from '../protocol/crc32c';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  CRC_OFFSET,
  batchSizeAt,
  isBatchCrcValid,
  readBatchHeader,
} from '../protocol/record-batch-header';
import { deserializeRecord, serializeRecord, type MetadataRecord } from './metadata-records';

/**
 * Metadata batches are plain record batches v2 (magic 2, CRC-32C, no compression), so the metadata log
 * and its snapshots read like any Kafka log. Each record's key is the record type (handy with kcat -K)
 * and its value the record's versioned JSON. One batch = one atomic change: it is applied whole or not at all.
 */
export const CONTROLLER_EPOCH = 1;

export interface DecodedBatch {
  baseOffset: number;
  lastOffset: number;
  timestamp: number;
  records: MetadataRecord[];
  /** Total bytes of the batch in the file. */
  size: number;
}

export class CorruptBatchError extends Error {
  override name = 'CorruptBatchError';
}

function varintSize(zigzag: number): number {
  let size = 1;
  while (zigzag >= 0x80) {
    zigzag = Math.floor(zigzag / 128);
    size++;
  }
  return size;
}

function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

function writeVarint(buf: Buffer, pos: number, n: number): number {
  let z = zigzag(n);
  while (z >= 0x80) {
    buf[pos++] = (z & 0x7f) | 0x80;
    z = Math.floor(z / 128);
  }
  buf[pos++] = z;
  return pos;
}

/** Reads a zig-zag varint (at most 5 bytes, as record fields are int32 here). */
function readVarint(buf: Buffer, pos: number, end: number): [number, number] {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new CorruptBatchError('varint runs past the end of the batch');
    const byte = buf[pos++];
    result += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) {
      const value = result % 2 === 0 ? result / 2 : -(result + 1) / 2;
      return [value, pos];
    }
  }
  throw new CorruptBatchError('varint is too long');
}

export function encodeMetadataBatch(baseOffset: number, timestamp: number, records: readonly MetadataRecord[]): Buffer {
  if (records.length === 0) throw new Error('a metadata batch needs at least one record');
  const bodies = records.map((record, i) => {
    const key = Buffer.from(record.type, 'utf8');
    const value = serializeRecord(record);
    const inner =
      1 + varintSize(zigzag(0)) + varintSize(zigzag(i)) +
      varintSize(zigzag(key.length)) + key.length +
      varintSize(zigzag(value.length)) + value.length + varintSize(zigzag(0));
    return { key, value, inner, offsetDelta: i };
  });
  const recordsSize = bodies.reduce((sum, b) => sum + varintSize(zigzag(b.inner)) + b.inner, 0);
  const buf = Buffer.alloc(BATCH_HEADER_SIZE + recordsSize);
  buf.writeBigInt64BE(BigInt(baseOffset), 0);
  buf.writeInt32BE(buf.length - BATCH_LOG_OVERHEAD, 8);
  buf.writeInt32BE(CONTROLLER_EPOCH, 12);
  buf.writeInt8(2, 16);
  buf.writeInt16BE(0, ATTRIBUTES_OFFSET);
  buf.writeInt32BE(records.length - 1, 23);
  buf.writeBigInt64BE(BigInt(timestamp), 27);
  buf.writeBigInt64BE(BigInt(timestamp), 35);
  buf.writeBigInt64BE(-1n, 43);
  buf.writeInt16BE(-1, 51);
  buf.writeInt32BE(-1, 53);
  buf.writeInt32BE(records.length, 57);
  let pos = BATCH_HEADER_SIZE;
  for (const b of bodies) {
    pos = writeVarint(buf, pos, b.inner);
    buf.writeInt8(0, pos++);
    pos = writeVarint(buf, pos, 0);
    pos = writeVarint(buf, pos, b.offsetDelta);
    pos = writeVarint(buf, pos, b.key.length);
    pos += b.key.copy(buf, pos);
    pos = writeVarint(buf, pos, b.value.length);
    pos += b.value.copy(buf, pos);
    pos = writeVarint(buf, pos, 0);
  }
  buf.writeUInt32BE(crc32c(buf.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return buf;
}

/**
 * Decodes the batch at `pos`, or returns null when the bytes there are not a whole valid batch
 * (too short, wrong magic, bad CRC, malformed records): the caller treats that as the torn end of the log.
 */
export function tryDecodeMetadataBatch(buf: Buffer, pos: number): DecodedBatch | null {
  if (buf.length - pos < BATCH_HEADER_SIZE) return null;
  const batchLength = buf.readInt32BE(pos + 8);
  if (batchLength < BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD) return null;
  const size = batchSizeAt(buf, pos);
  if (pos + size > buf.length) return null;
  const header = readBatchHeader(buf, pos);
  if (header.magic !== 2 || !isBatchCrcValid(buf, pos)) return null;
  if ((header.attributes & 0x07) !== 0 || header.recordsCount < 1 || header.lastOffsetDelta !== header.recordsCount - 1) return null;
  try {
    const end = pos + size;
    let p = pos + BATCH_HEADER_SIZE;
    const records: MetadataRecord[] = [];
    for (let i = 0; i < header.recordsCount; i++) {
      let length: number;
      [length, p] = readVarint(buf, p, end);
      const recordEnd = p + length;
      if (length < 0 || recordEnd > end) return null;
      p += 1; // attributes
      let skip: number;
      [skip, p] = readVarint(buf, p, recordEnd); // timestampDelta
      let offsetDelta: number;
      [offsetDelta, p] = readVarint(buf, p, recordEnd);
      if (offsetDelta !== i) return null;
      let keyLength: number;
      [keyLength, p] = readVarint(buf, p, recordEnd);
      p += Math.max(0, keyLength);
      let valueLength: number;
      [valueLength, p] = readVarint(buf, p, recordEnd);
      if (valueLength < 0 || p + valueLength > recordEnd) return null;
      records.push(deserializeRecord(buf.subarray(p, p + valueLength)));
      p += valueLength;
      [skip, p] = readVarint(buf, p, recordEnd); // header count
      if (skip !== 0 || p !== recordEnd) return null;
    }
    if (p !== end) return null;
    const baseOffset = Number(header.baseOffset);
    return { baseOffset, lastOffset: baseOffset + header.lastOffsetDelta, timestamp: Number(header.maxTimestamp), records, size };
  } catch {
    return null;
  }
}
