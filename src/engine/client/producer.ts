import { ApiKey } from '../protocol/api-keys';
import { compressionCodecFromName, CompressionCodec, type CompressionCodecId, type CompressionCodecName } from '../protocol/compression/codec';
import { buildRecordBatch } from '../protocol/record-batch-builder';
import type { RecordInput } from '../protocol/records-codec';
import { ErrorCode } from '../protocol/errors';
import { KafkaProtocolError } from './client-errors';
import type { KafkaClient } from './kafka-client';
import { partitionForKey } from './partitioner';
import { isMetadataRefreshCode } from './retry';

export type Acks = 0 | 1 | -1;

/** One record to produce; `partition` overrides the partitioner. */
export interface ProducerRecord extends RecordInput {
  partition?: number;
}

export interface ProduceOptions {
  /** -1 (all in-sync replicas, the default), 1 (leader only) or 0 (no response). */
  acks?: Acks;
  compression?: CompressionCodecId | CompressionCodecName;
  /** How long the leader may wait for in-sync replicas (acks=-1). Default 30 s. */
  timeoutMs?: number;
  /** Ask the server to create a missing topic (only if it allows auto-creation). Default false. */
  allowAutoTopicCreation?: boolean;
}

export interface ProducedBatch {
  topic: string;
  partition: number;
  /** Offset of the batch's first record; -1 with acks=0, where the broker says nothing. */
  baseOffset: number;
  recordCount: number;
  /** The broker's append time for LogAppendTime topics, else -1. */
  logAppendTime: number;
  /** -1 when the server's Produce version does not report it. */
  logStartOffset: number;
}

/**
 * Produces records without idempotence: each call writes one batch per partition, sends one
 * request per leader, and retries only what the leader certainly did not append (routing
 * errors). A lost connection after the request went out is reported, never resent: the write is
 * then indeterminate.
 */
export class Producer {
  private stickyCounter = Math.floor(Math.random() * 0x7fffffff);

  constructor(private readonly client: KafkaClient) {}

  async send(topic: string, records: readonly ProducerRecord[], options: ProduceOptions = {}): Promise<ProducedBatch[]> {
    if (records.length === 0) return [];
    const acks = options.acks ?? -1;
    if (acks !== 0 && acks !== 1 && acks !== -1) throw new RangeError(`acks must be 0, 1 or -1, got ${String(acks)}`);
    const codec = resolveCodec(options.compression);
    const meta = await this.client.topic(topic, { allowAutoTopicCreation: options.allowAutoTopicCreation });
    const byPartition = this.assign(records, meta.partitions.map((p) => p.partition), meta.partitions.filter((p) => p.leaderId >= 0).map((p) => p.partition));

    const pending = new Map<number, { batch: Buffer; count: number }>();
    for (const [partition, recs] of byPartition) {
      pending.set(partition, { batch: await buildRecordBatch(recs, { compression: codec }), count: recs.length });
    }
    const results: ProducedBatch[] = [];
    await this.client.withRetries(
      async () => {
        const byLeader = new Map<number, number[]>();
        for (const partition of pending.keys()) {
          const p = await this.client.partition(topic, partition);
          if (p.leaderId < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, null, { topic, partition });
          byLeader.set(p.leaderId, [...(byLeader.get(p.leaderId) ?? []), partition]);
        }
        const retriable: KafkaProtocolError[] = [];
        await Promise.all(
          [...byLeader].map(async ([leader, partitions]) => {
            const done = await this.produceTo(leader, topic, partitions, pending, acks, options.timeoutMs ?? 30_000);
            for (const r of done) {
              if (r instanceof KafkaProtocolError) {
                retriable.push(r);
                continue;
              }
              results.push(r);
              pending.delete(r.partition);
            }
          }),
        );
        if (retriable.length > 0) throw retriable[0];
      },
      { topics: [topic] },
    );
    return results.sort((a, b) => a.partition - b.partition);
  }

  /** One Produce request to one leader; routing errors come back as values so only they are retried. */
  private async produceTo(
    leader: number,
    topic: string,
    partitions: number[],
    pending: Map<number, { batch: Buffer; count: number }>,
    acks: Acks,
    timeoutMs: number,
  ): Promise<Array<ProducedBatch | KafkaProtocolError>> {
    const conn = await this.client.broker(leader);
    const body = {
      transactionalId: null,
      acks,
      timeoutMs,
      topicData: [{ name: topic, partitionData: partitions.map((index) => ({ index, records: pending.get(index)!.batch })) }],
    };
    // Record batch v2 needs Produce v3+.
    const version = conn.pickVersion(ApiKey.Produce, 3, 11);
    if (acks === 0) {
      await conn.send(ApiKey.Produce, version, body, { expectResponse: false });
      return partitions.map((partition) => ({ topic, partition, baseOffset: -1, recordCount: pending.get(partition)!.count, logAppendTime: -1, logStartOffset: -1 }));
    }
    const response = await conn.send(ApiKey.Produce, version, body, { timeoutMs: timeoutMs + conn.requestTimeoutMs });
    const out: Array<ProducedBatch | KafkaProtocolError> = [];
    for (const t of response.responses) {
      for (const p of t.partitionResponses) {
        if (!pending.has(p.index)) continue;
        if (p.errorCode !== 0) {
          const recordErrors = p.recordErrors.map((e) => `record ${e.batchIndex}: ${e.batchIndexErrorMessage ?? ''}`).join('; ');
          const err = new KafkaProtocolError(p.errorCode, p.errorMessage ?? (recordErrors || null), { topic, partition: p.index, broker: conn.label });
          if (!isMetadataRefreshCode(p.errorCode)) throw err;
          out.push(err);
          continue;
        }
        out.push({
          topic,
          partition: p.index,
          baseOffset: Number(p.baseOffset),
          recordCount: pending.get(p.index)!.count,
          logAppendTime: Number(p.logAppendTimeMs),
          logStartOffset: Number(p.logStartOffset),
        });
      }
    }
    const answered = new Set(out.map((r) => (r instanceof KafkaProtocolError ? r.context.partition : r.partition)));
    for (const partition of partitions) {
      if (!answered.has(partition)) {
        throw new KafkaProtocolError(ErrorCode.UNKNOWN_SERVER_ERROR, `${conn.label} sent no result for ${topic}-${partition}`, { topic, partition });
      }
    }
    return out;
  }

  /**
   * Explicit partition first, then murmur2 of the key; keyless records of one call stick to one
   * partition with a leader, as Kafka's sticky partitioner fills one batch at a time.
   */
  private assign(records: readonly ProducerRecord[], all: number[], withLeader: number[]): Map<number, RecordInput[]> {
    const count = all.length;
    const candidates = withLeader.length > 0 ? withLeader : all;
    const sticky = candidates[this.stickyCounter++ % candidates.length];
    const out = new Map<number, RecordInput[]>();
    for (const r of records) {
      let partition: number;
      if (r.partition !== undefined) {
        if (!Number.isInteger(r.partition) || r.partition < 0 || r.partition >= count) {
          throw new RangeError(`partition ${r.partition} does not exist: the topic has ${count} partitions`);
        }
        partition = r.partition;
      } else if (r.key !== undefined && r.key !== null) {
        partition = partitionForKey(typeof r.key === 'string' ? Buffer.from(r.key, 'utf8') : r.key, count);
      } else {
        partition = sticky;
      }
      const { partition: _ignored, ...record } = r;
      const list = out.get(partition);
      if (list) list.push(record);
      else out.set(partition, [record]);
    }
    return out;
  }
}

function resolveCodec(c: CompressionCodecId | CompressionCodecName | undefined): CompressionCodecId {
  if (c === undefined) return CompressionCodec.NONE;
  if (typeof c === 'number') return c;
  const id = compressionCodecFromName(c);
  if (id === undefined) throw new RangeError(`unknown compression "${c}": use none, gzip, snappy, lz4 or zstd`);
  return id;
}
