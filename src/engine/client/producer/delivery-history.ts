import type { AcknowledgedWrite, IndeterminateWrite } from '../../history/types';
import type { DeliveryReport, ProducerMessage } from './types';

export type { AcknowledgedWrite } from '../../history/types';
/** A write that may or may not be stored. */
export type UncertainWrite = IndeterminateWrite;

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
