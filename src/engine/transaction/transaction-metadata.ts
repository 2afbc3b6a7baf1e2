import { ErrorCode } from '../protocol/errors';
import type { StoredTxn } from './transaction-records-codec';
import { canTransition, type TxnState } from './transaction-state';

export const NO_PRODUCER_EPOCH = -1;
const MAX_EPOCH = 32_767;

/** An epoch this high cannot be bumped twice more: Kafka rotates to a new producer id instead. */
export function isEpochExhausted(epoch: number): boolean {
  return epoch >= MAX_EPOCH - 1;
}

export interface TopicPartitionRef {
  topic: string;
  partition: number;
}

/**
 * One transactional id as its coordinator knows it (Kafka's TransactionMetadata). Changes go
 * through a transit: `prepare…` computes the next stored value and marks the id busy
 * (`pendingState`); once the record is in __transaction_state, `complete` applies it, or `abandon`
 * forgets it when the write failed. A request that finds the id busy gets CONCURRENT_TRANSACTIONS.
 */
export class TransactionMetadata {
  producerId: bigint;
  lastProducerId: bigint;
  producerEpoch: number;
  lastProducerEpoch = NO_PRODUCER_EPOCH;
  txnTimeoutMs: number;
  state: TxnState;
  readonly partitions = new Map<string, Set<number>>();
  txnStartTimestamp: number;
  txnLastUpdateTimestamp: number;
  pendingState: TxnState | null = null;

  constructor(readonly transactionalId: string, stored: StoredTxn) {
    this.producerId = stored.producerId;
    this.lastProducerId = stored.producerId;
    this.producerEpoch = stored.producerEpoch;
    this.txnTimeoutMs = stored.txnTimeoutMs;
    this.state = stored.state;
    for (const [t, ids] of stored.partitions) this.partitions.set(t, new Set(ids));
    this.txnStartTimestamp = stored.txnStartTimestamp;
    this.txnLastUpdateTimestamp = stored.txnLastUpdateTimestamp;
  }

  get isProducerEpochExhausted(): boolean {
    return isEpochExhausted(this.producerEpoch);
  }

  get partitionCount(): number {
    let n = 0;
    for (const ids of this.partitions.values()) n += ids.size;
    return n;
  }

  hasPartition(tp: TopicPartitionRef): boolean {
    return this.partitions.get(tp.topic)?.has(tp.partition) ?? false;
  }

  partitionList(): TopicPartitionRef[] {
    return [...this.partitions].flatMap(([topic, ids]) => [...ids].map((partition) => ({ topic, partition })));
  }

  private stored(): StoredTxn {
    return {
      producerId: this.producerId,
      producerEpoch: this.producerEpoch,
      txnTimeoutMs: this.txnTimeoutMs,
      state: this.state,
      partitions: new Map([...this.partitions].map(([t, ids]) => [t, new Set(ids)])),
      txnLastUpdateTimestamp: this.txnLastUpdateTimestamp,
      txnStartTimestamp: this.txnStartTimestamp,
    };
  }

  private transitTo(state: TxnState, change: Partial<StoredTxn>): StoredTxn {
    if (!canTransition(this.state, state)) throw new Error(`transaction ${this.transactionalId}: ${this.state} → ${state} is not a valid transition`);
    this.pendingState = state;
    return { ...this.stored(), ...change, state };
  }

  /** InitProducerId: a new epoch (or the same on a retry of a bump the producer did not hear about). */
  prepareIncrementProducerEpoch(timeoutMs: number, expectedEpoch: number | null, now: number): StoredTxn | number {
    const bumped = this.producerEpoch + 1;
    let nextEpoch: number;
    let lastEpoch: number;
    if (expectedEpoch === null) {
      nextEpoch = bumped;
      lastEpoch = NO_PRODUCER_EPOCH;
    } else if (this.producerEpoch === NO_PRODUCER_EPOCH || expectedEpoch === this.producerEpoch) {
      nextEpoch = bumped;
      lastEpoch = this.producerEpoch;
    } else if (expectedEpoch === this.lastProducerEpoch) {
      nextEpoch = this.producerEpoch;
      lastEpoch = this.lastProducerEpoch;
    } else {
      return ErrorCode.PRODUCER_FENCED;
    }
    this.pendingLastEpoch = lastEpoch;
    return this.transitTo('Empty', { producerEpoch: nextEpoch, txnTimeoutMs: timeoutMs, partitions: new Map(), txnStartTimestamp: -1, txnLastUpdateTimestamp: now });
  }

  /** The epoch is used up: a new producer id with epoch 0 (KIP-360's rotation). */
  prepareProducerIdRotation(newProducerId: bigint, timeoutMs: number, now: number, recordLastEpoch: boolean): StoredTxn {
    this.pendingLastEpoch = recordLastEpoch ? this.producerEpoch : NO_PRODUCER_EPOCH;
    this.pendingLastProducerId = this.producerId;
    return this.transitTo('Empty', { producerId: newProducerId, producerEpoch: 0, txnTimeoutMs: timeoutMs, partitions: new Map(), txnStartTimestamp: -1, txnLastUpdateTimestamp: now });
  }

  prepareAddPartitions(add: readonly TopicPartitionRef[], now: number): StoredTxn {
    const partitions = new Map([...this.partitions].map(([t, ids]) => [t, new Set(ids)]));
    for (const tp of add) {
      let ids = partitions.get(tp.topic);
      if (!ids) partitions.set(tp.topic, (ids = new Set()));
      ids.add(tp.partition);
    }
    const starts = this.state === 'Empty' || this.state === 'CompleteCommit' || this.state === 'CompleteAbort';
    return this.transitTo('Ongoing', { partitions, txnStartTimestamp: starts ? now : this.txnStartTimestamp, txnLastUpdateTimestamp: now });
  }

  prepareAbortOrCommit(state: 'PrepareCommit' | 'PrepareAbort', now: number): StoredTxn {
    return this.transitTo(state, { txnLastUpdateTimestamp: now });
  }

  prepareComplete(now: number): StoredTxn {
    const state = this.state === 'PrepareCommit' ? 'CompleteCommit' : 'CompleteAbort';
    return this.transitTo(state, { partitions: new Map(), txnLastUpdateTimestamp: now });
  }

  /**
   * Fences the current producer of an open transaction (a new InitProducerId, or its timeout): the
   * epoch is bumped in memory at once, so the old producer's requests are refused, and the
   * transaction is then aborted under the new epoch.
   */
  fenceProducerEpoch(): void {
    if (!this.isProducerEpochExhausted) this.producerEpoch += 1;
    this.pendingState = 'PrepareEpochFence';
  }

  /** Applies a transit whose record is now in __transaction_state. */
  complete(t: StoredTxn): void {
    if (t.producerId !== this.producerId) this.lastProducerId = this.pendingLastProducerId ?? this.producerId;
    if (this.pendingLastEpoch !== undefined) this.lastProducerEpoch = this.pendingLastEpoch;
    this.producerId = t.producerId;
    this.producerEpoch = t.producerEpoch;
    this.txnTimeoutMs = t.txnTimeoutMs;
    this.state = t.state;
    this.partitions.clear();
    for (const [topic, ids] of t.partitions) this.partitions.set(topic, new Set(ids));
    this.txnStartTimestamp = t.txnStartTimestamp;
    this.txnLastUpdateTimestamp = t.txnLastUpdateTimestamp;
    this.clearPending();
  }

  /** The write failed: nothing changed (a fenced epoch stays bumped, as in Kafka). */
  abandon(): void {
    this.clearPending();
  }

  private pendingLastEpoch: number | undefined;
  private pendingLastProducerId: bigint | undefined;

  private clearPending(): void {
    this.pendingState = null;
    this.pendingLastEpoch = undefined;
    this.pendingLastProducerId = undefined;
  }
}
