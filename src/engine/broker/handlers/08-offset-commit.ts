// OffsetCommit (key 8), v0-9: partitions the cluster does not have are answered here with
// UNKNOWN_TOPIC_OR_PARTITION (KafkaApis.handleOffsetCommitRequest); the rest is routed to the
// group's coordinator, and without one here every partition carries the routing error. v0 commits
// are stored like the others (Kafka 3.9 no longer writes them to ZooKeeper).
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';
import type { MetadataCache } from '../metadata-cache';
import { mergeCommitResponse, splitByExistence } from '../offset-commit-partitions';

export function offsetCommitHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>, metadata: Pick<MetadataCache, 'topic'>): ApiHandler<typeof ApiKey.OffsetCommit> {
  return {
    apiKey: ApiKey.OffsetCommit,
    minVersion: 0,
    maxVersion: 9,
    async handle(context, request) {
      const { known, unknown } = splitByExistence(request, metadata);
      if (known === null) return mergeCommitResponse(unknown, null);
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) {
        const topics = known.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: found.errorCode })),
        }));
        return mergeCommitResponse(unknown, { throttleTimeMs: 0, topics });
      }
      return mergeCommitResponse(unknown, await found.coordinator.offsetCommit(known, groupRequestContext(context)));
    },
  };
}
