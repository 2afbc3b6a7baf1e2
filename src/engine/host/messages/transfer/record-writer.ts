// Writes records for import and replay through the project's KafkaProducer with idempotence and
// acks=all: a retried batch is not written twice, and a record counts as written only when every
// in-sync replica has it. The first failed delivery stops the transfer with Kafka's error name.
import { KafkaProtocolError } from '../../../client/client-errors';
import type { KafkaClient } from '../../../client/kafka-client';
import { KafkaProducer, type DeliveryReport, type ProducerMessage } from '../../../client/producer/index';
import { ErrorCode } from '../../../protocol/errors';
import { ConsoleApiError } from '../../../../shared/console-errors';

/** Sends in flight at once: enough to fill batches, bounded so a long transfer keeps memory flat. */
const WINDOW = 2_000;

export class RecordWriter {
  private readonly producer: KafkaProducer;
  private pending: Array<Promise<DeliveryReport>> = [];
  private failure: DeliveryReport | null = null;
  written = 0;
  readonly byTopic: Record<string, number> = {};
  readonly byPartition: Record<string, number> = {};

  constructor(client: KafkaClient) {
    this.producer = new KafkaProducer(client, { idempotence: true, acks: -1, lingerMs: 5, batchSize: 256 * 1024 });
  }

  async send(message: ProducerMessage): Promise<void> {
    this.throwIfFailed();
    this.pending.push(
      this.producer.send(message).then((report) => {
        if (report.status === 'acknowledged') {
          this.written++;
          this.byTopic[report.topic] = (this.byTopic[report.topic] ?? 0) + 1;
          this.byPartition[String(report.partition)] = (this.byPartition[String(report.partition)] ?? 0) + 1;
        } else this.failure ??= report;
        return report;
      }),
    );
    if (this.pending.length >= WINDOW) await this.drain();
  }

  /** Waits for every report; throws the first failure. */
  async finish(): Promise<void> {
    await this.producer.flush();
    await this.drain();
    await this.producer.close();
    this.throwIfFailed();
  }

  /** Stops without waiting for more than what is in flight (after an error elsewhere). */
  async abort(): Promise<void> {
    await this.producer.close().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    await Promise.all(batch);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    const f = this.failure;
    if (!f || f.status === 'acknowledged') return;
    const why = `${f.status === 'indeterminate' ? 'may not have been written' : 'was not written'} after ${this.written} record${this.written === 1 ? '' : 's'}: ${f.message}`;
    const code = (ErrorCode as Record<string, number>)[f.error];
    if (code !== undefined) throw new KafkaProtocolError(code, `a record to '${f.topic}' ${why}`, { topic: f.topic, ...(f.partition !== null ? { partition: f.partition } : {}) });
    throw new ConsoleApiError(f.error, `a record to '${f.topic}' ${why}`, { written: this.written });
  }
}
