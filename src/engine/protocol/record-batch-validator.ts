import { decompress } from './compression/index';
import { CompressionCodec, DEFAULT_MAX_DECOMPRESSED_BYTES, type CompressionCodecId } from './compression/codec';
import { crc32c } from './crc32c';
import { ATTRIBUTES_OFFSET, BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, MAGIC_OFFSET, readBatchHeader } from './record-batch-header';
import { compressionOf, isControlBatch, isTransactionalBatch, timestampTypeOf, type TimestampType } from './record-batch-attributes';
import type { BatchErrorName } from './record-batch-errors';
import { RecordBatchError } from './record-batch-errors';
import { translateCompressionError } from './record-batch-decoder';
import { scanRecords, type RecordError, type RecordScanResult } from './records-scan';
import { RecordsFormatError } from './records-varint';

/** Kafka's legacy record overhead: a batchLength below it is corrupt whatever the magic. */
const MIN_RECORD_OVERHEAD = 14;
/** Kafka's max.message.bytes default (1 MiB + the batch overhead). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1048588;

export interface ProducedBatchOptions {
  /** Produce request version: zstd needs v7+. Only v3+ requests carry record batch v2. */
  produceVersion: number;
  /** The partition's `max.message.bytes`; default 1048588. */
  maxMessageBytes?: number;
  /** The partition's `segment.bytes`: a larger batch is RECORD_LIST_TOO_LARGE. */
  segmentBytes?: number;
  /** The partition's `message.timestamp.type`; default CreateTime. */
  timestampType?: TimestampType;
  /** `message.timestamp.before.max.ms` / `.after.max.ms`; default unlimited. */
  timestampBeforeMaxMs?: number;
  timestampAfterMaxMs?: number;
  /** `cleanup.policy` includes compact: every record needs a key. */
  compactedTopic?: boolean;
  /** The broker's clock, in ms. */
  now: number;
  /** Cap on a compressed batch's inflated records; default DEFAULT_MAX_DECOMPRESSED_BYTES. */
  maxDecompressedBytes?: number;
}

export interface ValidatedBatch {
  ok: true;
  /** The one batch, a view of the request bytes (trailing partial bytes cut off, as Kafka trims them). */
  batch: Buffer;
  sizeInBytes: number;
  lastOffsetDelta: number;
  recordsCount: number;
  /** maxTimestamp the batch must carry once stamped: the largest record timestamp, or `now` for LogAppendTime. */
  maxTimestamp: number;
  offsetDeltaOfMaxTimestamp: number;
  /** The timestamp type to stamp: the topic's. */
  timestampType: TimestampType;
  baseTimestamp: number;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  isTransactional: boolean;
  compression: CompressionCodecId;
}

export interface RejectedBatch {
  ok: false;
  error: BatchErrorName;
  message: string;
  /** Per-record reasons (Produce v8+ `record_errors`); empty for batch-level faults. */
  recordErrors: RecordError[];
}

export type BatchValidationResult = ValidatedBatch | RejectedBatch;

/**
 * Validates the `Records` of one partition of a Produce request (v3+) as Kafka 3.9 does across
 * ProduceRequest.validateRecords, UnifiedLog.analyzeAndValidateRecords and LogValidator, in that
 * order. Nothing is modified; stampBatchForAppend does that once offsets are assigned.
 */
export async function validateProducedBatch(records: Buffer, options: ProducedBatchOptions): Promise<BatchValidationResult> {
  const framed = checkFraming(records, options);
  if (!framed.ok) return framed;
  const { batch, codec } = framed;
  const h = readBatchHeader(batch);

  const start = BATCH_HEADER_SIZE;
  let area = batch;
  let end = batch.length;
  if (codec !== CompressionCodec.NONE) {
    try {
      area = await decompress(codec, batch.subarray(BATCH_HEADER_SIZE), {
        maxBytes: options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
      });
    } catch (err) {
      const e = translateCompressionError(err, { header: h });
      if (e instanceof RecordBatchError) return reject(e.error, e.message);
      throw e;
    }
    end = area.length;
  }

  const topicTimestampType = options.timestampType ?? 'CreateTime';
  let scan: RecordScanResult;
  try {
    scan = scanRecords(area, codec === CompressionCodec.NONE ? start : 0, end, {
      count: h.recordsCount,
      baseTimestamp: Number(h.baseTimestamp),
      batchLogAppendTime: timestampTypeOf(h.attributes) === 'LogAppendTime' ? Number(h.maxTimestamp) : null,
      topicTimestampType,
      now: options.now,
      timestampBeforeMaxMs: options.timestampBeforeMaxMs ?? Number.POSITIVE_INFINITY,
      timestampAfterMaxMs: options.timestampAfterMaxMs ?? Number.POSITIVE_INFINITY,
      compactedTopic: options.compactedTopic ?? false,
    });
  } catch (err) {
    if (err instanceof RecordsFormatError) return reject('INVALID_RECORD', `Found invalid record structure: ${err.message}`);
    throw err;
  }
  if (scan.recordErrors.length > 0) {
    if (scan.hasTimestampError) {
      return reject('INVALID_TIMESTAMP', 'One or more records have been rejected due to invalid timestamp', scan.recordErrors);
    }
    const shown = scan.recordErrors.slice(0, 3).map((e) => `${e.batchIndex}: ${e.message}`).join('; ');
    return reject(
      'INVALID_RECORD',
      `One or more records have been rejected due to ${scan.recordErrors.length} record errors in total, ` +
        `and only showing the first three errors at most: [${shown}]`,
      scan.recordErrors,
    );
  }
  if (options.segmentBytes !== undefined && batch.length > options.segmentBytes) {
    return reject(
      'RECORD_LIST_TOO_LARGE',
      `Message batch size is ${batch.length} bytes which exceeds the maximum configured segment size of ${options.segmentBytes}.`,
    );
  }

  const logAppend = topicTimestampType === 'LogAppendTime';
  return {
    ok: true,
    batch,
    sizeInBytes: batch.length,
    lastOffsetDelta: h.lastOffsetDelta,
    recordsCount: h.recordsCount,
    maxTimestamp: logAppend ? options.now : scan.maxTimestamp,
    offsetDeltaOfMaxTimestamp: logAppend ? h.lastOffsetDelta : scan.offsetDeltaOfMaxTimestamp,
    timestampType: topicTimestampType,
    baseTimestamp: Number(h.baseTimestamp),
    producerId: h.producerId,
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    isTransactional: isTransactionalBatch(h.attributes),
    compression: codec,
  };
}

type Framed = { ok: true; batch: Buffer; codec: CompressionCodecId } | RejectedBatch;

/** Everything that needs only the header and the CRC: cheap, synchronous, no record is touched. */
function checkFraming(records: Buffer, options: ProducedBatchOptions): Framed {
  const v = options.produceVersion;
  const noBatch = `Produce requests with version ${v} must have at least one record batch per partition`;
  // ProduceRequest.validateRecords, with the batch iterator's own checks (ByteBufferLogInputStream).
  if (records.length < BATCH_LOG_OVERHEAD) return reject('INVALID_RECORD', noBatch);
  const batchLength = records.readInt32BE(8);
  if (batchLength < MIN_RECORD_OVERHEAD) {
    return reject('CORRUPT_MESSAGE', `Record size ${batchLength} is less than the minimum record overhead (${MIN_RECORD_OVERHEAD})`);
  }
  if (records.length <= MAGIC_OFFSET) return reject('INVALID_RECORD', noBatch);
  const magic = records.readInt8(MAGIC_OFFSET);
  if (magic < 0 || magic > 2) return reject('CORRUPT_MESSAGE', `Invalid magic found in record: ${magic}`);
  const size = batchLength + BATCH_LOG_OVERHEAD;
  if (size > records.length) {
    return reject('INVALID_RECORD', `${noBatch} (batchLength ${batchLength} needs ${size} bytes, ${records.length} present)`);
  }
  if (magic !== 2) {
    return reject('INVALID_RECORD', `Produce requests with version ${v} are only allowed to contain record batches with magic version 2`);
  }
  if (size < BATCH_HEADER_SIZE) {
    return reject('CORRUPT_MESSAGE', `Record batch of ${size} bytes is shorter than the ${BATCH_HEADER_SIZE}-byte batch header`);
  }
  const batch = records.subarray(0, size);
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  const codec = compressionOf(attributes);
  // Kafka fails here with an IllegalArgumentException (UNKNOWN_SERVER_ERROR); we name the fault.
  if (codec === undefined) return reject('INVALID_RECORD', `Unknown compression type id: ${attributes & 7}`);
  if (v < 7 && codec === CompressionCodec.ZSTD) {
    return reject('UNSUPPORTED_COMPRESSION_TYPE', `Produce requests with version ${v} are not allowed to use ZStandard compression`);
  }
  const second = secondBatchFault(records, size, v);
  if (second !== null) return second;

  // UnifiedLog.analyzeAndValidateRecords.
  const baseOffset = batch.readBigInt64BE(0);
  if (baseOffset !== 0n) {
    return reject('INVALID_RECORD', `The baseOffset of the record batch in the append should be 0, but it is ${baseOffset}`);
  }
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (size > maxMessageBytes) {
    return reject('MESSAGE_TOO_LARGE', `The record batch size in the append is ${size} bytes which exceeds the maximum configured value of ${maxMessageBytes}.`);
  }
  const storedCrc = batch.readUInt32BE(17);
  if (storedCrc !== crc32c(batch.subarray(ATTRIBUTES_OFFSET))) {
    return reject('CORRUPT_MESSAGE', `Record is corrupt (stored crc = ${storedCrc})`);
  }

  // LogValidator.validateBatch for a client append.
  const lastOffsetDelta = batch.readInt32BE(23);
  const count = batch.readInt32BE(57);
  const countFromOffsets = lastOffsetDelta + 1;
  if (countFromOffsets <= 0) return reject('INVALID_RECORD', `Batch has an invalid offset range: [0, ${lastOffsetDelta}]`);
  if (count <= 0) return reject('INVALID_RECORD', `Invalid reported count for record batch: ${count}`);
  if (countFromOffsets !== count) {
    return reject('INVALID_RECORD', `Inconsistent batch offset range [0, ${lastOffsetDelta}] and count of records ${count}`);
  }
  if (isControlBatch(attributes)) return reject('INVALID_RECORD', 'Clients are not allowed to write control records');
  const producerId = batch.readBigInt64BE(43);
  const baseSequence = batch.readInt32BE(53);
  if (producerId > -1n && baseSequence < 0) {
    return reject('INVALID_RECORD', `Invalid sequence number ${baseSequence} in record batch with producerId ${producerId}`);
  }
  return { ok: true, batch, codec };
}

/**
 * A second *complete* batch is refused; a partial tail is not a batch to Kafka's iterator and is
 * trimmed off before the append, so it passes.
 */
function secondBatchFault(records: Buffer, pos: number, v: number): RejectedBatch | null {
  const rest = records.length - pos;
  if (rest < BATCH_LOG_OVERHEAD) return null;
  const batchLength = records.readInt32BE(pos + 8);
  if (batchLength < MIN_RECORD_OVERHEAD) {
    return reject('CORRUPT_MESSAGE', `Record size ${batchLength} is less than the minimum record overhead (${MIN_RECORD_OVERHEAD})`);
  }
  if (rest <= MAGIC_OFFSET) return null;
  const magic = records.readInt8(pos + MAGIC_OFFSET);
  if (magic < 0 || magic > 2) return reject('CORRUPT_MESSAGE', `Invalid magic found in record: ${magic}`);
  if (batchLength + BATCH_LOG_OVERHEAD > rest) return null;
  return reject('INVALID_RECORD', `Produce requests with version ${v} are only allowed to contain exactly one record batch per partition`);
}

function reject(error: BatchErrorName, message: string, recordErrors: RecordError[] = []): RejectedBatch {
  return { ok: false, error, message, recordErrors };
}
