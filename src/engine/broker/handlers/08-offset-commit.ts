// OffsetCommit (key 8), v0-9: routed to the group's coordinator; without one here every partition
// carries the routing error. v0 commits are stored like the others (Kafka 3.9 no longer writes
// them to ZooKeeper).
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function offsetCommitHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.OffsetCommit> {
  return {
    apiKey: ApiKey.OffsetCommit,
    minVersion: 0,
    maxVersion: 9,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) {
        return {
          throttleTimeMs: 0,
          topics: request.topics.map((t) => ({
            name: t.name,
            partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: found.errorCode })),
          })),
        };
      }
      return found.coordinator.offsetCommit(request, groupRequestContext(context));
    },
  };
}
