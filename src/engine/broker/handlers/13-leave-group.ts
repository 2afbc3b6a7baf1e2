// LeaveGroup (key 13), v0-5 (v3+ names several members, KIP-345): routed to the group's coordinator.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function leaveGroupHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.LeaveGroup> {
  return {
    apiKey: ApiKey.LeaveGroup,
    minVersion: 0,
    maxVersion: 5,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) return { throttleTimeMs: 0, errorCode: found.errorCode, members: [] };
      return found.coordinator.leaveGroup(request, groupRequestContext(context));
    },
  };
}
