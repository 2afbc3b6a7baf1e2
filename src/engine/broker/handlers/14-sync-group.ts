// SyncGroup (key 14), v0-5: routed to the group's coordinator, which parks followers until the
// leader's assignment arrives.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function syncGroupHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.SyncGroup> {
  return {
    apiKey: ApiKey.SyncGroup,
    minVersion: 0,
    maxVersion: 5,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) {
        return { throttleTimeMs: 0, errorCode: found.errorCode, protocolType: null, protocolName: null, assignment: Buffer.alloc(0) };
      }
      return found.coordinator.syncGroup(request, groupRequestContext(context));
    },
  };
}
