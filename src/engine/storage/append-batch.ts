import { crc32c } from '../protocol/crc32c';
import {
  ATTRIBUTES_OFFSET,
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  BatchAttribute,
  CRC_OFFSET,
  MAGIC_OFFSET,
  PARTITION_LEADER_EPOCH_OFFSET,
} from '../protocol/record-batch-header';
import { CURRENT_MAGIC } from './file-batches';
import type { LogConfig } from './log-config';
import type { AppendOptions } from './partition-log-types';
import type { Clock } from './storage-context';
import { CorruptRecordError, RecordBatchTooLargeError, UnexpectedAppendOffsetError } from './storage-errors';

const LAST_OFFSET_DELTA_OFFSET = 23;
const MAX_TIMESTAMP_OFFSET = 35;
const RECORDS_COUNT_OFFSET = 57;

export interface PreparedBatch {
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  /** -1 unless the batch was given LogAppendTime. */
  logAppendTime: number;
  batchEpoch: number;
  recordCount: number;
}

export interface PrepareContext extends AppendOptions {
  nextOffset: number;
  config: LogConfig;
  clock: Clock;
  partitionName: string;
}

/**
 * Checks the framing the log relies on and, for a leader append, rewrites the batch in place:
 * baseOffset and partitionLeaderEpoch (outside the CRC), and for LogAppendTime the timestamp type bit
 * and maxTimestamp, which the CRC covers, so it is recomputed. The records are never re-encoded.
 */
export function prepareBatchForAppend(batch: Buffer, c: PrepareContext): PreparedBatch {
  if (batch.length < BATCH_HEADER_SIZE || batch.readInt32BE(8) + BATCH_LOG_OVERHEAD !== batch.length) {
    throw new CorruptRecordError(`Append of ${batch.length} bytes to ${c.partitionName} is not exactly one record batch`);
  }
  const magic = batch.readInt8(MAGIC_OFFSET);
  if (magic !== CURRENT_MAGIC) throw new CorruptRecordError(`Record batch magic ${magic} is not supported, expected ${CURRENT_MAGIC}`);
  if (batch.length > c.config.segmentBytes) {
    throw new RecordBatchTooLargeError(
      `Record batch of ${batch.length} bytes is larger than the segment size ${c.config.segmentBytes} of ${c.partitionName}`,
    );
  }
  const lastOffsetDelta = batch.readInt32BE(LAST_OFFSET_DELTA_OFFSET);
  let firstOffset: number;
  let logAppendTime = -1;
  if (c.assignOffsets) {
    firstOffset = c.nextOffset;
    batch.writeBigInt64BE(BigInt(firstOffset), 0);
    batch.writeInt32BE(c.leaderEpoch, PARTITION_LEADER_EPOCH_OFFSET);
    const appendTime = c.logAppendTime ?? (c.config.messageTimestampType === 'LogAppendTime' ? c.clock.now() : undefined);
    if (appendTime !== undefined) {
      logAppendTime = appendTime;
      stampLogAppendTime(batch, appendTime);
    }
  } else {
    firstOffset = Number(batch.readBigInt64BE(0));
    if (firstOffset < c.nextOffset) {
      throw new UnexpectedAppendOffsetError(
        `Unexpected offset in append to ${c.partitionName}. First offset ${firstOffset} is less than the next offset ${c.nextOffset}.`,
        firstOffset,
        firstOffset + lastOffsetDelta,
      );
    }
  }
  return {
    firstOffset,
    lastOffset: firstOffset + lastOffsetDelta,
    maxTimestamp: Number(batch.readBigInt64BE(MAX_TIMESTAMP_OFFSET)),
    logAppendTime,
    batchEpoch: batch.readInt32BE(PARTITION_LEADER_EPOCH_OFFSET),
    recordCount: batch.readInt32BE(RECORDS_COUNT_OFFSET),
  };
}

function stampLogAppendTime(batch: Buffer, appendTime: number): void {
  batch.writeInt16BE(batch.readInt16BE(ATTRIBUTES_OFFSET) | BatchAttribute.TimestampTypeLogAppend, ATTRIBUTES_OFFSET);
  batch.writeBigInt64BE(BigInt(appendTime), MAX_TIMESTAMP_OFFSET);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
}
