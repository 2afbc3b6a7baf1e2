// JoinGroup (key 11), v0-9: routed to the coordinator of the group's __consumer_offsets partition,
// which may park the request until the rebalance completes.
import { ApiKey } from '../../protocol/api-keys';
import type { JoinGroupResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

export function joinGroupError(errorCode: number, memberId: string, version: number): JoinGroupResponseInput {
  return { throttleTimeMs: 0, errorCode, generationId: -1, protocolType: null, protocolName: version >= 7 ? null : '', leader: '', memberId, members: [] };
}

export function joinGroupHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.JoinGroup> {
  return {
    apiKey: ApiKey.JoinGroup,
    minVersion: 0,
    maxVersion: 9,
    handle(context, request) {
      const found = groups.lookup(request.groupId);
      if ('errorCode' in found) return joinGroupError(found.errorCode, request.memberId, context.header.apiVersion);
      return found.coordinator.joinGroup(request, groupRequestContext(context));
    },
  };
}
