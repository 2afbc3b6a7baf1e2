// A producer workload: the project's KafkaProducer sending at a steady rate (a token bucket ticked
// every 50 ms), keys from the chosen distribution, values "<id>:<seq>" padded to the chosen size so
// every record is unique for the history checker. Every delivery report is a history entry.
import type { ProducerStatus, ProducerWorkloadSpec, WorkloadSendEntry } from '../../shared/workload-types';
import { KafkaClient } from '../client/kafka-client';
import { KafkaProducer } from '../client/producer/index';
import type { DeliveryReport } from '../client/producer/types';
import type { HistoryLog } from './history-log';
import { workloadValueBytes } from '../history/workload-history';
import { KeyGenerator } from './key-generator';
import { RateMeter } from './rate-meter';

const TICK_MS = 50;
/** Sends waiting for a report beyond which the producer stops adding (a stalled cluster must not fill memory). */
const MAX_PENDING = 20_000;

export function workloadValue(id: string, sendSeq: number, valueBytes: number): { value: Buffer; valueId: string } {
  const valueId = `${id}:${sendSeq}`;
  return { value: workloadValueBytes(valueId, valueBytes), valueId };
}

export class ProducerWorkload {
  private client: KafkaClient | null = null;
  private producer: KafkaProducer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private credit = 0;
  private lastTick = 0;
  private sendSeq = 0;
  private partitions = 0;
  private readonly keys: KeyGenerator;
  private readonly acked = new RateMeter();
  private readonly stats = { sent: 0, acknowledged: 0, failed: 0, indeterminate: 0 };
  private lastError: string | null = null;
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly id: string,
    private readonly spec: ProducerWorkloadSpec,
    private readonly bootstrap: string,
    private readonly history: HistoryLog<WorkloadSendEntry>,
    private readonly onDone: () => void,
  ) {
    this.keys = new KeyGenerator(spec.keySpace, spec.keyDistribution, hashSeed(id));
  }

  async start(): Promise<void> {
    this.client = new KafkaClient({ bootstrap: this.bootstrap, clientId: `workload-${this.id}`, retries: 10, retryBackoffMs: 200 });
    const topic = await this.client.withRetries(() => this.client!.topic(this.spec.topic), { topics: [this.spec.topic] });
    this.partitions = topic.partitions.length;
    this.producer = new KafkaProducer(this.client, {
      acks: this.spec.acks,
      idempotence: this.spec.idempotence,
      compression: this.spec.compression,
      lingerMs: 5,
      deliveryTimeoutMs: 30_000,
      requestTimeoutMs: 10_000,
    });
    this.lastTick = Date.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    const now = Date.now();
    this.credit = Math.min(this.credit + ((now - this.lastTick) / 1000) * this.spec.ratePerSec, Math.max(1, this.spec.ratePerSec));
    this.lastTick = now;
    while (this.credit >= 1 && this.inFlight.size < MAX_PENDING) {
      if (this.spec.maxRecords !== undefined && this.sendSeq >= this.spec.maxRecords) {
        this.finish();
        return;
      }
      this.credit -= 1;
      this.sendOne();
    }
  }

  private sendOne(): void {
    const producer = this.producer!;
    const sendSeq = this.sendSeq++;
    const key = this.keys.nextKey();
    const { value, valueId } = workloadValue(this.id, sendSeq, this.spec.valueBytes);
    const partition = this.spec.partitioner === 'round-robin' && this.partitions > 0 ? sendSeq % this.partitions : undefined;
    this.stats.sent++;
    const p = producer.send({ topic: this.spec.topic, key, value, partition }).then((r) => this.record(r, sendSeq, key, valueId));
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private record(r: DeliveryReport, sendSeq: number, key: string | null, valueId: string): void {
    if (r.status === 'acknowledged') {
      this.stats.acknowledged++;
      this.acked.mark();
    } else {
      if (r.status === 'failed') this.stats.failed++;
      else this.stats.indeterminate++;
      this.lastError = `${r.error}: ${r.message}`;
    }
    this.history.append({
      at: Date.now(),
      status: r.status,
      topic: r.topic,
      partition: r.partition,
      offset: r.status === 'acknowledged' && r.offset >= 0 ? r.offset : null,
      key,
      valueId,
      valueBytes: this.spec.valueBytes,
      sendSeq,
      error: r.status === 'acknowledged' ? null : r.error,
    });
  }

  private finish(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void Promise.all([...this.inFlight]).then(() => this.onDone());
  }

  status(): ProducerStatus {
    return { ...this.stats, ratePerSec: this.acked.perSecond(), pending: this.inFlight.size, lastError: this.lastError };
  }

  /** Stops sending, waits for every report (bounded by the delivery timeout), closes the producer. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.producer?.flush().catch(() => undefined);
    await Promise.all([...this.inFlight]);
    await this.producer?.close().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
    await this.history.flush();
  }
}

/** A stable seed from the workload id, so the same id draws the same keys. */
export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
