import { crc32c } from './crc32c';
import { ATTRIBUTES_OFFSET, CRC_OFFSET, PARTITION_LEADER_EPOCH_OFFSET } from './record-batch-header';
import { ATTR_LOG_APPEND_TIME, type TimestampType } from './record-batch-attributes';

const MAX_TIMESTAMP_OFFSET = 35;

export interface BatchStamp {
  baseOffset: number | bigint;
  partitionLeaderEpoch: number;
  /** The topic's timestamp type. */
  timestampType: TimestampType;
  /** ValidatedBatch.maxTimestamp: the append time for LogAppendTime, else the largest record timestamp. */
  maxTimestamp: number;
}

/**
 * Prepares a validated batch for the log, in place: baseOffset and partitionLeaderEpoch (outside
 * the CRC), then the timestamp type bit and maxTimestamp, recomputing the CRC only when those
 * changed — Kafka's DefaultRecordBatch.setMaxTimestamp, so a CreateTime batch usually keeps its CRC.
 * Returns true when the CRC was recomputed.
 */
export function stampBatchForAppend(batch: Buffer, stamp: BatchStamp): boolean {
  batch.writeBigInt64BE(BigInt(stamp.baseOffset), 0);
  batch.writeInt32BE(stamp.partitionLeaderEpoch, PARTITION_LEADER_EPOCH_OFFSET);
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  const wanted = stamp.timestampType === 'LogAppendTime' ? attributes | ATTR_LOG_APPEND_TIME : attributes & ~ATTR_LOG_APPEND_TIME;
  const maxTimestamp = BigInt(stamp.maxTimestamp);
  if (wanted === attributes && batch.readBigInt64BE(MAX_TIMESTAMP_OFFSET) === maxTimestamp) return false;
  batch.writeInt16BE(wanted, ATTRIBUTES_OFFSET);
  batch.writeBigInt64BE(maxTimestamp, MAX_TIMESTAMP_OFFSET);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return true;
}
