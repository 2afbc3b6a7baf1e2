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

/** A write the cluster acknowledged: it must be readable exactly once at (partition, offset). */
export interface AckedWrite {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  /** Which producer sent it (ordering is judged per producer and partition). */
  producer: string;
  /** Position in the producer's input: the order the producer sent records in. */
  seq: number;
}

/** A write whose outcome is unknown (failed, timed out, unacknowledged): it may appear at most once. */
export interface IndeterminateWrite {
  topic: string;
  /** The partition it was sent to, when known. */
  partition: number | null;
  key: Buffer | null;
  value: Buffer | null;
  producer: string;
  seq: number;
  error: string;
}

export interface ProduceResult {
  acknowledged: AckedWrite[];
  indeterminate: IndeterminateWrite[];
}

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer | null]>;
  timestamp: number;
}

export function toBytes(value: Bytes | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
