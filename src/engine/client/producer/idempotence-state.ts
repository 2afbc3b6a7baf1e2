import type { ProducerBatch } from './producer-batch';
import type { ProducerIdAndEpoch } from './types';

const MAX_EPOCH = 32767;
const key = (b: { topic: string; partition: number }): string => `${b.topic}\u0000${b.partition}`;

/**
 * The idempotent (non-transactional) producer's bookkeeping, as the Java client's TransactionManager
 * keeps it: the producer id and epoch from InitProducerId, the next sequence and the last
 * acknowledged sequence of every partition. After OUT_OF_ORDER_SEQUENCE_NUMBER or
 * UNKNOWN_PRODUCER_ID (KIP-360) the epoch is bumped by the client itself once nothing is in flight,
 * or the id is fetched again when the epoch would overflow, and every partition starts again at
 * sequence 0.
 */
export class IdempotenceState {
  private current: ProducerIdAndEpoch | null = null;
  private readonly nextSequence = new Map<string, number>();
  private readonly lastAcked = new Map<string, number>();
  bumpRequired = false;

  get producerIdAndEpoch(): ProducerIdAndEpoch | null {
    return this.current;
  }

  get hasProducerId(): boolean {
    return this.current !== null;
  }

  setProducerId(id: ProducerIdAndEpoch): void {
    this.current = id;
    this.resetSequences();
  }

  /** Gives the batch its sequence on its first send under the current epoch; retries keep theirs. */
  assignSequence(batch: ProducerBatch): void {
    if (!this.current) throw new Error('no producer id yet');
    if (batch.baseSequence >= 0 && batch.producerEpoch === this.current.epoch) return;
    const k = key(batch);
    const next = this.nextSequence.get(k) ?? 0;
    batch.baseSequence = next;
    batch.producerEpoch = this.current.epoch;
    // Sequences wrap at Integer.MAX_VALUE, as DefaultRecordBatch.incrementSequence does.
    this.nextSequence.set(k, (next + batch.recordCount) % 0x80000000);
    batch.encoded = null;
  }

  acknowledged(batch: ProducerBatch): void {
    if (batch.producerEpoch !== this.current?.epoch) return;
    const last = batch.baseSequence + batch.recordCount - 1;
    this.lastAcked.set(key(batch), Math.max(this.lastAcked.get(key(batch)) ?? -1, last));
  }

  /** Whether a batch of the partition was acknowledged under the current epoch: its leader knows the producer. */
  hasAcknowledged(tp: { topic: string; partition: number }): boolean {
    return this.lastAcked.has(key(tp));
  }

  /** Whether the batch is the next one the broker expects (nothing before it is unresolved). */
  isNextSequence(batch: ProducerBatch): boolean {
    return batch.baseSequence === (this.lastAcked.get(key(batch)) ?? -1) + 1;
  }

  /**
   * Bumps the epoch (TransactionManager.bumpIdempotentProducerEpoch): returns false when the epoch
   * is exhausted and a new producer id must be fetched instead.
   */
  bumpEpoch(): boolean {
    this.bumpRequired = false;
    if (!this.current || this.current.epoch >= MAX_EPOCH) {
      this.current = null;
      this.resetSequences();
      return false;
    }
    this.current = { producerId: this.current.producerId, epoch: this.current.epoch + 1 };
    this.resetSequences();
    return true;
  }

  private resetSequences(): void {
    this.nextSequence.clear();
    this.lastAcked.clear();
  }
}
