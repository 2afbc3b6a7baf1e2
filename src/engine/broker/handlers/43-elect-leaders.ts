// ElectLeaders (key 43), v0-2 (KIP-460; v0 is always PREFERRED). Answered as Kafka's
// ReplicationControlManager.electLeaders decides from the metadata image: a partition led by its
// preferred replica (PREFERRED) or with any leader (UNCLEAN) answers ELECTION_NOT_NEEDED, an
// unknown one UNKNOWN_TOPIC_OR_PARTITION; null topics means every partition, listing only those
// where an election was needed. This controller does not move leaders on request yet: a partition
// that would need an election answers PREFERRED_LEADER_NOT_AVAILABLE or
// ELIGIBLE_LEADERS_NOT_AVAILABLE (with one broker that partition has no live replica anyway).
import { ApiKey } from '../../protocol/api-keys';
import type { ElectLeadersResponseInput } from '../../protocol/apis';
import { errorByName } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { MetadataCache } from '../metadata-cache';

type TopicResult = ElectLeadersResponseInput['replicaElectionResults'][number];
type PartitionResult = TopicResult['partitionResult'][number];

const PREFERRED = 0;
const UNCLEAN = 1;
const NO_LEADER = -1;

export function electLeadersHandler(metadata: MetadataCache): ApiHandler<typeof ApiKey.ElectLeaders> {
  return {
    apiKey: ApiKey.ElectLeaders,
    minVersion: 0,
    maxVersion: 2,
    handle(context, request) {
      const electionType = context.header.apiVersion === 0 ? PREFERRED : request.electionType;
      if (electionType !== PREFERRED && electionType !== UNCLEAN) {
        // The whole request fails (ElectLeadersRequest.getErrorResponse): every partition carries the error.
        const message = `Unknown election type ${electionType}`;
        return {
          throttleTimeMs: 0,
          errorCode: codeOf('INVALID_REQUEST'),
          replicaElectionResults: (request.topicPartitions ?? []).map((t) => ({
            topic: t.topic,
            partitionResult: t.partitions.map((partitionId) => ({ partitionId, errorCode: codeOf('INVALID_REQUEST'), errorMessage: message })),
          })),
        };
      }
      const elect = (topic: string, partitionId: number): PartitionResult => {
        const result = (error: KafkaErrorName, message?: string): PartitionResult => ({
          partitionId,
          errorCode: codeOf(error),
          errorMessage: error === 'NONE' ? null : (message ?? errorByName(error)?.message ?? null),
        });
        const image = metadata.topic(topic);
        if (!image) return result('UNKNOWN_TOPIC_OR_PARTITION', `No such topic as ${topic}`);
        const partition = image.partitions.get(partitionId);
        if (!partition) return result('UNKNOWN_TOPIC_OR_PARTITION', `No such partition as ${topic}-${partitionId}`);
        const preferred = partition.replicas[0] ?? NO_LEADER;
        if (electionType === PREFERRED && partition.leader === preferred) return result('ELECTION_NOT_NEEDED');
        if (electionType === UNCLEAN && partition.leader !== NO_LEADER) return result('ELECTION_NOT_NEEDED');
        return result(electionType === PREFERRED ? 'PREFERRED_LEADER_NOT_AVAILABLE' : 'ELIGIBLE_LEADERS_NOT_AVAILABLE');
      };
      let replicaElectionResults: TopicResult[];
      if (request.topicPartitions === null) {
        replicaElectionResults = [...metadata.image.topicsByName.values()].map((topic) => ({
          topic: topic.name,
          partitionResult: [...topic.partitions.keys()]
            .sort((a, b) => a - b)
            .map((id) => elect(topic.name, id))
            .filter((r) => r.errorCode !== codeOf('ELECTION_NOT_NEEDED')),
        }));
      } else {
        replicaElectionResults = request.topicPartitions.map((t) => ({ topic: t.topic, partitionResult: t.partitions.map((id) => elect(t.topic, id)) }));
      }
      return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults };
    },
  };
}
