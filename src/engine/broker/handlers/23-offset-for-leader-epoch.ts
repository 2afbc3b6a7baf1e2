// OffsetForLeaderEpoch (key 23), v0-4: the end offset of a leader epoch on this partition's leader
// (the start of the next epoch, or the log end for the current one), which a client uses to detect
// log truncation after a failover (KIP-101/320). v2+ checks the caller's current leader epoch.
import { ApiKey } from '../../protocol/api-keys';
import type { OffsetForLeaderEpochResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { ReplicaManager } from '../replica-manager';

type PartitionResult = OffsetForLeaderEpochResponseInput['topics'][number]['partitions'][number];

export function offsetForLeaderEpochHandler(replicaManager: ReplicaManager): ApiHandler<typeof ApiKey.OffsetForLeaderEpoch> {
  return {
    apiKey: ApiKey.OffsetForLeaderEpoch,
    minVersion: 0,
    maxVersion: 4,
    handle(_context, request) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((topic) => ({
          topic: topic.topic,
          partitions: topic.partitions.map((p): PartitionResult => {
            const fail = (error: KafkaErrorName): PartitionResult => ({ errorCode: codeOf(error), partition: p.partition, leaderEpoch: -1, endOffset: -1n });
            const partition = replicaManager.getPartition(topic.topic, p.partition);
            if (!partition) return fail(replicaManager.hasTopic(topic.topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
            if (p.currentLeaderEpoch >= 0 && p.currentLeaderEpoch < partition.leaderEpoch) return fail('FENCED_LEADER_EPOCH');
            if (p.currentLeaderEpoch > partition.leaderEpoch) return fail('UNKNOWN_LEADER_EPOCH');
            // Kafka answers from the leader only (fetchOnlyFromLeader), for clients and followers alike.
            if (!partition.isLeader) return fail('NOT_LEADER_OR_FOLLOWER');
            const end = partition.log.endOffsetForEpoch(p.leaderEpoch);
            return { errorCode: 0, partition: p.partition, leaderEpoch: end.leaderEpoch, endOffset: BigInt(end.endOffset) };
          }),
        })),
      };
    },
  };
}
