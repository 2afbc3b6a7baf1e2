// DescribeLogDirs (key 35), v0-4: this broker's one log folder (DATA/broker-<id>) with the size of
// each partition's log, an offset lag of 0 (no future replicas moving between folders) and, v4,
// the file system's total and usable bytes. topics null means every partition; as Kafka, every
// topic in the folder is listed, with only the partitions asked for.
import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeLogDirsResponseInput } from '../../protocol/apis';
import type { PartitionLog } from '../../storage/partition-log';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf } from '../kafka-error';

type DirResult = DescribeLogDirsResponseInput['results'][number];

export interface DescribeLogDirsDeps {
  logDir: string;
  logs(): Iterable<PartitionLog>;
  /** Whether the replica manager holds the partition; a log it does not know has lag -1, as in Kafka. */
  hasPartition(topic: string, partition: number): boolean;
}

/** Kafka's DescribeLogDirsResponse.INVALID_OFFSET_LAG. */
const INVALID_OFFSET_LAG = -1n;

export function describeLogDirsHandler(deps: DescribeLogDirsDeps): ApiHandler<typeof ApiKey.DescribeLogDirs> {
  return {
    apiKey: ApiKey.DescribeLogDirs,
    minVersion: 0,
    maxVersion: 4,
    handle(_context, request) {
      const wanted = request.topics === null ? null : new Set(request.topics.flatMap((t) => t.partitions.map((p) => `${t.topic}\u0000${p}`)));
      const logDir = resolve(deps.logDir);
      let space: { total: bigint; usable: bigint };
      try {
        const stats = statfsSync(logDir, { bigint: true });
        space = { total: stats.blocks * stats.bsize, usable: stats.bavail * stats.bsize };
      } catch {
        const failed: DirResult = { errorCode: codeOf('KAFKA_STORAGE_ERROR'), logDir, topics: [], totalBytes: -1n, usableBytes: -1n };
        return { throttleTimeMs: 0, errorCode: 0, results: [failed] };
      }
      const byTopic = new Map<string, DirResult['topics'][number]>();
      for (const log of deps.logs()) {
        const { topic, partition } = log.topicPartition;
        let entry = byTopic.get(topic);
        if (!entry) {
          entry = { name: topic, partitions: [] };
          byTopic.set(topic, entry);
        }
        if (wanted && !wanted.has(`${topic}\u0000${partition}`)) continue;
        entry.partitions.push({
          partitionIndex: partition,
          partitionSize: BigInt(log.sizeInBytes),
          offsetLag: deps.hasPartition(topic, partition) ? 0n : INVALID_OFFSET_LAG,
          isFutureKey: false,
        });
      }
      const topics = [...byTopic.values()].sort((a, b) => a.name.localeCompare(b.name));
      for (const t of topics) t.partitions.sort((a, b) => a.partitionIndex - b.partitionIndex);
      const result: DirResult = { errorCode: 0, logDir, topics, totalBytes: space.total, usableBytes: space.usable };
      return { throttleTimeMs: 0, errorCode: 0, results: [result] };
    },
  };
}
