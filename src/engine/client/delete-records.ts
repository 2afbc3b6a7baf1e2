import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import { KafkaProtocolError } from './client-errors';
import type { KafkaClient } from './kafka-client';
import { isMetadataRefreshCode } from './retry';

export interface DeleteRecordsTarget {
  topic: string;
  partition: number;
  /** Records below this offset are deleted; -1 means up to the high watermark. */
  beforeOffset: number;
}

export interface DeletedRecords {
  topic: string;
  partition: number;
  /** The partition's new log start offset. */
  lowWatermark: number;
}

/** DeleteRecords through each partition's leader; routing errors retried after a metadata refresh. */
export async function deleteRecords(client: KafkaClient, targets: readonly DeleteRecordsTarget[], options: { timeoutMs?: number } = {}): Promise<DeletedRecords[]> {
  const key = (topic: string, partition: number) => `${partition}:${topic}`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pending = new Map(targets.map((t) => [key(t.topic, t.partition), t]));
  const done = new Map<string, DeletedRecords>();
  await client.withRetries(
    async () => {
      const byLeader = new Map<number, DeleteRecordsTarget[]>();
      for (const t of pending.values()) {
        const p = await client.partition(t.topic, t.partition);
        if (p.leaderId < 0) throw new KafkaProtocolError(ErrorCode.LEADER_NOT_AVAILABLE, null, { topic: t.topic, partition: t.partition });
        byLeader.set(p.leaderId, [...(byLeader.get(p.leaderId) ?? []), t]);
      }
      const retry: KafkaProtocolError[] = [];
      await Promise.all(
        [...byLeader].map(async ([leader, list]) => {
          const { response, conn } = await client.send(
            leader,
            ApiKey.DeleteRecords,
            null,
            () => {
              const byTopic = new Map<string, DeleteRecordsTarget[]>();
              for (const t of list) byTopic.set(t.topic, [...(byTopic.get(t.topic) ?? []), t]);
              return {
                topics: [...byTopic].map(([name, ps]) => ({ name, partitions: ps.map((p) => ({ partitionIndex: p.partition, offset: BigInt(p.beforeOffset) })) })),
                timeoutMs,
              };
            },
            { timeoutMs: timeoutMs + 30_000 },
          );
          for (const t of response.topics) {
            for (const p of t.partitions) {
              const k = key(t.name, p.partitionIndex);
              if (!pending.has(k)) continue;
              if (p.errorCode !== 0) {
                const err = new KafkaProtocolError(p.errorCode, null, { topic: t.name, partition: p.partitionIndex, broker: conn.label });
                if (!isMetadataRefreshCode(p.errorCode)) throw err;
                retry.push(err);
                continue;
              }
              done.set(k, { topic: t.name, partition: p.partitionIndex, lowWatermark: Number(p.lowWatermark) });
              pending.delete(k);
            }
          }
        }),
      );
      if (retry.length > 0) throw retry[0];
    },
    { topics: [...new Set(targets.map((t) => t.topic))] },
  );
  return targets.map((t) => done.get(key(t.topic, t.partition))!);
}
