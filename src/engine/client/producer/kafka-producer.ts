import { CompressionCodec, compressionCodecFromName, type CompressionCodecId, type CompressionCodecName } from '../../protocol/compression/codec';
import type { RecordInput } from '../../protocol/records-codec';
import type { KafkaClient } from '../kafka-client';
import { partitionForKey } from '../partitioner';
import { IdempotenceState } from './idempotence-state';
import { estimateRecordSize } from './producer-batch';
import { RecordAccumulator } from './record-accumulator';
import { Sender } from './sender';
import type { DeliveryReport, ProducerConfig, ProducerMessage } from './types';

export type DeliveryListener = (report: DeliveryReport, message: ProducerMessage) => void;

/** Checks a config as KafkaProducer's constructor and ProducerConfig.postProcessAndValidateIdempotenceConfigs do. */
export function resolveProducerConfig(config: ProducerConfig): Required<Omit<ProducerConfig, 'compression'>> & { codec: CompressionCodecId } {
  const idempotence = config.idempotence ?? true;
  const acks = config.acks ?? -1;
  const maxInFlight = config.maxInFlight ?? 5;
  if (acks !== 0 && acks !== 1 && acks !== -1) throw new RangeError(`acks must be 0, 1 or -1, got ${String(acks)}`);
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`max.in.flight.requests.per.connection must be ≥ 1, got ${maxInFlight}`);
  if (idempotence && acks !== -1) throw new RangeError('idempotence needs acks=-1 (all), as Kafka requires');
  if (idempotence && maxInFlight > 5) throw new RangeError('idempotence needs max.in.flight.requests.per.connection ≤ 5, as Kafka requires');
  const c = config.compression;
  let codec: CompressionCodecId = CompressionCodec.NONE;
  if (typeof c === 'number') codec = c;
  else if (c !== undefined) {
    const id = compressionCodecFromName(c as CompressionCodecName);
    if (id === undefined) throw new RangeError(`unknown compression "${c}": use none, gzip, snappy, lz4 or zstd`);
    codec = id;
  }
  return {
    acks,
    idempotence,
    maxInFlight,
    codec,
    lingerMs: config.lingerMs ?? 0,
    batchSize: config.batchSize ?? 16_384,
    retries: config.retries ?? 2_147_483_647,
    retryBackoffMs: config.retryBackoffMs ?? 100,
    retryBackoffMaxMs: config.retryBackoffMaxMs ?? 1_000,
    deliveryTimeoutMs: config.deliveryTimeoutMs ?? 120_000,
    requestTimeoutMs: config.requestTimeoutMs ?? 30_000,
    maxRequestSize: config.maxRequestSize ?? 1_048_576,
  };
}

/**
 * A Kafka producer with the Java client's shape: send() puts a record in the accumulator and
 * resolves with its delivery report once the broker answered (or the record gave up); a sender
 * loop batches, retries and keeps the idempotent sequence bookkeeping. send() never rejects: every
 * outcome is a report, and listeners (a workload's history) see each one.
 */
export class KafkaProducer {
  private readonly config: ReturnType<typeof resolveProducerConfig>;
  private readonly accumulator: RecordAccumulator;
  private readonly sender: Sender;
  private readonly listeners: DeliveryListener[] = [];
  private readonly partitionCounts = new Map<string, number>();
  private readonly sticky = new Map<string, { partition: number; produced: number }>();
  /** Sends waiting for topic metadata, kept in call order so a partition's records stay in send order. */
  private appendChain: Promise<void> = Promise.resolve();
  private waitingAppends = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly client: KafkaClient,
    config: ProducerConfig = {},
  ) {
    this.config = resolveProducerConfig(config);
    this.accumulator = new RecordAccumulator(this.config.batchSize, this.config.lingerMs);
    this.sender = new Sender(
      client,
      this.accumulator,
      {
        acks: this.config.acks,
        codec: this.config.codec,
        maxInFlight: this.config.maxInFlight,
        retries: this.config.retries,
        retryBackoffMs: this.config.retryBackoffMs,
        retryBackoffMaxMs: this.config.retryBackoffMaxMs,
        deliveryTimeoutMs: this.config.deliveryTimeoutMs,
        requestTimeoutMs: this.config.requestTimeoutMs,
        maxRequestSize: this.config.maxRequestSize,
      },
      this.config.idempotence ? new IdempotenceState() : null,
      () => this.notifyIdle(),
    );
  }

  /** Produce requests sent, batches retried, epoch bumps and producer ids fetched so far. */
  get stats(): Readonly<Sender['stats']> {
    return { ...this.sender.stats };
  }

  /** Called with every report, in the order reports arrive. */
  onDelivery(listener: DeliveryListener): void {
    this.listeners.push(listener);
  }

  send(message: ProducerMessage): Promise<DeliveryReport> {
    if (this.closed) return Promise.resolve({ status: 'failed', topic: message.topic, partition: message.partition ?? null, error: 'PRODUCER_CLOSED', message: 'the producer is closed' });
    return new Promise((resolve) => {
      const report = (r: DeliveryReport): void => {
        for (const l of this.listeners) l(r, message);
        resolve(r);
      };
      if (this.waitingAppends === 0 && this.partitionCounts.has(message.topic)) {
        this.append(message, report);
        return;
      }
      this.waitingAppends++;
      this.appendChain = this.appendChain.then(async () => {
        try {
          if (!this.partitionCounts.has(message.topic)) {
            // Metadata may take a moment (a topic being created, a broker restarting); max.block.ms in Kafka.
            const t = await this.client.withRetries(() => this.client.topic(message.topic), { topics: [message.topic] });
            this.partitionCounts.set(message.topic, t.partitions.length);
          }
          this.append(message, report);
        } catch (e) {
          const err = e as Error;
          report({ status: 'failed', topic: message.topic, partition: message.partition ?? null, error: err.name, message: err.message });
        } finally {
          this.waitingAppends--;
        }
      });
    });
  }

  /** Sends everything queued now, without waiting for linger, and resolves when all have reports. */
  async flush(): Promise<void> {
    await this.appendChain;
    this.accumulator.beginFlush();
    try {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        this.sender.wakeup(0);
        this.notifyIdle();
      });
    } finally {
      this.accumulator.endFlush();
    }
  }

  /** Flushes, then stops the sender. The client stays open (it belongs to the caller). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.sender.close();
  }

  private append(message: ProducerMessage, report: (r: DeliveryReport) => void): void {
    // The client's cache moves with every refresh (the sender's after errors), so added partitions are seen.
    const count = Math.max(this.partitionCounts.get(message.topic)!, this.client.cachedMetadata?.topics.get(message.topic)?.partitions.length ?? 0);
    let partition = -1;
    if (message.partition !== undefined) {
      if (!Number.isInteger(message.partition) || message.partition < 0 || message.partition >= count) {
        report({ status: 'failed', topic: message.topic, partition: message.partition, error: 'UNKNOWN_TOPIC_OR_PARTITION', message: `partition ${message.partition} does not exist: the topic has ${count}` });
        return;
      }
      partition = message.partition;
    } else if (message.key !== undefined && message.key !== null) {
      partition = partitionForKey(typeof message.key === 'string' ? Buffer.from(message.key, 'utf8') : message.key, count);
    }
    const record: RecordInput = { key: message.key ?? null, value: message.value, headers: message.headers, timestamp: message.timestamp ?? Date.now() };
    const size = estimateRecordSize(record);
    if (message.partition === undefined && (message.key === undefined || message.key === null)) partition = this.stickyPartition(message.topic, count, size);
    this.accumulator.append(message.topic, partition, record, size, Date.now(), report);
    this.sender.wakeup(this.config.lingerMs === 0 ? 0 : this.config.lingerMs);
  }

  /**
   * KIP-480's sticky partitioner, as BuiltInPartitioner does it: keyless records stay on one
   * partition until batch.size bytes went there, then move to another at random.
   */
  private stickyPartition(topic: string, count: number, size: number): number {
    let s = this.sticky.get(topic);
    if (!s || s.partition >= count || s.produced >= this.config.batchSize) {
      let partition = Math.floor(Math.random() * count);
      if (count > 1 && s && partition === s.partition) partition = (partition + 1 + Math.floor(Math.random() * (count - 1))) % count;
      s = { partition, produced: 0 };
      this.sticky.set(topic, s);
    }
    s.produced += size;
    return s.partition;
  }

  private notifyIdle(): void {
    if (this.waitingAppends > 0 || !this.accumulator.isEmpty || this.sender.inFlightRequests > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
