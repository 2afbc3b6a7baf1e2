// The shapes every client driver returns, so one history checker judges kcat and kafkajs alike.

export type Bytes = Buffer | string;

export interface ProduceRecord {
  /** null or absent: a record without key. */
  key?: Bytes | null;
  /** null: a tombstone. */
  value: Bytes | null;
  /** Explicit partition; otherwise the driver's partitioner chooses (Kafka's murmur2 for keys). */
  partition?: number;
  /** Per-record headers (kafkajs driver; kcat takes headers per run, see KcatProduceOptions). */
  headers?: Array<[string, Bytes | null]>;
}

export type { AckedWrite, ConsumedRecord, IndeterminateWrite } from '../../src/engine/history/types';
import type { AckedWrite, IndeterminateWrite } from '../../src/engine/history/types';

export interface ProduceResult {
  acknowledged: AckedWrite[];
  indeterminate: IndeterminateWrite[];
}

export function toBytes(value: Bytes | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
