import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import { ProtocolError } from '../protocol/protocol-error';
import type { BrokerConnection } from './broker-connection';
import { KafkaProtocolError, UnsupportedApiError } from './client-errors';
import type { KafkaClient } from './kafka-client';
import { isMetadataRefreshCode } from './retry';

/** Which offset to look up: the log start, the log end (high watermark), or the first at/after a time. */
export type OffsetSpec = 'earliest' | 'latest' | 'max-timestamp' | { timestamp: number };

export type IsolationLevel = 'read_uncommitted' | 'read_committed';

export interface OffsetQuery {
  topic: string;
  partition: number;
  spec: OffsetSpec;
}

export interface ListedOffset {
  topic: string;
  partition: number;
  /** -1 for a timestamp query no record reaches. */
  offset: number;
  /** The record's timestamp for timestamp queries, else -1. */
  timestamp: number;
  leaderEpoch: number;
}

/** Connections whose ListOffsets answers did not decode at v4+ (a leader epoch in another layout). */
const LEADER_EPOCH_CAPPED = new WeakMap<BrokerConnection, number>();

/** Kafka's ListOffsetsRequest sentinels. */
const EARLIEST_TIMESTAMP = -2n;
const LATEST_TIMESTAMP = -1n;
const MAX_TIMESTAMP = -3n;

function specTimestamp(spec: OffsetSpec): bigint {
  if (spec === 'earliest') return EARLIEST_TIMESTAMP;
  if (spec === 'latest') return LATEST_TIMESTAMP;
  if (spec === 'max-timestamp') return MAX_TIMESTAMP;
  if (!Number.isSafeInteger(spec.timestamp) || spec.timestamp < 0) throw new RangeError(`timestamp must be a non-negative integer, got ${spec.timestamp}`);
  return BigInt(spec.timestamp);
}

/** OFFSET_NOT_AVAILABLE is retriable too: a new leader answers it until its high watermark catches up. */
function isRetriableOffsetCode(code: number): boolean {
  return isMetadataRefreshCode(code) || code === ErrorCode.OFFSET_NOT_AVAILABLE;
}

/**
 * ListOffsets for any number of partitions: one request per leader, routing errors retried after
 * a metadata refresh. Results come back in the order of `queries`.
 */
export async function listOffsets(client: KafkaClient, queries: readonly OffsetQuery[], isolation: IsolationLevel = 'read_uncommitted'): Promise<ListedOffset[]> {
  // A request may name a partition once (Kafka answers INVALID_REQUEST to duplicates), so several
  // questions about one partition go out in separate rounds.
  const rounds: Array<Array<{ index: number; query: OffsetQuery }>> = [];
  const seen = new Map<string, number>();
  queries.forEach((query, index) => {
    const k = `${query.partition}:${query.topic}`;
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (rounds[round] ??= []).push({ index, query });
  });
  const out: ListedOffset[] = new Array(queries.length);
  await Promise.all(
    rounds.map(async (round) => {
      const results = await listDistinctOffsets(client, round.map((r) => r.query), isolation);
      round.forEach((r, i) => (out[r.index] = results[i]));
    }),
  );
  return out;
}

async function listDistinctOffsets(client: KafkaClient, queries: readonly OffsetQuery[], isolation: IsolationLevel): Promise<ListedOffset[]> {
  const key = (topic: string, partition: number) => `${partition}:${topic}`;
  const results = new Map<string, ListedOffset>();
  const pending = new Map(queries.map((q) => [key(q.topic, q.partition), { ...q, ts: specTimestamp(q.spec) }]));
  const topics = [...new Set(queries.map((q) => q.topic))];
  await client.withRetries(
    async () => {
      const byLeader = new Map<number, Array<{ topic: string; partition: number; ts: bigint; epoch: number }>>();
      for (const q of pending.values()) {
        const p = await client.partition(q.topic, q.partition);
        if (p.leaderId < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, null, { topic: q.topic, partition: q.partition });
        byLeader.set(p.leaderId, [...(byLeader.get(p.leaderId) ?? []), { ...q, epoch: p.leaderEpoch }]);
      }
      let retry: KafkaProtocolError | null = null;
      await Promise.all(
        [...byLeader].map(async ([leader, list]) => {
          const conn = await client.broker(leader);
          const version = conn.pickVersion(ApiKey.ListOffsets, 1, LEADER_EPOCH_CAPPED.get(conn) ?? 9);
          if (version < 7 && list.some((q) => q.ts === MAX_TIMESTAMP)) {
            throw new UnsupportedApiError(ApiKey.ListOffsets, 'the max-timestamp lookup needs ListOffsets v7');
          }
          const byTopic = new Map<string, typeof list>();
          for (const q of list) byTopic.set(q.topic, [...(byTopic.get(q.topic) ?? []), q]);
          const body = {
            replicaId: -1,
            isolationLevel: isolation === 'read_committed' ? 1 : 0,
            topics: [...byTopic].map(([name, ps]) => ({
              name,
              partitions: ps.map((q) => ({ partitionIndex: q.partition, currentLeaderEpoch: q.epoch, timestamp: q.ts })),
            })),
          };
          const response = await conn.send(ApiKey.ListOffsets, version, body, { exact: true }).catch((err: unknown) => {
            if (!(err instanceof ProtocolError) || version < 4) throw err;
            // librdkafka's mock cluster (2.0.x) advertises ListOffsets v5 but writes each partition's
            // LeaderEpoch as an int64; the answer then misreads after its first partition. v3 has no
            // leader epoch: this connection asks at v3 from now on (docs/decisions.md).
            LEADER_EPOCH_CAPPED.set(conn, 3);
            return conn.send(ApiKey.ListOffsets, Math.max(1, Math.min(3, version)), body, { exact: true });
          });
          for (const t of response.topics) {
            for (const p of t.partitions) {
              const k = key(t.name, p.partitionIndex);
              if (!pending.has(k)) continue;
              if (p.errorCode !== 0) {
                const err = new KafkaProtocolError(p.errorCode, null, { topic: t.name, partition: p.partitionIndex, broker: conn.label });
                if (!isRetriableOffsetCode(p.errorCode)) throw err;
                retry = err;
                continue;
              }
              results.set(k, { topic: t.name, partition: p.partitionIndex, offset: Number(p.offset), timestamp: Number(p.timestamp), leaderEpoch: p.leaderEpoch });
              pending.delete(k);
            }
          }
        }),
      );
      if (retry) throw retry;
      if (pending.size > 0) {
        const [first] = pending.values();
        throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'the leader sent no result', { topic: first.topic, partition: first.partition });
      }
    },
    { topics, idempotent: true, retryIf: (e) => e instanceof KafkaProtocolError && e.code === ErrorCode.OFFSET_NOT_AVAILABLE },
  );
  return queries.map((q) => results.get(key(q.topic, q.partition))!);
}
