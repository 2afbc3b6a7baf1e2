// AlterPartition (key 56), v0-3: a leader asks the controller to change a partition's ISR. v0-1
// name topics, v2+ use topic ids; v3 carries each new ISR member's broker epoch (KIP-903) —
// members must be live, which the controller checks against its own registrations.
import { ApiKey } from '../../protocol/api-keys';
import type { AlterPartitionResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { AlterPartitionItem } from '../alter-partition';
import type { Controller } from '../controller';

export function alterPartitionHandler(controller: Controller): ApiHandler<typeof ApiKey.AlterPartition> {
  return {
    apiKey: ApiKey.AlterPartition,
    minVersion: 0,
    maxVersion: 3,
    async handle(context, request) {
      const version = context.header.apiVersion;
      const image = controller.image();
      const items: AlterPartitionItem[] = [];
      for (const topic of request.topics) {
        const topicId = version >= 2 ? topic.topicId : (image.topicsByName.get(topic.topicName)?.topicId ?? '');
        for (const p of topic.partitions) {
          items.push({
            topicId,
            partitionIndex: p.partitionIndex,
            leaderEpoch: p.leaderEpoch,
            partitionEpoch: p.partitionEpoch,
            newIsr: version >= 3 ? p.newIsrWithEpochs.map((b) => b.brokerId) : [...p.newIsr],
          });
        }
      }
      const result = await controller.alterPartition(request.brokerId, Number(request.brokerEpoch), items);
      const byTopic = new Map<string, AlterPartitionResponseInput['topics'][number]>();
      for (const r of result.partitions) {
        let topic = byTopic.get(r.topicId);
        if (!topic) {
          topic = { topicId: r.topicId, topicName: image.topicsById.get(r.topicId)?.name ?? '', partitions: [] };
          byTopic.set(r.topicId, topic);
        }
        topic.partitions.push({
          partitionIndex: r.partitionIndex,
          errorCode: ErrorCode[r.errorCode],
          leaderId: r.leaderId,
          leaderEpoch: r.leaderEpoch,
          isr: r.isr,
          partitionEpoch: r.partitionEpoch,
        });
      }
      return { throttleTimeMs: 0, errorCode: ErrorCode[result.errorCode], topics: [...byTopic.values()] };
    },
  };
}
