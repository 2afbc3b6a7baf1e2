/**
 * Partition sizes on disk, from DescribeLogDirs sent to each broker (all its log dirs, all
 * topics): the only place the protocol tells bytes, which the history turns into produce bytes/s.
 * A broker that does not answer (down, or without the API) leaves its replicas out.
 */
import { ApiKey } from '../protocol/api-keys';
import type { KafkaClient } from './kafka-client';

export interface ReplicaSize {
  topic: string;
  partition: number;
  brokerId: number;
  bytes: number;
}

export async function replicaSizes(client: KafkaClient, brokerIds: readonly number[]): Promise<ReplicaSize[]> {
  const out: ReplicaSize[] = [];
  await Promise.all(
    brokerIds.map(async (brokerId) => {
      try {
        const { response } = await client.send(brokerId, ApiKey.DescribeLogDirs, null, () => ({ topics: null }));
        for (const dir of response.results) {
          if (dir.errorCode !== 0) continue;
          for (const t of dir.topics) {
            for (const p of t.partitions) if (!p.isFutureKey) out.push({ topic: t.name, partition: p.partitionIndex, brokerId, bytes: Number(p.partitionSize) });
          }
        }
      } catch {
        // Sizes are a nice-to-have of the sampler: a broker that cannot tell them costs only bytes/s.
      }
    }),
  );
  return out;
}
