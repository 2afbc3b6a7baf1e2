// ElectLeaders (key 43), v0-2 (KIP-460; v0 is always PREFERRED), served by the controller (brokers
// forward it): PREFERRED moves leadership to the first replica when it is live and in the ISR;
// UNCLEAN elects a live replica for a leaderless partition even outside the ISR. A partition that
// needs nothing answers ELECTION_NOT_NEEDED; null topics means every partition, listing only those
// where an election was needed.
import { ApiKey } from '../../protocol/api-keys';
import type { ElectLeadersResponseInput } from '../../protocol/apis';
import { errorByName } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';
import { codeOf } from '../kafka-error';

type TopicResult = ElectLeadersResponseInput['replicaElectionResults'][number];

const PREFERRED = 0;
const UNCLEAN = 1;

export function electLeadersHandler(controller: Pick<ControllerOperations, 'electLeaders'>): ApiHandler<typeof ApiKey.ElectLeaders> {
  return {
    apiKey: ApiKey.ElectLeaders,
    minVersion: 0,
    maxVersion: 2,
    async handle(context, request) {
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
      const { topics, results } = await controller.electLeaders(
        electionType === PREFERRED ? 'PREFERRED' : 'UNCLEAN',
        request.topicPartitions === null ? null : request.topicPartitions.map((t) => ({ topic: t.topic, partitions: [...t.partitions] })),
      );
      const byTopic = new Map<string, TopicResult>(topics.map((topic) => [topic, { topic, partitionResult: [] }]));
      for (const r of results) {
        let topic = byTopic.get(r.topic);
        if (!topic) byTopic.set(r.topic, (topic = { topic: r.topic, partitionResult: [] }));
        topic.partitionResult.push({
          partitionId: r.partitionId,
          errorCode: codeOf(r.errorCode),
          errorMessage: r.errorCode === 'NONE' ? null : (r.errorMessage ?? errorByName(r.errorCode)?.message ?? null),
        });
      }
      return { throttleTimeMs: 0, errorCode: 0, replicaElectionResults: [...byTopic.values()] };
    },
  };
}
