import { ApiKey } from '../protocol/api-keys';
import { throwIfError } from './client-errors';
import type { KafkaClient } from './kafka-client';

export interface ReplicaLogDir {
  broker: number;
  logDir: string;
  topic: string;
  partition: number;
  size: number;
  /** -1 when the broker does not know (Kafka's INVALID_OFFSET_LAG). */
  offsetLag: number;
  isFuture: boolean;
}

export interface LogDirsResult {
  replicas: ReplicaLogDir[];
  /** Brokers that did not answer, with the error: a broker down does not hide the others' replicas. */
  brokerErrors: Array<{ broker: number; error: unknown }>;
}

/**
 * DescribeLogDirs on every broker of the cluster for the partitions of `topics` (each broker only
 * knows its own folders, as Kafka's Admin.describeLogDirs asks each broker in turn).
 */
export async function describeLogDirs(client: KafkaClient, topics: ReadonlyArray<{ topic: string; partitions: number[] }>): Promise<LogDirsResult> {
  const meta = await client.refreshMetadata(topics.map((t) => t.topic));
  const replicas: ReplicaLogDir[] = [];
  const brokerErrors: LogDirsResult['brokerErrors'] = [];
  await Promise.all(
    meta.brokers.map(async (b) => {
      try {
        const { response, conn } = await client.send(b.nodeId, ApiKey.DescribeLogDirs, null, () => ({ topics: topics.map((t) => ({ topic: t.topic, partitions: t.partitions })) }));
        throwIfError(response.errorCode, null, { broker: conn.label });
        for (const dir of response.results) {
          throwIfError(dir.errorCode, null, { resource: `log folder ${dir.logDir}`, broker: conn.label });
          for (const t of dir.topics) {
            for (const p of t.partitions) {
              replicas.push({ broker: b.nodeId, logDir: dir.logDir, topic: t.name, partition: p.partitionIndex, size: Number(p.partitionSize), offsetLag: Number(p.offsetLag), isFuture: p.isFutureKey });
            }
          }
        }
      } catch (error) {
        brokerErrors.push({ broker: b.nodeId, error });
      }
    }),
  );
  replicas.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || a.broker - b.broker);
  return { replicas, brokerErrors: brokerErrors.sort((a, b) => a.broker - b.broker) };
}
