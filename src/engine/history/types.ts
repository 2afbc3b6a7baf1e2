// The shapes a history is made of — what producers were told and what consumers read — shared by
// the engine's workloads and experiments and by the test harness's client drivers, so one checker
// judges the project's client, kcat and kafkajs alike.

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

/** An acknowledged write whose offset the broker did not say (a duplicate retry answers -1). */
export type AcknowledgedWrite = Omit<AckedWrite, 'offset'> & { offset: number | null };

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

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<[string, Buffer | null]>;
  timestamp: number;
}
