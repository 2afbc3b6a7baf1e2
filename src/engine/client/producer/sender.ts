import { ApiKey } from '../../protocol/api-keys';
import type { CompressionCodecId } from '../../protocol/compression/codec';
import { errorForCode, ErrorCode } from '../../protocol/errors';
import { buildRecordBatch } from '../../protocol/record-batch-builder';
import type { BrokerConnection } from '../broker-connection';
import { BrokerUnreachableError, ConnectionError, KafkaProtocolError } from '../client-errors';
import type { KafkaClient } from '../kafka-client';
import { isMetadataRefreshCode } from '../retry';
import type { IdempotenceState } from './idempotence-state';
import type { ProducerBatch } from './producer-batch';
import type { RecordAccumulator } from './record-accumulator';
import type { Acks } from './types';

export interface SenderConfig {
  acks: Acks;
  codec: CompressionCodecId;
  maxInFlight: number;
  retries: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
  deliveryTimeoutMs: number;
  requestTimeoutMs: number;
  maxRequestSize: number;
}

/** Errors after which the records may be in the log although the answer was an error. */
const MAYBE_WRITTEN: ReadonlySet<number> = new Set([ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, ErrorCode.REQUEST_TIMED_OUT]);

/**
 * Kafka's Sender: drains ready batches into one Produce request per leader, at most `maxInFlight`
 * requests per leader, and settles each batch from its partition's answer — acknowledged, retried
 * with backoff (back at the head of its queue, keeping its sequence), or failed. With idempotence a
 * partition that is retrying sends one batch at a time until it has recovered, so the broker sees
 * its sequences in order (RecordAccumulator.shouldStopDrainBatchesForPartition).
 */
export class Sender {
  /** Counters for people and tests watching the producer work (the Java client's record-retry-total and friends). */
  readonly stats = { requests: 0, retries: 0, epochBumps: 0, producerIds: 0 };
  private readonly inFlightByLeader = new Map<number, number>();
  private scheduled: NodeJS.Timeout | null = null;
  private scheduledAt = 0;
  private running = false;
  private again = false;
  private metadataRefresh: Promise<void> | null = null;
  private readonly staleTopics = new Set<string>();
  private initializing: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly client: KafkaClient,
    private readonly accumulator: RecordAccumulator,
    private readonly config: SenderConfig,
    private readonly idempotence: IdempotenceState | null,
    private readonly onIdle: () => void,
  ) {}

  get inFlightRequests(): number {
    let n = 0;
    for (const v of this.inFlightByLeader.values()) n += v;
    return n;
  }

  /** Runs the send loop soon (records were added, a flush began, an answer came back). */
  wakeup(delayMs = 0): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const due = Date.now() + Math.max(0, delayMs);
    // Keep an earlier pass; move a later one forward.
    if (this.scheduled && this.scheduledAt <= due) return;
    if (this.scheduled) clearTimeout(this.scheduled);
    this.scheduledAt = due;
    this.scheduled = setTimeout(() => {
      this.scheduled = null;
      this.run();
    }, Math.max(0, Math.min(delayMs, 2_147_483_647)));
  }

  close(): void {
    this.closed = true;
    if (this.scheduled) clearTimeout(this.scheduled);
  }

  private run(): void {
    this.running = true;
    let nextMs = Number.POSITIVE_INFINITY;
    try {
      nextMs = this.runOnce(Date.now());
    } finally {
      this.running = false;
    }
    if (this.again) {
      this.again = false;
      this.wakeup(0);
    } else if (Number.isFinite(nextMs)) this.wakeup(Math.max(1, nextMs));
    if (this.accumulator.isEmpty && this.inFlightRequests === 0) this.onIdle();
  }

  /** One pass; returns when to look again. */
  private runOnce(now: number): number {
    this.expire(now);
    const idem = this.idempotence;
    if (idem) {
      if (idem.bumpRequired && this.inFlightRequests === 0) {
        this.stats.epochBumps++;
        if (!idem.bumpEpoch()) this.initProducerId();
        for (const b of this.accumulator.all()) b.encoded = null;
      }
      if (idem.bumpRequired) return Number.POSITIVE_INFINITY;
      if (!idem.hasProducerId) {
        if (!this.accumulator.isEmpty) this.initProducerId();
        // Look again soon, so batches still expire while no broker hands out an id.
        return this.accumulator.isEmpty ? Number.POSITIVE_INFINITY : this.config.retryBackoffMs;
      }
    }
    const { ready, nextCheckMs } = this.accumulator.ready(now);
    const byLeader = new Map<number, ProducerBatch[]>();
    for (const tp of ready) {
      const leader = this.leaderOf(tp.topic, tp.partition);
      if (leader < 0) {
        this.needMetadata(tp.topic);
        continue;
      }
      if ((this.inFlightByLeader.get(leader) ?? 0) >= this.config.maxInFlight) continue;
      const head = this.accumulator.head(tp.topic, tp.partition);
      if (!head) continue;
      // A retry goes alone: nothing of its partition may be in flight beside it. So does the first
      // batch of a partition under this epoch, until it is stored: a leader that knows nothing of
      // the producer accepts any sequence (KIP-360), so a batch pipelined behind a first one that is
      // refused (a fresh topic's leader not leading yet) would be stored ahead of it, and the first
      // one could then never be (OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout).
      if (
        idem &&
        this.accumulator.inFlightCount(tp.topic, tp.partition) > 0 &&
        (head.isRetry || !idem.hasAcknowledged(tp) || this.partitionRecovering(tp.topic, tp.partition))
      ) {
        continue;
      }
      const list = byLeader.get(leader) ?? [];
      const bytes = list.reduce((s, b) => s + b.sizeInBytes, 0);
      if (list.length > 0 && bytes + head.sizeInBytes > this.config.maxRequestSize) continue;
      list.push(head);
      byLeader.set(leader, list);
    }
    for (const [leader, batches] of byLeader) {
      for (const b of batches) {
        if (idem) idem.assignSequence(b);
        b.inFlight = true;
        b.attempts++;
      }
      this.inFlightByLeader.set(leader, (this.inFlightByLeader.get(leader) ?? 0) + 1);
      this.stats.requests++;
      void this.produce(leader, batches).finally(() => {
        this.inFlightByLeader.set(leader, (this.inFlightByLeader.get(leader) ?? 1) - 1);
        this.wakeup(0);
      });
    }
    // More may be ready behind what was just drained.
    return byLeader.size > 0 ? Math.min(nextCheckMs, 1) : nextCheckMs;
  }

  private partitionRecovering(topic: string, partition: number): boolean {
    return this.accumulator.all().some((b) => b.topic === topic && b.partition === partition && b.inFlight && b.attempts > 1);
  }

  private leaderOf(topic: string, partition: number): number {
    if (this.staleTopics.has(topic)) return -1;
    const p = this.client.cachedMetadata?.topics.get(topic)?.partitions.find((x) => x.partition === partition);
    return p ? p.leaderId : -1;
  }

  /** One metadata refresh at a time for every topic that needs it (Metadata.requestUpdate). */
  private needMetadata(topic: string): void {
    this.staleTopics.add(topic);
    if (this.metadataRefresh) return;
    this.metadataRefresh = (async () => {
      await new Promise((r) => setTimeout(r, this.config.retryBackoffMs));
      const topics = [...this.staleTopics];
      try {
        await this.client.refreshMetadata(topics);
        for (const t of topics) this.staleTopics.delete(t);
      } catch {
        // Brokers may be down: the next pass asks again.
      }
    })().finally(() => {
      this.metadataRefresh = null;
      this.wakeup(0);
    });
  }

  private initProducerId(): void {
    if (this.initializing || !this.idempotence) return;
    const idem = this.idempotence;
    this.initializing = (async () => {
      for (let attempt = 0; !this.closed; attempt++) {
        try {
          const { response, conn } = await this.client.send('any', ApiKey.InitProducerId, null, () => ({
            transactionalId: null,
            transactionTimeoutMs: 2_147_483_647,
            producerId: -1n,
            producerEpoch: -1,
          }));
          if (response.errorCode !== 0) throw new KafkaProtocolError(response.errorCode, null, { broker: conn.label });
          idem.setProducerId({ producerId: response.producerId, epoch: response.producerEpoch });
          this.stats.producerIds++;
          for (const b of this.accumulator.all()) b.encoded = null;
          return;
        } catch (e) {
          const retriable = !(e instanceof KafkaProtocolError) || e.retriable;
          if (!retriable) {
            for (const b of this.accumulator.all()) this.finish(b, () => b.fail(e.name, e.message));
            return;
          }
          await new Promise((r) => setTimeout(r, this.backoff(attempt + 1)));
          await this.client.refreshMetadata([]).catch(() => undefined);
        }
      }
    })().finally(() => {
      this.initializing = null;
      this.wakeup(0);
    });
  }

  private async produce(leader: number, batches: ProducerBatch[]): Promise<void> {
    let conn: BrokerConnection;
    try {
      conn = await this.client.broker(leader);
    } catch (e) {
      // Nothing was sent: the batches go back as they were.
      for (const b of batches) this.retryOrFail(b, 'NETWORK_EXCEPTION', (e as Error).message, false);
      this.needMetadata(batches[0]!.topic);
      return;
    }
    const id = this.idempotence?.producerIdAndEpoch;
    const topicData = new Map<string, Array<{ index: number; records: Buffer }>>();
    try {
      for (const b of batches) {
        const cacheKey = `${b.baseSequence}/${b.producerEpoch}`;
        if (!b.encoded || b.encoded.key !== cacheKey) {
          const bytes = await buildRecordBatch(b.records, {
            compression: this.config.codec,
            now: b.createdMs,
            producerId: id ? id.producerId : -1n,
            producerEpoch: id ? b.producerEpoch : -1,
            baseSequence: id ? b.baseSequence : -1,
          });
          b.encoded = { key: cacheKey, bytes };
        }
        const list = topicData.get(b.topic) ?? [];
        list.push({ index: b.partition, records: b.encoded.bytes });
        topicData.set(b.topic, list);
      }
    } catch (e) {
      for (const b of batches) this.finish(b, () => b.fail('INVALID_RECORD', `cannot encode the batch: ${(e as Error).message}`));
      return;
    }
    const body = {
      transactionalId: null,
      acks: this.config.acks,
      timeoutMs: this.config.requestTimeoutMs,
      topicData: [...topicData].map(([name, partitionData]) => ({ name, partitionData })),
    };
    let version: number;
    try {
      version = conn.pickVersion(ApiKey.Produce, 3, 11);
    } catch (e) {
      for (const b of batches) this.finish(b, () => b.fail('UNSUPPORTED_VERSION', (e as Error).message));
      return;
    }
    if (this.config.acks === 0) {
      try {
        await conn.send(ApiKey.Produce, version, body, { expectResponse: false });
        for (const b of batches) this.finish(b, () => b.fail('NO_ACKNOWLEDGEMENT', 'acks=0: the broker does not answer', true));
      } catch (e) {
        for (const b of batches) this.finish(b, () => b.fail('NETWORK_EXCEPTION', (e as Error).message, true));
      }
      return;
    }
    let response;
    try {
      response = await conn.send(ApiKey.Produce, version, body, { timeoutMs: this.config.requestTimeoutMs + conn.requestTimeoutMs });
    } catch (e) {
      const sent = !(e instanceof BrokerUnreachableError);
      const name = e instanceof ConnectionError ? 'NETWORK_EXCEPTION' : 'UNKNOWN_SERVER_ERROR';
      for (const b of batches) this.retryOrFail(b, name, (e as Error).message, sent);
      this.needMetadata(batches[0]!.topic);
      return;
    }
    for (const b of batches) {
      const p = response.responses.find((t) => t.name === b.topic)?.partitionResponses.find((x) => x.index === b.partition);
      if (!p) {
        this.retryOrFail(b, 'UNKNOWN_SERVER_ERROR', `${conn.label} sent no result for ${b.topic}-${b.partition}`, true);
        continue;
      }
      if (p.errorCode === 0) {
        this.finish(b, () => {
          this.idempotence?.acknowledged(b);
          b.acknowledge(Number(p.baseOffset), Number(p.logAppendTimeMs));
        });
        continue;
      }
      const err = new KafkaProtocolError(p.errorCode, p.errorMessage ?? null, { topic: b.topic, partition: b.partition, broker: conn.label });
      this.onPartitionError(b, p.errorCode, err);
    }
  }

  private onPartitionError(b: ProducerBatch, code: number, err: KafkaProtocolError): void {
    const idem = this.idempotence;
    if (code === ErrorCode.DUPLICATE_SEQUENCE_NUMBER) {
      // Already stored by an earlier attempt; the broker no longer knows where (Sender.completeBatch).
      this.finish(b, () => b.acknowledge(-1, -1));
      return;
    }
    if (idem && (code === ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || code === ErrorCode.UNKNOWN_PRODUCER_ID)) {
      // TransactionManager.canRetry: a batch behind an unresolved one is retried; the first one
      // the broker refused fails, and the epoch is bumped so the partition starts again at 0.
      if (!idem.isNextSequence(b) && this.canRetry(b)) {
        this.retry(b);
        return;
      }
      idem.bumpRequired = true;
      this.finish(b, () => b.fail(err.name, err.message));
      return;
    }
    if (MAYBE_WRITTEN.has(code)) b.maybeWritten = true;
    if (isMetadataRefreshCode(code)) this.needMetadata(b.topic);
    if (errorForCode(code).retriable || isMetadataRefreshCode(code)) {
      this.retryOrFail(b, err.name, err.message, false);
      return;
    }
    this.finish(b, () => b.fail(err.name, err.message));
  }

  private canRetry(b: ProducerBatch): boolean {
    return b.attempts <= this.config.retries && Date.now() - b.createdMs < this.config.deliveryTimeoutMs && !this.closed;
  }

  private retryOrFail(b: ProducerBatch, name: string, message: string, maybeWritten: boolean): void {
    if (maybeWritten) b.maybeWritten = true;
    if (this.canRetry(b)) this.retry(b);
    else this.finish(b, () => b.fail(name, message));
  }

  private retry(b: ProducerBatch): void {
    this.stats.retries++;
    b.retryAtMs = Date.now() + this.backoff(b.attempts);
    this.accumulator.reenqueue(b);
  }

  private backoff(attempts: number): number {
    const ms = Math.min(this.config.retryBackoffMaxMs, this.config.retryBackoffMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(ms * (0.8 + Math.random() * 0.4));
  }

  private finish(b: ProducerBatch, settle: () => void): void {
    b.inFlight = false;
    this.accumulator.remove(b);
    settle();
  }

  /** delivery.timeout.ms: a batch waiting in the queue past it fails (indeterminate if it was ever sent). */
  private expire(now: number): void {
    for (const b of this.accumulator.all()) {
      if (b.inFlight || now - b.createdMs < this.config.deliveryTimeoutMs) continue;
      const name = b.maybeWritten ? 'REQUEST_TIMED_OUT' : 'DELIVERY_TIMEOUT';
      this.finish(b, () => b.fail(name, `not acknowledged within delivery.timeout.ms (${this.config.deliveryTimeoutMs} ms) after ${b.attempts} attempt(s)`));
    }
  }
}
