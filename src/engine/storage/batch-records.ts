import { decompressSync, isCompressionCodecId } from '../protocol/compression/index';
import { BATCH_HEADER_SIZE, BatchAttribute, readBatchHeader } from '../protocol/record-batch-header';

/** Decompresses the records area of a batch (everything after the 61-byte header) for a codec 1..4. */
export type RecordsDecompressor = (codec: number, compressed: Buffer) => Buffer;

/** The protocol layer's synchronous codecs (gzip, snappy, lz4); zstd has none and throws. */
export const syncDecompressor: RecordsDecompressor = (codec, compressed) => {
  if (!isCompressionCodecId(codec)) throw new RangeError(`Unknown compression codec ${codec}`);
  return decompressSync(codec, compressed);
};

export interface RecordTimestamp {
  offset: number;
  timestamp: number;
}

/**
 * The (offset, timestamp) of every record of one batch, for ListOffsets by timestamp and
 * max-timestamp, which Kafka answers per record, not per batch. Returns undefined when a compressed
 * batch cannot be decompressed synchronously (zstd): the caller then answers per batch.
 */
export function recordTimestamps(batch: Buffer, decompress: RecordsDecompressor = syncDecompressor): RecordTimestamp[] | undefined {
  const header = readBatchHeader(batch, 0);
  const baseOffset = Number(header.baseOffset);
  const codec = header.attributes & BatchAttribute.CompressionMask;
  const logAppendTime = (header.attributes & BatchAttribute.TimestampTypeLogAppend) !== 0;
  let records = batch.subarray(BATCH_HEADER_SIZE);
  if (codec !== 0) {
    try {
      records = decompress(codec, records);
    } catch {
      return undefined;
    }
  }
  const baseTimestamp = Number(header.baseTimestamp);
  const maxTimestamp = Number(header.maxTimestamp);
  const out: RecordTimestamp[] = [];
  const cursor = { pos: 0 };
  try {
    for (let i = 0; i < header.recordsCount && cursor.pos < records.length; i++) {
      const length = readVarint(records, cursor);
      const start = cursor.pos;
      cursor.pos += 1; // attributes
      const timestampDelta = readVarint(records, cursor);
      const offsetDelta = readVarint(records, cursor);
      out.push({
        offset: baseOffset + offsetDelta,
        timestamp: logAppendTime ? maxTimestamp : baseTimestamp + timestampDelta,
      });
      cursor.pos = start + length;
    }
  } catch {
    return out.length > 0 ? out : undefined;
  }
  return out;
}

/** A zig-zag varint/varlong as records use them, in plain number arithmetic (exact below 2^53). */
function readVarint(buf: Buffer, cursor: { pos: number }): number {
  let raw = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= buf.length) throw new RangeError('varint runs past the records');
    const b = buf[cursor.pos++];
    raw += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
    }
    scale *= 128;
  }
  throw new RangeError('varint longer than 10 bytes');
}
