// OffsetFetch (key 9), v0-9. Up to v7 one group per request; v8+ (KIP-709) several, each routed to
// its own coordinator and answered with its own error.
import { ApiKey } from '../../protocol/api-keys';
import type { OffsetFetchResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

const MULTI_GROUP_FROM_VERSION = 8;

type GroupResult = NonNullable<OffsetFetchResponseInput['groups']>[number];

/** Without a coordinator: v0-1 carry the error on each requested partition, v2+ also at the top. */
function singleGroupError(errorCode: number, topics: { name: string; partitionIndexes: number[] }[] | null): OffsetFetchResponseInput {
  return {
    throttleTimeMs: 0,
    errorCode,
    topics: (topics ?? []).map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, committedOffset: -1n, committedLeaderEpoch: -1, metadata: '', errorCode })),
    })),
  };
}

export function offsetFetchHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.OffsetFetch> {
  return {
    apiKey: ApiKey.OffsetFetch,
    minVersion: 0,
    maxVersion: 9,
    async handle(context, request): Promise<OffsetFetchResponseInput> {
      const rc = groupRequestContext(context);
      if (context.header.apiVersion < MULTI_GROUP_FROM_VERSION) {
        const found = groups.lookup(request.groupId);
        if ('errorCode' in found) return singleGroupError(found.errorCode, request.topics);
        return found.coordinator.offsetFetch(request, rc);
      }
      const results = await Promise.all(
        request.groups.map(async (group): Promise<GroupResult> => {
          const found = groups.lookup(group.groupId);
          if ('errorCode' in found) return { groupId: group.groupId, errorCode: found.errorCode, topics: [] };
          const answer = await found.coordinator.offsetFetch({ ...request, groups: [group] }, rc);
          return answer.groups?.[0] ?? { groupId: group.groupId, errorCode: 0, topics: [] };
        }),
      );
      return { throttleTimeMs: 0, groups: results };
    },
  };
}
