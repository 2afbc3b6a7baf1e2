import { compress, compressSync, type CompressOptions } from './compression/index';
import { CompressionCodec, type CompressionCodecId } from './compression/codec';
import type { SnappyFraming } from './compression/snappy';
import { crc32c } from './crc32c';
import { ATTRIBUTES_OFFSET, BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, CRC_OFFSET } from './record-batch-header';
import { makeBatchAttributes, type TimestampType } from './record-batch-attributes';
import { encodeRecords, type RecordInput } from './records-codec';
import { ControlRecordType, encodeControlKey, encodeTransactionMarkerValue, type TransactionMarkerType } from './control-record';

export interface RecordBatchOptions {
  /** Default 0, as producers send it. */
  baseOffset?: number | bigint;
  /** Default -1 (what producers send). */
  partitionLeaderEpoch?: number;
  compression?: CompressionCodecId;
  /** Snappy only: default 'raw' (librdkafka style); 'xerial' writes the Java client's stream. */
  snappyFraming?: SnappyFraming;
  timestampType?: TimestampType;
  /** LogAppendTime only: the append time written as maxTimestamp; default `now`. */
  logAppendTime?: number;
  producerId?: number | bigint;
  producerEpoch?: number;
  baseSequence?: number;
  transactional?: boolean;
  control?: boolean;
  /** Timestamp for records without one; default Date.now(). */
  now?: number;
}

interface Plan {
  attributes: number;
  codec: CompressionCodecId;
  records: Buffer;
  count: number;
  baseTimestamp: number;
  maxTimestamp: number;
  compressOptions: CompressOptions;
  options: RecordBatchOptions;
}

/** Builds one record batch v2 with a correct CRC-32C. Throws RangeError on an empty record list. */
export async function buildRecordBatch(records: ReadonlyArray<RecordInput>, options: RecordBatchOptions = {}): Promise<Buffer> {
  const plan = planBatch(records, options);
  return assemble(plan, await compress(plan.codec, plan.records, plan.compressOptions));
}

/** Like buildRecordBatch for codecs 0-3 (zstd throws SyncCompressionUnavailableError). */
export function buildRecordBatchSync(records: ReadonlyArray<RecordInput>, options: RecordBatchOptions = {}): Buffer {
  const plan = planBatch(records, options);
  return assemble(plan, compressSync(plan.codec, plan.records, plan.compressOptions));
}

export interface TransactionMarkerOptions {
  type: TransactionMarkerType;
  coordinatorEpoch: number;
  producerId: number | bigint;
  producerEpoch: number;
  baseOffset?: number | bigint;
  partitionLeaderEpoch?: number;
  /** Default Date.now(). */
  timestamp?: number;
}

/**
 * The control batch a broker appends for EndTxn: transactional + control, one record, no sequence,
 * uncompressed, CreateTime (as Kafka's MemoryRecords.withEndTransactionMarker).
 */
export function buildTransactionMarkerBatch(m: TransactionMarkerOptions): Buffer {
  const typeId = m.type === 'ABORT' ? ControlRecordType.ABORT : ControlRecordType.COMMIT;
  return buildRecordBatchSync(
    [{ key: encodeControlKey(typeId), value: encodeTransactionMarkerValue(m.coordinatorEpoch), timestamp: m.timestamp }],
    {
      baseOffset: m.baseOffset,
      partitionLeaderEpoch: m.partitionLeaderEpoch,
      producerId: m.producerId,
      producerEpoch: m.producerEpoch,
      baseSequence: -1,
      transactional: true,
      control: true,
      now: m.timestamp,
    },
  );
}

function planBatch(records: ReadonlyArray<RecordInput>, options: RecordBatchOptions): Plan {
  if (records.length === 0) throw new RangeError('a record batch needs at least one record');
  const now = options.now ?? Date.now();
  const codec = options.compression ?? CompressionCodec.NONE;
  const timestampType = options.timestampType ?? 'CreateTime';
  const baseTimestamp = records[0].timestamp ?? now;
  let maxTimestamp = -1;
  for (const r of records) maxTimestamp = Math.max(maxTimestamp, r.timestamp ?? now);
  if (timestampType === 'LogAppendTime') maxTimestamp = options.logAppendTime ?? now;
  return {
    attributes: makeBatchAttributes({
      compression: codec,
      timestampType,
      transactional: options.transactional ?? false,
      control: options.control ?? false,
    }),
    codec,
    records: encodeRecords(records, baseTimestamp, now),
    count: records.length,
    baseTimestamp,
    maxTimestamp,
    compressOptions: { snappyFraming: options.snappyFraming },
    options,
  };
}

function assemble(plan: Plan, payload: Buffer): Buffer {
  const o = plan.options;
  const batch = Buffer.allocUnsafe(BATCH_HEADER_SIZE + payload.length);
  batch.writeBigInt64BE(BigInt(o.baseOffset ?? 0), 0);
  batch.writeInt32BE(batch.length - BATCH_LOG_OVERHEAD, 8);
  batch.writeInt32BE(o.partitionLeaderEpoch ?? -1, 12);
  batch.writeInt8(2, 16);
  batch.writeInt16BE(plan.attributes, ATTRIBUTES_OFFSET);
  batch.writeInt32BE(plan.count - 1, 23);
  batch.writeBigInt64BE(BigInt(plan.baseTimestamp), 27);
  batch.writeBigInt64BE(BigInt(plan.maxTimestamp), 35);
  batch.writeBigInt64BE(BigInt(o.producerId ?? -1), 43);
  batch.writeInt16BE(o.producerEpoch ?? -1, 51);
  batch.writeInt32BE(o.baseSequence ?? -1, 53);
  batch.writeInt32BE(plan.count, 57);
  payload.copy(batch, BATCH_HEADER_SIZE);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return batch;
}
