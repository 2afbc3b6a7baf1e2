// ListGroups (key 16), v0-5: the groups of every coordinator this broker runs (clients ask every
// broker). While a partition is still loading the answer carries COORDINATOR_LOAD_IN_PROGRESS
// next to what is known, as Kafka does.
import { ApiKey } from '../../protocol/api-keys';
import type { ListGroupsResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function listGroupsHandler(groups: Pick<GroupCoordinatorManager, 'loadedCoordinators'>): ApiHandler<typeof ApiKey.ListGroups> {
  return {
    apiKey: ApiKey.ListGroups,
    minVersion: 0,
    maxVersion: 5,
    async handle(context, request): Promise<ListGroupsResponseInput> {
      const rc = groupRequestContext(context);
      const { coordinators, loading } = groups.loadedCoordinators();
      const answers = await Promise.all(coordinators.map((c) => c.listGroups(request, rc)));
      const failed = answers.find((a) => a.errorCode !== undefined && a.errorCode !== ErrorCode.NONE);
      return {
        throttleTimeMs: 0,
        errorCode: loading ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : (failed?.errorCode ?? ErrorCode.NONE),
        groups: answers.flatMap((a) => [...a.groups]),
      };
    },
  };
}
