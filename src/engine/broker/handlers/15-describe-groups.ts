// DescribeGroups (key 15), v0-5: each group is described by its own coordinator. A group nobody
// knows is "Dead" without error (admin tools rely on it); a group coordinated elsewhere gets
// NOT_COORDINATOR so the client asks the right broker. v3+ reports a described group's authorized
// operations when asked, as Kafka does with no authorizer: all of them.
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeGroupsResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { GROUP_OPERATIONS } from '../authorized-operations';
import { groupRequestContext, type GroupCoordinatorManager } from '../group-coordinator-manager';

type Described = DescribeGroupsResponseInput['groups'][number];

export function describeGroupsHandler(groups: Pick<GroupCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.DescribeGroups> {
  return {
    apiKey: ApiKey.DescribeGroups,
    minVersion: 0,
    maxVersion: 5,
    async handle(context, request): Promise<DescribeGroupsResponseInput> {
      const rc = groupRequestContext(context);
      const described = await Promise.all(
        request.groups.map(async (groupId): Promise<Described> => {
          const found = groups.lookup(groupId);
          if ('errorCode' in found) {
            return { errorCode: found.errorCode, groupId, groupState: '', protocolType: '', protocolData: '', members: [] };
          }
          const answer = await found.coordinator.describeGroups({ ...request, groups: [groupId] }, rc);
          return answer.groups[0]!;
        }),
      );
      // KafkaApis.handleDescribeGroupsRequest: only groups described without error get them.
      const withOperations = context.header.apiVersion >= 3 && request.includeAuthorizedOperations;
      const groupsOut = withOperations ? described.map((g) => (g.errorCode === 0 ? { ...g, authorizedOperations: GROUP_OPERATIONS } : g)) : described;
      return { throttleTimeMs: 0, groups: groupsOut };
    },
  };
}
