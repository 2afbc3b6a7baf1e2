import { decompress, decompressSync } from './compression/index';
import { CompressionCodec, DEFAULT_MAX_DECOMPRESSED_BYTES, type CompressionCodecId } from './compression/codec';
import { CompressionFormatError, DecompressionLimitError } from './compression/compression-errors';
import {
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  MAGIC_OFFSET,
  isBatchCrcValid,
  readBatchHeader,
  type RecordBatchHeader,
} from './record-batch-header';
import { compressionOf, isControlBatch, isTransactionalBatch, timestampTypeOf, type TimestampType } from './record-batch-attributes';
import { RecordBatchError } from './record-batch-errors';
import { decodeRecords, type KafkaRecord } from './records-codec';
import { RecordsFormatError } from './records-varint';
import { ControlRecordError, decodeControlRecord, type ControlRecord } from './control-record';

/** Where a complete batch sits in a buffer of batches. */
export interface RecordBatchLocation {
  position: number;
  sizeInBytes: number;
  header: RecordBatchHeader;
}

interface DecodedBatchBase {
  header: RecordBatchHeader;
  position: number;
  sizeInBytes: number;
  compression: CompressionCodecId;
  timestampType: TimestampType;
  isTransactional: boolean;
  baseOffset: number;
  lastOffset: number;
}

export interface DecodedDataBatch extends DecodedBatchBase {
  isControl: false;
  records: KafkaRecord[];
}

/** Consumers skip these but move their position past them. */
export interface DecodedControlBatch extends DecodedBatchBase {
  isControl: true;
  controlRecords: ControlRecord[];
}

export type DecodedRecordBatch = DecodedDataBatch | DecodedControlBatch;

export interface DecodeOptions {
  /** Check each batch's CRC-32C (default true). */
  verifyCrc?: boolean;
  /** Cap for one batch's decompressed records (default DEFAULT_MAX_DECOMPRESSED_BYTES). */
  maxDecompressedBytes?: number;
}

/** The smallest batchLength a v2 batch can have: its header after the length field. */
const MIN_BATCH_LENGTH = BATCH_HEADER_SIZE - BATCH_LOG_OVERHEAD;

/**
 * Yields the complete batches of a Fetch response's records or a log segment, in order. A trailing
 * partial batch ends the scan silently, as clients expect (record-batch-v2.md §7). A header that
 * cannot be a v2 batch throws RecordBatchError CORRUPT_MESSAGE.
 */
export function* scanRecordBatches(buf: Buffer, start = 0, end = buf.length): Generator<RecordBatchLocation> {
  let pos = start;
  while (pos + BATCH_LOG_OVERHEAD <= end) {
    const batchLength = buf.readInt32BE(pos + 8);
    if (batchLength < MIN_BATCH_LENGTH) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `batch at byte ${pos} has batchLength ${batchLength}, below the v2 minimum ${MIN_BATCH_LENGTH}`);
    }
    if (pos + MAGIC_OFFSET + 1 > end) return;
    const magic = buf.readInt8(pos + MAGIC_OFFSET);
    if (magic !== 2) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `batch at byte ${pos} has magic ${magic}; only record batch v2 is supported`);
    }
    const size = batchLength + BATCH_LOG_OVERHEAD;
    if (pos + size > end) return;
    yield { position: pos, sizeInBytes: size, header: readBatchHeader(buf, pos) };
    pos += size;
  }
}

/** Decodes every complete batch in `buf` (a trailing partial batch is ignored). */
export async function decodeRecordBatches(buf: Buffer, options: DecodeOptions = {}): Promise<DecodedRecordBatch[]> {
  const out: DecodedRecordBatch[] = [];
  for await (const batch of iterateRecordBatches(buf, options)) out.push(batch);
  return out;
}

export async function* iterateRecordBatches(buf: Buffer, options: DecodeOptions = {}): AsyncGenerator<DecodedRecordBatch> {
  for (const loc of scanRecordBatches(buf)) {
    const records = await recordsArea(buf, loc, options);
    yield finish(loc, records);
  }
}

/** Sync variant; a zstd batch throws SyncCompressionUnavailableError. */
export function decodeRecordBatchesSync(buf: Buffer, options: DecodeOptions = {}): DecodedRecordBatch[] {
  const out: DecodedRecordBatch[] = [];
  for (const loc of scanRecordBatches(buf)) out.push(finish(loc, recordsAreaSync(buf, loc, options)));
  return out;
}

/** Decodes the one complete batch at `position`; a partial batch there is an error. */
export async function decodeRecordBatch(buf: Buffer, position = 0, options: DecodeOptions = {}): Promise<DecodedRecordBatch> {
  const loc = locateOne(buf, position);
  return finish(loc, await recordsArea(buf, loc, options));
}

export function decodeRecordBatchSync(buf: Buffer, position = 0, options: DecodeOptions = {}): DecodedRecordBatch {
  const loc = locateOne(buf, position);
  return finish(loc, recordsAreaSync(buf, loc, options));
}

function locateOne(buf: Buffer, position: number): RecordBatchLocation {
  const first = scanRecordBatches(buf, position).next();
  if (first.done) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `no complete record batch at byte ${position} (${buf.length - position} bytes present)`);
  }
  return first.value;
}

interface RecordsArea {
  buf: Buffer;
  start: number;
  end: number;
}

function checkAndLocate(buf: Buffer, loc: RecordBatchLocation, options: DecodeOptions): CompressionCodecId {
  if (options.verifyCrc !== false && !isBatchCrcValid(buf, loc.position)) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `batch at offset ${loc.header.baseOffset} is corrupt (stored crc = ${loc.header.crc})`);
  }
  const codec = compressionOf(loc.header.attributes);
  if (codec === undefined) {
    throw new RecordBatchError('INVALID_RECORD', `batch at offset ${loc.header.baseOffset} has unknown compression codec ${loc.header.attributes & 7}`);
  }
  return codec;
}

async function recordsArea(buf: Buffer, loc: RecordBatchLocation, options: DecodeOptions): Promise<RecordsArea> {
  const codec = checkAndLocate(buf, loc, options);
  const start = loc.position + BATCH_HEADER_SIZE;
  const end = loc.position + loc.sizeInBytes;
  if (codec === CompressionCodec.NONE) return { buf, start, end };
  try {
    const plain = await decompress(codec, buf.subarray(start, end), { maxBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES });
    return { buf: plain, start: 0, end: plain.length };
  } catch (err) {
    throw translateCompressionError(err, loc);
  }
}

function recordsAreaSync(buf: Buffer, loc: RecordBatchLocation, options: DecodeOptions): RecordsArea {
  const codec = checkAndLocate(buf, loc, options);
  const start = loc.position + BATCH_HEADER_SIZE;
  const end = loc.position + loc.sizeInBytes;
  if (codec === CompressionCodec.NONE) return { buf, start, end };
  try {
    const plain = decompressSync(codec, buf.subarray(start, end), { maxBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES });
    return { buf: plain, start: 0, end: plain.length };
  } catch (err) {
    throw translateCompressionError(err, loc);
  }
}

export function translateCompressionError(err: unknown, loc: { header: RecordBatchHeader }): unknown {
  if (err instanceof DecompressionLimitError) {
    return new RecordBatchError('MESSAGE_TOO_LARGE', `batch at offset ${loc.header.baseOffset}: ${err.message}`);
  }
  if (err instanceof CompressionFormatError) {
    return new RecordBatchError('CORRUPT_MESSAGE', `batch at offset ${loc.header.baseOffset}: ${err.message}`);
  }
  return err;
}

function finish(loc: RecordBatchLocation, area: RecordsArea): DecodedRecordBatch {
  const h = loc.header;
  const attributes = h.attributes;
  const timestampType = timestampTypeOf(attributes);
  const baseOffset = Number(h.baseOffset);
  let records: KafkaRecord[];
  try {
    records = decodeRecords(area.buf, area.start, area.end, {
      count: h.recordsCount,
      baseOffset,
      baseTimestamp: Number(h.baseTimestamp),
      logAppendTime: timestampType === 'LogAppendTime' ? Number(h.maxTimestamp) : null,
    });
  } catch (err) {
    if (err instanceof RecordsFormatError) {
      throw new RecordBatchError('INVALID_RECORD', `batch at offset ${h.baseOffset}: ${err.message}`);
    }
    throw err;
  }
  const base: DecodedBatchBase = {
    header: h,
    position: loc.position,
    sizeInBytes: loc.sizeInBytes,
    compression: compressionOf(attributes) ?? CompressionCodec.NONE,
    timestampType,
    isTransactional: isTransactionalBatch(attributes),
    baseOffset,
    lastOffset: baseOffset + h.lastOffsetDelta,
  };
  if (!isControlBatch(attributes)) return { ...base, isControl: false, records };
  try {
    return { ...base, isControl: true, controlRecords: records.map(decodeControlRecord) };
  } catch (err) {
    if (err instanceof ControlRecordError) throw new RecordBatchError('CORRUPT_MESSAGE', err.message);
    throw err;
  }
}
