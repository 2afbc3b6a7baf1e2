import type { RecordInput } from '../../protocol/records-codec';
import type { DeliveryReport } from './types';

/** Kafka's per-record estimate (DefaultRecord.sizeInBytes upper bound, without varint savings). */
export function estimateRecordSize(r: RecordInput): number {
  const len = (b: Buffer | string | null | undefined): number => (b === null || b === undefined ? 0 : typeof b === 'string' ? Buffer.byteLength(b) : b.length);
  let size = 21 + len(r.key) + len(r.value);
  for (const h of r.headers ?? []) size += 10 + Buffer.byteLength(h.key) + len(h.value);
  return size;
}

/** Bytes of a batch header (RecordBatch v2), counted against batch.size like the Java client. */
export const BATCH_OVERHEAD = 61;

/**
 * One batch for one partition, as the Java client's ProducerBatch: the records, each with its
 * report callback, the sequence it was first sent with (kept across retries, so the broker can
 * recognise a duplicate) and what its attempts may have done.
 */
export class ProducerBatch {
  readonly records: RecordInput[] = [];
  private readonly callbacks: Array<(r: DeliveryReport) => void> = [];
  sizeInBytes = BATCH_OVERHEAD;
  attempts = 0;
  /** -1 until the batch is first drained by an idempotent producer. */
  baseSequence = -1;
  producerEpoch = -1;
  /** When the batch may be sent again after a retriable failure. */
  retryAtMs = 0;
  /** True once an attempt ended without a clear answer: its records may be in the log. */
  maybeWritten = false;
  /** True while a request carrying it is in flight. */
  inFlight = false;
  done = false;
  /** Encoded bytes for the current (sequence, epoch), reused by retries. */
  encoded: { key: string; bytes: Buffer } | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** Send order across the producer: retries are put back in this order when not idempotent. */
    readonly order: number,
  ) {}

  get recordCount(): number {
    return this.records.length;
  }

  get isRetry(): boolean {
    return this.attempts > 0;
  }

  /** Adds a record if it fits (a first record always fits, as in Kafka). */
  tryAppend(record: RecordInput, size: number, batchSize: number, onReport: (r: DeliveryReport) => void): boolean {
    if (this.records.length > 0 && this.sizeInBytes + size > batchSize) return false;
    this.records.push(record);
    this.callbacks.push(onReport);
    this.sizeInBytes += size;
    return true;
  }

  isFull(batchSize: number): boolean {
    return this.sizeInBytes >= batchSize;
  }

  /** Every record stored from `baseOffset` on. */
  acknowledge(baseOffset: number, logAppendTime: number): void {
    this.complete((i) => ({
      status: 'acknowledged',
      topic: this.topic,
      partition: this.partition,
      offset: baseOffset < 0 ? -1 : baseOffset + i,
      timestamp: logAppendTime >= 0 ? logAppendTime : (this.records[i]!.timestamp ?? this.createdMs),
    }));
  }

  /** Fails every record: `failed` when no attempt may have written it, else `indeterminate`. */
  fail(error: string, message: string, forceIndeterminate = false): void {
    const status = this.maybeWritten || forceIndeterminate ? 'indeterminate' : 'failed';
    this.complete(() => ({ status, topic: this.topic, partition: this.partition, error, message }));
  }

  private complete(report: (i: number) => DeliveryReport): void {
    if (this.done) return;
    this.done = true;
    this.callbacks.forEach((cb, i) => cb(report(i)));
  }
}
