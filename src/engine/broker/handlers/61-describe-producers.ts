// DescribeProducers (key 61), v0: the active producers of partitions this broker leads, from
// their producer state (kafka-transactions.sh describe-producers, to find hanging transactions).
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeProducersResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { ReplicaManager } from '../replica-manager';

type PartitionResponse = DescribeProducersResponseInput['topics'][number]['partitions'][number];

export function describeProducersHandler(replicaManager: ReplicaManager): ApiHandler<typeof ApiKey.DescribeProducers> {
  return {
    apiKey: ApiKey.DescribeProducers,
    minVersion: 0,
    maxVersion: 0,
    handle(_context, request): DescribeProducersResponseInput {
      const topics = request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex): PartitionResponse => {
          const fail = (errorCode: number, errorMessage: string): PartitionResponse => ({ partitionIndex, errorCode, errorMessage, activeProducers: [] });
          const partition = replicaManager.getPartition(t.name, partitionIndex);
          if (!partition) {
            return replicaManager.hasTopic(t.name)
              ? fail(ErrorCode.NOT_LEADER_OR_FOLLOWER, `Broker ${replicaManager.nodeId} is not a replica of ${t.name}-${partitionIndex}`)
              : fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
          }
          if (!partition.isLeader) return fail(ErrorCode.NOT_LEADER_OR_FOLLOWER, `Broker ${replicaManager.nodeId} is not the leader of ${partition.key}`);
          const activeProducers = [...partition.log.producerStateManager.activeProducers.values()].map((e) => ({
            producerId: e.producerId,
            producerEpoch: e.producerEpoch,
            lastSequence: e.lastSeq,
            lastTimestamp: BigInt(e.lastTimestamp),
            coordinatorEpoch: e.coordinatorEpoch,
            currentTxnStartOffset: BigInt(e.currentTxnFirstOffset),
          }));
          return { partitionIndex, errorCode: ErrorCode.NONE, errorMessage: null, activeProducers };
        }),
      }));
      return { throttleTimeMs: 0, topics };
    },
  };
}
