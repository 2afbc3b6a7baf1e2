// ListOffsets (key 2), v0-9. Special timestamps: -1 latest (the high watermark for consumers;
// the last stable offset for read_committed, v2+), -2 earliest,
// -3 the record with the largest timestamp (v7+), -4 earliest local (v8+), -5 latest tiered (v9,
// no tiered storage here: -1). v0 answers with the old-style offsets list.
import { ApiKey } from '../../protocol/api-keys';
import type { ListOffsetsResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import { StorageError } from '../../storage/storage-errors';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { ReplicaManager } from '../replica-manager';

type PartitionResponse = ListOffsetsResponseInput['topics'][number]['partitions'][number];

const LATEST = -1;
const EARLIEST = -2;
const MAX_TIMESTAMP = -3;
const EARLIEST_LOCAL = -4;
const LATEST_TIERED = -5;

export function listOffsetsHandler(replicaManager: ReplicaManager): ApiHandler<typeof ApiKey.ListOffsets> {
  return {
    apiKey: ApiKey.ListOffsets,
    minVersion: 0,
    maxVersion: 9,
    handle(context, request) {
      const version = context.header.apiVersion;
      const topics = request.topics.map((topic) => ({
        name: topic.name,
        partitions: topic.partitions.map((p): PartitionResponse => {
          const fail = (error: KafkaErrorName): PartitionResponse => ({
            partitionIndex: p.partitionIndex,
            errorCode: codeOf(error),
            oldStyleOffsets: [],
            timestamp: -1n,
            offset: -1n,
            leaderEpoch: -1,
          });
          const partition = replicaManager.getPartition(topic.name, p.partitionIndex);
          if (!partition) return fail(replicaManager.hasTopic(topic.name) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
          if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < partition.leaderEpoch) return fail('FENCED_LEADER_EPOCH');
          if (p.currentLeaderEpoch > partition.leaderEpoch) return fail('UNKNOWN_LEADER_EPOCH');
          if (!partition.isLeader) return fail('NOT_LEADER_OR_FOLLOWER');
          const log = partition.log;
          const timestamp = Number(p.timestamp);
          // read_committed (v2+) sees nothing at or past the last stable offset.
          const visibleEnd = version >= 2 && request.isolationLevel === 1 ? log.lastStableOffset : log.highWatermark;
          const found = (offset: number, ts: number, epoch: number | undefined): PartitionResponse => ({
            partitionIndex: p.partitionIndex,
            errorCode: ErrorCode.NONE,
            oldStyleOffsets: version === 0 ? [BigInt(offset)] : [],
            timestamp: BigInt(ts),
            offset: BigInt(offset),
            leaderEpoch: epoch ?? -1,
          });
          try {
            // KIP-207: a new leader cannot vouch for the end of the log until its high watermark
            // reaches the start of its epoch; clients retry on OFFSET_NOT_AVAILABLE.
            if (timestamp === LATEST && log.highWatermark < partition.leaderEpochStartOffset) return fail('OFFSET_NOT_AVAILABLE');
            if (timestamp === LATEST) return found(visibleEnd, -1, partition.leaderEpoch);
            if (timestamp === EARLIEST || timestamp === EARLIEST_LOCAL) {
              return found(log.logStartOffset, -1, log.leaderEpochCache.epochForOffset(log.logStartOffset));
            }
            if (timestamp === LATEST_TIERED) return found(-1, -1, -1);
            if (timestamp < 0 && timestamp !== MAX_TIMESTAMP) return fail('INVALID_REQUEST');
            const hit = log.offsetForTimestamp(timestamp);
            // Consumers see nothing at or past the high watermark (the LSO for read_committed).
            if (!hit || hit.offset >= visibleEnd) return version === 0 ? { ...found(-1, -1, -1), oldStyleOffsets: [] } : found(-1, -1, -1);
            return found(hit.offset, hit.timestamp, hit.leaderEpoch);
          } catch (err) {
            return fail(err instanceof StorageError ? err.kafkaError : 'UNKNOWN_SERVER_ERROR');
          }
        }),
      }));
      return { throttleTimeMs: 0, topics };
    },
  };
}
