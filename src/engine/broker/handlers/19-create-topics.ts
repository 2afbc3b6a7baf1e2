// CreateTopics (key 19), v0-7: forwarded to the controller (as a KRaft broker forwards it), which
// validates names, partitions, replication factor, assignments and configs with Kafka's errors.
// v5+ answers with the topic's partitions, replication factor and effective configs; v7 its id.
import { ApiKey } from '../../protocol/api-keys';
import type { CreateTopicsResponseInput } from '../../protocol/apis';
import type { CreatableTopic } from '../../controller/controller-results';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerChannel } from '../controller-channel';
import { codeOf } from '../kafka-error';

const CONFIG_SOURCE: Record<string, number> = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
  CLIENT_METRICS_CONFIG: 7,
};

export function configSourceId(source: string): number {
  return CONFIG_SOURCE[source] ?? 0;
}

export function createTopicsHandler(controller: ControllerChannel): ApiHandler<typeof ApiKey.CreateTopics> {
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
