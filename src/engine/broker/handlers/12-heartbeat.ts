// Heartbeat (key 12), v0-4: routed to the group's coordinator.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function heartbeatHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.Heartbeat> {
  return {
    apiKey: ApiKey.Heartbeat,
    minVersion: 0,
    maxVersion: 4,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) return { throttleTimeMs: 0, errorCode: found.errorCode };
      return found.coordinator.heartbeat(request, groupRequestContext(context));
    },
  };
}
