// CreatePartitions (key 37), v0-3: forwarded to the controller, which only ever adds partitions
// (a smaller or equal count is INVALID_PARTITIONS) and places or checks their replicas.
import { ApiKey } from '../../protocol/api-keys';
import type { CreatePartitionsTopic } from '../../controller/controller-results';
import type { ApiHandler } from '../../network/api-handler';
import type { ControllerOperations } from '../controller-channel';
import { codeOf } from '../kafka-error';

export function createPartitionsHandler(controller: Pick<ControllerOperations, 'createPartitions'>): ApiHandler<typeof ApiKey.CreatePartitions> {
  return {
    apiKey: ApiKey.CreatePartitions,
    minVersion: 0,
    maxVersion: 3,
    async handle(_context, request) {
      const topics: CreatePartitionsTopic[] = request.topics.map((t) => ({
        name: t.name,
        count: t.count,
        assignments: t.assignments === null ? null : t.assignments.map((a) => [...a.brokerIds]),
      }));
      const results = await controller.createPartitions(topics, { validateOnly: request.validateOnly });
      return {
        throttleTimeMs: 0,
        results: results.map((r) => ({ name: r.name, errorCode: codeOf(r.errorCode), errorMessage: r.errorMessage })),
      };
    },
  };
}
