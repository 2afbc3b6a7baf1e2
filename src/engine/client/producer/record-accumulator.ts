import type { RecordInput } from '../../protocol/records-codec';
import { ProducerBatch } from './producer-batch';
import type { DeliveryReport } from './types';

export interface TopicPartitionKey {
  topic: string;
  partition: number;
}

/** Partitions whose head batch can go now, and when to look again for the rest. */
export interface ReadyCheck {
  ready: TopicPartitionKey[];
  /** Milliseconds until the next batch lingers out or a retry backoff ends; Infinity when none waits. */
  nextCheckMs: number;
}

const keyOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Kafka's RecordAccumulator: a queue of batches per partition. Records join the last batch of their
 * partition while it has room and has not been sent; a batch is ready when it is full, has lingered
 * `lingerMs`, a flush is under way, or it is a retry whose backoff is over. Retried batches go back
 * to the head of their queue in the order they were first sent, so a partition's records keep
 * their order.
 */
export class RecordAccumulator {
  private readonly queues = new Map<string, { topic: string; partition: number; batches: ProducerBatch[] }>();
  private nextOrder = 0;
  private flushes = 0;

  constructor(
    private readonly batchSize: number,
    private readonly lingerMs: number,
  ) {}

  append(topic: string, partition: number, record: RecordInput, size: number, now: number, onReport: (r: DeliveryReport) => void): ProducerBatch {
    const key = keyOf(topic, partition);
    let q = this.queues.get(key);
    if (!q) {
      q = { topic, partition, batches: [] };
      this.queues.set(key, q);
    }
    const last = q.batches[q.batches.length - 1];
    if (last && !last.isRetry && !last.inFlight && last.tryAppend(record, size, this.batchSize, onReport)) return last;
    const batch = new ProducerBatch(topic, partition, now, this.nextOrder++);
    batch.tryAppend(record, size, this.batchSize, onReport);
    q.batches.push(batch);
    return batch;
  }

  /** Bytes waiting in the partition's open (last, unsent) batch; for the sticky partitioner. */
  openBatchBytes(topic: string, partition: number): number {
    const q = this.queues.get(keyOf(topic, partition));
    const last = q?.batches[q.batches.length - 1];
    return last && !last.isRetry && !last.inFlight ? last.sizeInBytes : 0;
  }

  beginFlush(): void {
    this.flushes++;
  }

  endFlush(): void {
    this.flushes--;
  }

  ready(now: number): ReadyCheck {
    const ready: TopicPartitionKey[] = [];
    let nextCheckMs = Number.POSITIVE_INFINITY;
    for (const q of this.queues.values()) {
      const head = q.batches.find((b) => !b.inFlight);
      if (!head) continue;
      if (head.isRetry && head.retryAtMs > now) {
        nextCheckMs = Math.min(nextCheckMs, head.retryAtMs - now);
        continue;
      }
      const waited = now - head.createdMs;
      const more = q.batches.indexOf(head) < q.batches.length - 1;
      if (head.isRetry || more || head.isFull(this.batchSize) || waited >= this.lingerMs || this.flushes > 0) ready.push({ topic: q.topic, partition: q.partition });
      else nextCheckMs = Math.min(nextCheckMs, this.lingerMs - waited);
    }
    return { ready, nextCheckMs };
  }

  /** The first batch of the partition not yet in flight. */
  head(topic: string, partition: number): ProducerBatch | undefined {
    return this.queues.get(keyOf(topic, partition))?.batches.find((b) => !b.inFlight);
  }

  /** Batches of the partition in flight now. */
  inFlightCount(topic: string, partition: number): number {
    return this.queues.get(keyOf(topic, partition))?.batches.filter((b) => b.inFlight).length ?? 0;
  }

  /** Every batch still owned by the accumulator (queued or in flight). */
  all(): ProducerBatch[] {
    return [...this.queues.values()].flatMap((q) => q.batches);
  }

  /** Puts a batch that will be retried back in its place: ordered by sequence, else by send order. */
  reenqueue(batch: ProducerBatch): void {
    const q = this.queues.get(keyOf(batch.topic, batch.partition));
    if (!q) return;
    batch.inFlight = false;
    q.batches.sort((a, b) => rank(a) - rank(b));
  }

  /** Forgets a batch that got its final answer. */
  remove(batch: ProducerBatch): void {
    const key = keyOf(batch.topic, batch.partition);
    const q = this.queues.get(key);
    if (!q) return;
    const i = q.batches.indexOf(batch);
    if (i >= 0) q.batches.splice(i, 1);
    if (q.batches.length === 0) this.queues.delete(key);
  }

  get isEmpty(): boolean {
    return this.queues.size === 0;
  }
}

/** Send order: within a partition it is also sequence order, since sequences are handed out head first. */
function rank(b: ProducerBatch): number {
  return b.order;
}
