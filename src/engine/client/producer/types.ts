import type { CompressionCodecId, CompressionCodecName } from '../../protocol/compression/codec';
import type { RecordHeader } from '../../protocol/records-codec';

export type Acks = 0 | 1 | -1;

/** The producer's settings, named after the Java client's (`linger.ms` → lingerMs). */
export interface ProducerConfig {
  /** -1 (all in-sync replicas, the default with idempotence), 1 or 0. */
  acks?: Acks;
  /** Default true, as in Kafka 3.x; needs acks=-1 and maxInFlight ≤ 5. */
  idempotence?: boolean;
  compression?: CompressionCodecId | CompressionCodecName;
  /** How long a batch may wait for more records. Default 0 (Kafka 3.9). */
  lingerMs?: number;
  /** Bytes of records per batch. Default 16384. */
  batchSize?: number;
  /** Requests in flight per leader connection, at most 5 with idempotence. Default 5. */
  maxInFlight?: number;
  /** Default MAX_INT: delivery.timeout.ms bounds the retries. */
  retries?: number;
  /** First retry backoff; doubles up to retryBackoffMaxMs (KIP-580). Default 100 / 1000. */
  retryBackoffMs?: number;
  retryBackoffMaxMs?: number;
  /** From send() to the report. Default 120000. */
  deliveryTimeoutMs?: number;
  /** Per Produce request (also the broker's ack wait). Default 30000. */
  requestTimeoutMs?: number;
  /** Largest Produce request. Default 1048576. */
  maxRequestSize?: number;
}

/** One record to send; `partition` overrides the partitioner. */
export interface ProducerMessage {
  topic: string;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: RecordHeader[];
  partition?: number;
  timestamp?: number;
}

/**
 * What happened to one record. `acknowledged`: stored at `offset` (-1 when the broker did not say:
 * acks=0 never, a duplicate retry sometimes). `failed`: certainly not stored, with Kafka's error
 * name. `indeterminate`: may or may not be stored (the connection died or the time ran out after it
 * was sent).
 */
export type DeliveryReport =
  | { status: 'acknowledged'; topic: string; partition: number; offset: number; timestamp: number }
  | { status: 'failed'; topic: string; partition: number | null; error: string; message: string }
  | { status: 'indeterminate'; topic: string; partition: number | null; error: string; message: string };

export interface ProducerIdAndEpoch {
  producerId: bigint;
  epoch: number;
}
