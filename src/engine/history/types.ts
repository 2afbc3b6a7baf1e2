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

/** One record a consumer group member handed to its application. */
export interface ProcessedRecord {
  member: string;
  generation: number;
  topic: string;
  partition: number;
  offset: number;
  value: Buffer | null;
  timeMs: number;
}

/**
 * What else a consumer did that explains a jump in the offsets it processed: a new assignment
 * (with the position it starts from), a seek by the application, a crash or a clean stop.
 */
export type ConsumerEvent =
  | { kind: 'assigned'; member: string; generation: number; timeMs: number; partitions: Array<{ topic: string; partition: number; position: number }> }
  | { kind: 'seek'; member: string; topic: string; partition: number; offset: number; timeMs: number }
  | { kind: 'crashed' | 'stopped'; member: string; timeMs: number };

export interface ConsumerHistory {
  group: string;
  processed: readonly ProcessedRecord[];
  events: readonly ConsumerEvent[];
}
