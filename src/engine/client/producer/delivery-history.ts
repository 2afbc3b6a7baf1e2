import type { DeliveryReport, ProducerMessage } from './types';

/** An acknowledged write, shaped as the history checker's AckedWrite (test/history/checker.ts). */
export interface AcknowledgedWrite {
  topic: string;
  partition: number;
  /** null when the broker did not say (a duplicate retry). */
  offset: number | null;
  key: Buffer | null;
  value: Buffer | null;
  producer: string;
  /** Send order within the producer. */
  seq: number;
}

/** A write that may or may not be stored, shaped as the checker's IndeterminateWrite. */
export interface UncertainWrite {
  topic: string;
  partition: number | null;
  key: Buffer | null;
  value: Buffer | null;
  producer: string;
  seq: number;
  error: string;
}

const bytes = (b: Buffer | string | null | undefined): Buffer | null => (b === null || b === undefined ? null : typeof b === 'string' ? Buffer.from(b, 'utf8') : b);

/**
 * A producer's history for the history checker: every send numbered in call order, and its report
 * filed as acknowledged, indeterminate or failed (failed writes are certainly not stored, so the
 * checker needs them only to explain a count).
 */
export class DeliveryHistory {
  readonly acknowledged: AcknowledgedWrite[] = [];
  readonly indeterminate: UncertainWrite[] = [];
  readonly failed: Array<UncertainWrite> = [];
  private nextSeq = 0;

  constructor(readonly producer: string) {}

  /** Numbers a send; call it in send order and give the number to `record`. */
  nextSequence(): number {
    return this.nextSeq++;
  }

  record(seq: number, message: ProducerMessage, report: DeliveryReport): void {
    const base = { topic: message.topic, key: bytes(message.key), value: bytes(message.value), producer: this.producer, seq };
    if (report.status === 'acknowledged') this.acknowledged.push({ ...base, partition: report.partition, offset: report.offset < 0 ? null : report.offset });
    else (report.status === 'indeterminate' ? this.indeterminate : this.failed).push({ ...base, partition: report.partition, error: report.error });
  }
}
