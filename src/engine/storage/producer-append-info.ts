import { NO_PRODUCER_EPOCH, ProducerStateEntry } from './producer-state-entry';
import { StorageError } from './storage-errors';
import type { CompletedTxn, MarkerType } from './transaction-marker';

/**
 * Who is appending: a client's produce is checked in full, a replica's copy not at all (its leader
 * did), a coordinator's own batch (transactional offset commits, markers) for its epoch only.
 */
export type AppendOrigin = 'client' | 'coordinator' | 'replication';

export class OutOfOrderSequenceError extends StorageError {
  constructor(message: string) {
    super('OUT_OF_ORDER_SEQUENCE_NUMBER', message);
  }
}

export class InvalidProducerEpochError extends StorageError {
  constructor(message: string) {
    super('INVALID_PRODUCER_EPOCH', message);
  }
}

export class InvalidTxnStateError extends StorageError {
  constructor(message: string) {
    super('INVALID_TXN_STATE', message);
  }
}

/** The producer fields of a record batch header, as the producer state needs them. */
export interface ProducerBatch {
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  lastSequence: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  isTransactional: boolean;
  isControl: boolean;
  /** For a control batch: the transaction marker it carries, if it is one. */
  markerType?: MarkerType | null;
}

const INT32_MAX = 0x7fffffff;

/**
 * Checks one producer's batches against what the partition knows of it (Kafka's ProducerAppendInfo)
 * and collects the resulting state; nothing is changed in the ProducerStateManager until the
 * batches are in the log and `update` is called.
 */
export class ProducerAppendInfo {
  readonly updatedEntry: ProducerStateEntry;
  /** Set when a marker of this append closed the producer's open transaction. */
  completedTxn: CompletedTxn | null = null;

  constructor(
    private readonly partitionName: string,
    readonly producerId: bigint,
    private readonly currentEntry: ProducerStateEntry,
    private readonly origin: AppendOrigin,
  ) {
    this.updatedEntry = currentEntry.withoutBatches();
  }

  append(batch: ProducerBatch): void {
    if (batch.isControl) {
      // A transaction marker closes the producer's transaction; transactions decide its coordinator epoch.
      this.checkProducerEpoch(batch.producerEpoch, batch.firstOffset);
      this.updatedEntry.maybeUpdateProducerEpoch(batch.producerEpoch);
      const first = this.updatedEntry.currentTxnFirstOffset;
      if (first >= 0 && batch.markerType) {
        this.completedTxn = { producerId: this.producerId, firstOffset: first, lastOffset: batch.firstOffset, isAborted: batch.markerType === 'ABORT' };
      }
      this.updatedEntry.currentTxnFirstOffset = -1;
      this.updatedEntry.lastTimestamp = batch.maxTimestamp;
      return;
    }
    this.checkProducerEpoch(batch.producerEpoch, batch.firstOffset);
    if (this.origin === 'client') this.checkSequence(batch.producerEpoch, batch.baseSequence, batch.firstOffset);
    this.updatedEntry.addBatch(batch.producerEpoch, batch.lastSequence, batch.lastOffset, batch.lastOffset - batch.firstOffset, batch.maxTimestamp);
    const open = this.updatedEntry.currentTxnFirstOffset >= 0;
    if (open && !batch.isTransactional) {
      throw new InvalidTxnStateError(
        `Expected transactional write from producer ${this.producerId} at offset ${batch.firstOffset} in partition ${this.partitionName}`,
      );
    }
    if (!open && batch.isTransactional) this.updatedEntry.currentTxnFirstOffset = batch.firstOffset;
  }

  private checkProducerEpoch(producerEpoch: number, offset: number): void {
    if (producerEpoch >= this.updatedEntry.producerEpoch) return;
    // A replica copies what its leader accepted; only a client can be a zombie.
    if (this.origin === 'replication') return;
    throw new InvalidProducerEpochError(
      `Epoch of producer ${this.producerId} at offset ${offset} in ${this.partitionName} is ${producerEpoch}, which is smaller than the last seen epoch ${this.updatedEntry.producerEpoch}`,
    );
  }

  private checkSequence(producerEpoch: number, appendFirstSeq: number, offset: number): void {
    if (producerEpoch !== this.updatedEntry.producerEpoch) {
      // A new epoch must start at sequence 0, unless the partition knows nothing of the producer.
      if (appendFirstSeq !== 0 && this.updatedEntry.producerEpoch !== NO_PRODUCER_EPOCH) {
        throw new OutOfOrderSequenceError(
          `Invalid sequence number for new epoch of producer ${this.producerId} at offset ${offset} in partition ${this.partitionName}: ${producerEpoch} (request epoch), ${appendFirstSeq} (seq. number), ${this.updatedEntry.producerEpoch} (current producer epoch)`,
        );
      }
      return;
    }
    let currentLastSeq: number;
    if (!this.updatedEntry.isEmpty) currentLastSeq = this.updatedEntry.lastSeq;
    else if (producerEpoch === this.currentEntry.producerEpoch) currentLastSeq = this.currentEntry.lastSeq;
    else currentLastSeq = -1;
    // Without any state for the producer (its records were deleted or expired) any sequence is accepted (KIP-360).
    if (this.currentEntry.producerEpoch === NO_PRODUCER_EPOCH || inSequence(currentLastSeq, appendFirstSeq)) return;
    throw new OutOfOrderSequenceError(
      `Out of order sequence number for producer ${this.producerId} at offset ${offset} in partition ${this.partitionName}: ${appendFirstSeq} (incoming seq. number), ${currentLastSeq} (current end sequence number)`,
    );
  }
}

function inSequence(lastSeq: number, nextSeq: number): boolean {
  return nextSeq === lastSeq + 1 || (nextSeq === 0 && lastSeq === INT32_MAX);
}
