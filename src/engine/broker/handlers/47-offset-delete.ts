// OffsetDelete (key 47), v0: routed to the group's coordinator.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function offsetDeleteHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.OffsetDelete> {
  return {
    apiKey: ApiKey.OffsetDelete,
    minVersion: 0,
    maxVersion: 0,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) return { errorCode: found.errorCode, throttleTimeMs: 0, topics: [] };
      return found.coordinator.offsetDelete(request, groupRequestContext(context));
    },
  };
}
