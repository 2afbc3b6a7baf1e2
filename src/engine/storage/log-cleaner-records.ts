import { compress, decompress, isCompressionCodecId, isXerialFramed, CompressionCodec } from '../protocol/compression/index';
import { crc32c } from '../protocol/crc32c';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  BatchAttribute,
  CRC_OFFSET,
  readBatchHeader,
  type RecordBatchHeader,
} from '../protocol/record-batch-header';
import { RecordsCursor, RecordsFormatError, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from '../protocol/records-varint';

/**
 * One record of a batch as the cleaner needs it: what decides its fate (offset, key, whether it is a
 * tombstone) and its key, value and headers as the exact stored bytes, so a rewritten batch copies
 * them unchanged and only re-encodes the timestamp delta.
 */
export interface RawRecord {
  offset: number;
  offsetDelta: number;
  timestamp: number;
  attributes: number;
  key: Buffer | null;
  hasValue: boolean;
  /** key length, key, value length, value, header count and headers, as stored. */
  tail: Buffer;
}

/** What MemoryRecords.RecordFilter.BatchRetention says of a whole batch before its records are looked at. */
export type BatchRetention = 'delete' | 'retainEmpty' | 'deleteEmpty';

export interface BatchFilter {
  retention: BatchRetention;
  shouldRetainRecord(record: RawRecord): boolean;
  /** now + delete.retention.ms: the horizon stamped on a batch that keeps tombstones and has none yet. */
  newDeleteHorizonMs: number;
}

export interface FilteredBatch {
  /** The batch to write: the original bytes, a rewritten batch, an empty header; undefined when it goes. */
  bytes: Buffer | undefined;
  recordsRead: number;
  recordsRetained: number;
}

const NO_TIMESTAMP = -1;

export function hasDeleteHorizon(header: Pick<RecordBatchHeader, 'attributes'>): boolean {
  return (header.attributes & BatchAttribute.DeleteHorizon) !== 0;
}

/** The batch's delete horizon (KIP-534: its baseTimestamp when attribute bit 6 is set), or undefined. */
export function deleteHorizonOf(header: Pick<RecordBatchHeader, 'attributes' | 'baseTimestamp'>): number | undefined {
  return hasDeleteHorizon(header) ? Number(header.baseTimestamp) : undefined;
}

/** Decompresses and parses every record of one batch. Structural problems throw RecordsFormatError. */
export async function readRawRecords(batch: Buffer): Promise<{ header: RecordBatchHeader; records: RawRecord[] }> {
  const header = readBatchHeader(batch, 0);
  const codec = header.attributes & BatchAttribute.CompressionMask;
  if (!isCompressionCodecId(codec)) throw new RecordsFormatError(`batch at offset ${header.baseOffset} has unknown compression codec ${codec}`);
  const area = await decompress(codec, batch.subarray(BATCH_HEADER_SIZE));
  const baseOffset = Number(header.baseOffset);
  const baseTimestamp = Number(header.baseTimestamp);
  const logAppendTime = (header.attributes & BatchAttribute.TimestampTypeLogAppend) !== 0 ? Number(header.maxTimestamp) : undefined;
  const cur = new RecordsCursor(area, 0, area.length);
  const records: RawRecord[] = [];
  for (let i = 0; i < header.recordsCount; i++) {
    cur.end = area.length;
    const size = cur.readVarint();
    const end = cur.pos + size;
    if (size < 0 || end > area.length) throw new RecordsFormatError(`invalid record size ${size} in batch at offset ${baseOffset}`);
    cur.end = end;
    const attributes = cur.readInt8();
    const timestampDelta = cur.readVarlong();
    const offsetDelta = cur.readVarint();
    const tailStart = cur.pos;
    const keyLength = cur.readVarint();
    let key: Buffer | null = null;
    if (keyLength >= 0) {
      key = area.subarray(cur.pos, cur.pos + keyLength);
      if (cur.pos + keyLength > end) throw new RecordsFormatError(`record key runs past its record in batch at offset ${baseOffset}`);
      cur.pos += keyLength;
    }
    const valueLength = cur.readVarint();
    records.push({
      offset: baseOffset + offsetDelta,
      offsetDelta,
      timestamp: logAppendTime ?? baseTimestamp + timestampDelta,
      attributes,
      key,
      hasValue: valueLength >= 0,
      tail: area.subarray(tailStart, end),
    });
    cur.pos = end;
  }
  if (cur.pos !== area.length) throw new RecordsFormatError(`${area.length - cur.pos} bytes follow the records of batch at offset ${baseOffset}`);
  return { header, records };
}

/**
 * MemoryRecords.filterTo for one batch. A batch whose records all stay is copied as is unless it
 * holds tombstones and has no delete horizon yet; otherwise the kept records are re-encoded into a
 * new batch with the same base offset, offset deltas, last offset delta, producer id, epoch and
 * base sequence, partition leader epoch and codec (so producer state read from the log does not
 * change). A batch left with no records stays as a bare header when `retention` is retainEmpty.
 */
export async function filterBatch(batch: Buffer, filter: BatchFilter): Promise<FilteredBatch> {
  const first = readBatchHeader(batch, 0);
  if (filter.retention === 'delete') return { bytes: undefined, recordsRead: 0, recordsRetained: 0 };
  if ((first.attributes & BatchAttribute.Control) !== 0) {
    return { bytes: batch, recordsRead: first.recordsCount, recordsRetained: first.recordsCount };
  }
  const { header, records } = await readRawRecords(batch);
  const retained = records.filter((r) => filter.shouldRetainRecord(r));
  const read = records.length;
  if (retained.length === 0) {
    const bytes = filter.retention === 'retainEmpty' ? emptyBatchHeader(header) : undefined;
    return { bytes, recordsRead: read, recordsRetained: 0 };
  }
  const containsTombstones = retained.some((r) => !r.hasValue);
  const needToSetDeleteHorizon = containsTombstones && !hasDeleteHorizon(header);
  if (retained.length === records.length && !needToSetDeleteHorizon) {
    return { bytes: batch, recordsRead: read, recordsRetained: read };
  }
  const horizon = needToSetDeleteHorizon ? filter.newDeleteHorizonMs : deleteHorizonOf(header);
  const bytes = await rebuildBatch(batch, header, retained, horizon);
  return { bytes, recordsRead: read, recordsRetained: retained.length };
}

async function rebuildBatch(original: Buffer, h: RecordBatchHeader, records: readonly RawRecord[], horizon: number | undefined): Promise<Buffer> {
  const codec = h.attributes & BatchAttribute.CompressionMask;
  if (!isCompressionCodecId(codec)) throw new RecordsFormatError(`unknown compression codec ${codec}`);
  const logAppendTime = (h.attributes & BatchAttribute.TimestampTypeLogAppend) !== 0;
  const baseTimestamp = horizon ?? records[0].timestamp;
  let maxTimestamp = NO_TIMESTAMP;
  for (const r of records) maxTimestamp = Math.max(maxTimestamp, r.timestamp);
  if (logAppendTime) maxTimestamp = Number(h.maxTimestamp);

  const bodies = records.map((r) => {
    const delta = r.timestamp - baseTimestamp;
    const size = 1 + sizeOfVarlong(delta) + sizeOfVarint(r.offsetDelta) + r.tail.length;
    return { r, delta, size };
  });
  const total = bodies.reduce((sum, b) => sum + sizeOfVarint(b.size) + b.size, 0);
  const area = Buffer.allocUnsafe(total);
  let pos = 0;
  for (const b of bodies) {
    pos = writeVarint(area, pos, b.size);
    area[pos++] = b.r.attributes & 0xff;
    pos = writeVarlong(area, pos, b.delta);
    pos = writeVarint(area, pos, b.r.offsetDelta);
    pos += b.r.tail.copy(area, pos);
  }
  const framing = codec === CompressionCodec.SNAPPY && isXerialFramed(original.subarray(BATCH_HEADER_SIZE)) ? 'xerial' : 'raw';
  const payload = await compress(codec, area, { snappyFraming: framing });

  const attributes = (h.attributes & ~BatchAttribute.DeleteHorizon) | (horizon !== undefined ? BatchAttribute.DeleteHorizon : 0);
  const out = Buffer.allocUnsafe(BATCH_HEADER_SIZE + payload.length);
  writeHeader(out, h, { attributes, baseTimestamp, maxTimestamp, recordsCount: records.length });
  payload.copy(out, BATCH_HEADER_SIZE);
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return out;
}

/**
 * DefaultRecordBatch.writeEmptyHeader: a batch with no records that keeps the offsets and the
 * producer's id, epoch and sequence, uncompressed, both timestamps its old max timestamp.
 */
export function emptyBatchHeader(h: RecordBatchHeader): Buffer {
  const out = Buffer.alloc(BATCH_HEADER_SIZE);
  const keep = BatchAttribute.TimestampTypeLogAppend | BatchAttribute.Transactional | BatchAttribute.Control;
  const maxTimestamp = Number(h.maxTimestamp);
  writeHeader(out, h, { attributes: h.attributes & keep, baseTimestamp: maxTimestamp, maxTimestamp, recordsCount: 0 });
  out.writeUInt32BE(crc32c(out.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return out;
}

function writeHeader(
  out: Buffer,
  h: RecordBatchHeader,
  v: { attributes: number; baseTimestamp: number; maxTimestamp: number; recordsCount: number },
): void {
  out.writeBigInt64BE(h.baseOffset, 0);
  out.writeInt32BE(out.length - BATCH_LOG_OVERHEAD, 8);
  out.writeInt32BE(h.partitionLeaderEpoch, 12);
  out.writeInt8(2, 16);
  out.writeInt16BE(v.attributes, ATTRIBUTES_OFFSET);
  out.writeInt32BE(h.lastOffsetDelta, 23);
  out.writeBigInt64BE(BigInt(v.baseTimestamp), 27);
  out.writeBigInt64BE(BigInt(v.maxTimestamp), 35);
  out.writeBigInt64BE(h.producerId, 43);
  out.writeInt16BE(h.producerEpoch, 51);
  out.writeInt32BE(h.baseSequence, 53);
  out.writeInt32BE(v.recordsCount, 57);
}
