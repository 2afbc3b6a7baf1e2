// DeleteGroups (key 42), v0-2: each group is deleted by its own coordinator (only Empty groups).
import { ApiKey } from '../../protocol/api-keys';
import type { DeleteGroupsResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

type Deleted = DeleteGroupsResponseInput['results'][number];

export function deleteGroupsHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.DeleteGroups> {
  return {
    apiKey: ApiKey.DeleteGroups,
    minVersion: 0,
    maxVersion: 2,
    async handle(context, request): Promise<DeleteGroupsResponseInput> {
      const rc = groupRequestContext(context);
      const results = await Promise.all(
        request.groupsNames.map(async (groupId): Promise<Deleted> => {
          const found = groups.lookup(groupId);
          if ('errorCode' in found) return { groupId, errorCode: found.errorCode };
          const answer = await found.coordinator.deleteGroups({ groupsNames: [groupId] }, rc);
          return answer.results[0] ?? { groupId, errorCode: 0 };
        }),
      );
      return { throttleTimeMs: 0, results };
    },
  };
}
