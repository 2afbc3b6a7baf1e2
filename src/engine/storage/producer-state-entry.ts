/**
 * What a partition remembers of one producer (Kafka's ProducerStateEntry and BatchMetadata): its
 * epoch, the metadata of its last few batches (to answer a retried batch with its original offsets),
 * the time of its last write (for producer.id.expiration.ms) and, for transactions, where its open
 * transaction starts.
 */

export const NO_PRODUCER_ID = -1n;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
const INT32_MAX = 0x7fffffff;

/** Kafka keeps this many batches per producer: a producer has at most 5 requests in flight. */
export const NUM_BATCHES_TO_RETAIN = 5;

/** Sequences wrap from Int32.MAX to 0 (DefaultRecordBatch.incrementSequence). */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > INT32_MAX - increment) return increment - (INT32_MAX - sequence) - 1;
  return sequence + increment;
}

export function decrementSequence(sequence: number, decrement: number): number {
  if (sequence < decrement) return INT32_MAX - (decrement - sequence) + 1;
  return sequence - decrement;
}

/** One appended batch of a producer: its last sequence and offset, and how many records back it starts. */
export class BatchMetadata {
  constructor(
    readonly lastSeq: number,
    readonly lastOffset: number,
    readonly offsetDelta: number,
    /** The batch's max timestamp. */
    readonly timestamp: number,
  ) {}

  get firstSeq(): number {
    return decrementSequence(this.lastSeq, this.offsetDelta);
  }

  get firstOffset(): number {
    return this.lastOffset - this.offsetDelta;
  }
}

export class ProducerStateEntry {
  constructor(
    readonly producerId: bigint,
    public producerEpoch: number,
    public coordinatorEpoch: number,
    public lastTimestamp: number,
    /** -1 when no transaction of this producer is open on the partition. */
    public currentTxnFirstOffset: number,
    /** Oldest first, at most NUM_BATCHES_TO_RETAIN. */
    readonly batchMetadata: BatchMetadata[] = [],
  ) {}

  static empty(producerId: bigint): ProducerStateEntry {
    return new ProducerStateEntry(producerId, NO_PRODUCER_EPOCH, -1, -1, -1);
  }

  get isEmpty(): boolean {
    return this.batchMetadata.length === 0;
  }

  get firstSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batchMetadata[0].firstSeq;
  }

  get lastSeq(): number {
    return this.isEmpty ? NO_SEQUENCE : this.batchMetadata[this.batchMetadata.length - 1].lastSeq;
  }

  get lastDataOffset(): number {
    return this.isEmpty ? -1 : this.batchMetadata[this.batchMetadata.length - 1].lastOffset;
  }

  get lastOffsetDelta(): number {
    return this.isEmpty ? 0 : this.batchMetadata[this.batchMetadata.length - 1].offsetDelta;
  }

  /** A copy carrying the epoch, timestamps and transaction but none of the batches (the start of an append). */
  withoutBatches(): ProducerStateEntry {
    return new ProducerStateEntry(this.producerId, this.producerEpoch, this.coordinatorEpoch, this.lastTimestamp, this.currentTxnFirstOffset);
  }

  addBatch(producerEpoch: number, lastSeq: number, lastOffset: number, offsetDelta: number, timestamp: number): void {
    this.maybeUpdateProducerEpoch(producerEpoch);
    this.addBatchMetadata(new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp));
    this.lastTimestamp = timestamp;
  }

  /** A new epoch starts a new sequence space: the batches of the old one no longer identify retries. */
  maybeUpdateProducerEpoch(producerEpoch: number): boolean {
    if (this.producerEpoch === producerEpoch) return false;
    this.batchMetadata.length = 0;
    this.producerEpoch = producerEpoch;
    return true;
  }

  /** Merges what one append learned (`next`) into this entry. */
  update(next: ProducerStateEntry): void {
    this.maybeUpdateProducerEpoch(next.producerEpoch);
    for (const batch of next.batchMetadata) this.addBatchMetadata(batch);
    this.coordinatorEpoch = next.coordinatorEpoch;
    this.currentTxnFirstOffset = next.currentTxnFirstOffset;
    this.lastTimestamp = next.lastTimestamp;
  }

  /** The retained batch with exactly this epoch and sequence range: the batch is a retry of it. */
  findDuplicateBatch(producerEpoch: number, firstSeq: number, lastSeq: number): BatchMetadata | undefined {
    if (producerEpoch !== this.producerEpoch) return undefined;
    return this.batchMetadata.find((b) => b.firstSeq === firstSeq && b.lastSeq === lastSeq);
  }

  private addBatchMetadata(batch: BatchMetadata): void {
    if (this.batchMetadata.length === NUM_BATCHES_TO_RETAIN) this.batchMetadata.shift();
    this.batchMetadata.push(batch);
  }
}
