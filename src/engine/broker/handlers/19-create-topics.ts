// CreateTopics (key 19), v0-7: forwarded to the controller (as a KRaft broker forwards it), which
// validates names, partitions, replication factor, assignments and configs with Kafka's errors.
// v5+ answers with the topic's partitions, replication factor and effective configs; v7 its id.
import { ApiKey } from '../../protocol/api-keys';
import type { CreateTopicsResponseInput } from '../../protocol/apis';
import type { CreatableTopic } from '../../controller/controller-results';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';
import { configSourceId } from '../config-source';
import { codeOf } from '../kafka-error';

export function createTopicsHandler(controller: ControllerOperations): ApiHandler<typeof ApiKey.CreateTopics> {
  return {
    apiKey: ApiKey.CreateTopics,
    minVersion: 0,
    maxVersion: 7,
    async handle(_context, request) {
      const topics: CreatableTopic[] = request.topics.map((t) => ({
        name: t.name,
        numPartitions: t.numPartitions,
        replicationFactor: t.replicationFactor,
        assignments: t.assignments.map((a) => ({ partitionIndex: a.partitionIndex, brokerIds: [...a.brokerIds] })),
        configs: t.configs.map((c) => ({ name: c.name, value: c.value })),
      }));
      const results = await controller.createTopics(topics, { validateOnly: request.validateOnly });
      const response: CreateTopicsResponseInput = {
        throttleTimeMs: 0,
        topics: results.map((r) => ({
          name: r.name,
          topicId: r.topicId,
          errorCode: codeOf(r.errorCode),
          errorMessage: r.errorMessage,
          numPartitions: r.numPartitions,
          replicationFactor: r.replicationFactor,
          configs: r.configs.map((c) => ({
            name: c.name,
            value: c.value,
            readOnly: c.readOnly,
            configSource: configSourceId(c.source),
            isSensitive: c.sensitive,
          })),
        })),
      };
      return response;
    },
  };
}
