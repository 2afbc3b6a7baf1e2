import type { KafkaRecord } from './records-codec';

/**
 * Control records (record-batch-v2.md §6): key = `version int16, type int16`; for ABORT/COMMIT the
 * value is `version int16, coordinatorEpoch int32`. Types 2+ belong to KRaft and are passed through.
 */
export const ControlRecordType = {
  ABORT: 0,
  COMMIT: 1,
  LEADER_CHANGE: 2,
  SNAPSHOT_HEADER: 3,
  SNAPSHOT_FOOTER: 4,
  KRAFT_VERSION: 5,
  KRAFT_VOTERS: 6,
} as const;

export type TransactionMarkerType = 'ABORT' | 'COMMIT';

export interface ControlRecord {
  offset: number;
  timestamp: number;
  /** 'ABORT' / 'COMMIT' for transaction markers, 'UNKNOWN' for any other type (readers ignore those). */
  type: TransactionMarkerType | 'UNKNOWN';
  /** The raw type id from the key. */
  typeId: number;
  /** Only for ABORT/COMMIT with a readable value; -1 otherwise. */
  coordinatorEpoch: number;
}

const CONTROL_KEY_VERSION = 0;
const MARKER_VALUE_VERSION = 0;

export function encodeControlKey(typeId: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(CONTROL_KEY_VERSION, 0);
  key.writeInt16BE(typeId, 2);
  return key;
}

export function encodeTransactionMarkerValue(coordinatorEpoch: number): Buffer {
  const value = Buffer.alloc(6);
  value.writeInt16BE(MARKER_VALUE_VERSION, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return value;
}

export class ControlRecordError extends Error {
  override readonly name = 'ControlRecordError';
}

/** Interprets a record of a control batch. A key shorter than 4 bytes is an error, as in Kafka. */
export function decodeControlRecord(record: KafkaRecord): ControlRecord {
  const key = record.key;
  if (key === null || key.length < 4) {
    throw new ControlRecordError(`control record at offset ${record.offset} has a key of ${key?.length ?? 'null'} bytes, need 4`);
  }
  const typeId = key.readInt16BE(2);
  const type = typeId === ControlRecordType.ABORT ? 'ABORT' : typeId === ControlRecordType.COMMIT ? 'COMMIT' : 'UNKNOWN';
  let coordinatorEpoch = -1;
  if (type !== 'UNKNOWN') {
    const value = record.value;
    if (value === null || value.length < 6) {
      throw new ControlRecordError(`transaction marker at offset ${record.offset} has a value of ${value?.length ?? 'null'} bytes, need 6`);
    }
    coordinatorEpoch = value.readInt32BE(2);
  }
  return { offset: record.offset, timestamp: record.timestamp, type, typeId, coordinatorEpoch };
}
