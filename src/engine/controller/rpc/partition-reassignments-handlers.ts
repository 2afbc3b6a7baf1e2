// AlterPartitionReassignments (key 45) and ListPartitionReassignments (key 46), v0 (flexible),
// served by the controller (brokers forward them). KIP-455: a reassignment adds the target's new
// replicas, which catch up as followers; when all are in the ISR the old ones are removed.
import { ApiKey } from '../../protocol/api-keys';
import type { AlterPartitionReassignmentsResponseInput, ListPartitionReassignmentsResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { Controller } from '../controller';

export function alterPartitionReassignmentsHandler(controller: Controller): ApiHandler<typeof ApiKey.AlterPartitionReassignments> {
  return {
    apiKey: ApiKey.AlterPartitionReassignments,
    minVersion: 0,
    maxVersion: 0,
    async handle(_context, request) {
      const results = await controller.alterReassignments(
        request.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas === null ? null : [...p.replicas] }))),
      );
      const responses = new Map<string, AlterPartitionReassignmentsResponseInput['responses'][number]>();
      for (const r of results) {
        let topic = responses.get(r.topic);
        if (!topic) responses.set(r.topic, (topic = { name: r.topic, partitions: [] }));
        topic.partitions.push({ partitionIndex: r.partition, errorCode: ErrorCode[r.errorCode], errorMessage: r.errorMessage });
      }
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, responses: [...responses.values()] };
    },
  };
}

export function listPartitionReassignmentsHandler(controller: Controller): ApiHandler<typeof ApiKey.ListPartitionReassignments> {
  return {
    apiKey: ApiKey.ListPartitionReassignments,
    minVersion: 0,
    maxVersion: 0,
    handle(_context, request) {
      const ongoing = controller.listReassignments(request.topics === null ? null : request.topics.map((t) => ({ topic: t.name, partitions: [...t.partitionIndexes] })));
      const topics = new Map<string, ListPartitionReassignmentsResponseInput['topics'][number]>();
      for (const r of ongoing) {
        let topic = topics.get(r.topic);
        if (!topic) topics.set(r.topic, (topic = { name: r.topic, partitions: [] }));
        topic.partitions.push({ partitionIndex: r.partition, replicas: r.replicas, addingReplicas: r.addingReplicas, removingReplicas: r.removingReplicas });
      }
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, topics: [...topics.values()] };
    },
  };
}
