import type { DeleteGroupsRequest, DeleteGroupsResponseInput } from '../protocol/apis/42-delete-groups';
import type { DescribeGroupsRequest, DescribeGroupsResponseInput } from '../protocol/apis/15-describe-groups';
import type { ListGroupsRequest, ListGroupsResponseInput } from '../protocol/apis/16-list-groups';
import { ErrorCode } from '../protocol/errors';
import type { ClassicGroup } from './classic-group';
import { matchesStateFilter } from './classic-group-state';
import { heartbeatKey, joinKey, syncKey, type CoordinatorContext } from './coordinator-context';
import { EMPTY_ASSIGNMENT } from './group-member';
import { appendErrorToResponseError } from './group-persistence';
import { groupMetadataTombstone, offsetCommitTombstone, type GroupRecord } from './group-records-codec';

/** Kafka's GroupType of every group this coordinator holds (ListGroups v5 typesFilter). */
export const CLASSIC_GROUP_TYPE = 'classic';

export function listGroups(ctx: CoordinatorContext, req: ListGroupsRequest): Promise<ListGroupsResponseInput> {
  const types = req.typesFilter.map((t) => t.toLowerCase());
  const groups = [...ctx.groups.values()]
    .filter((g) => !g.is('Dead') && matchesStateFilter(g.state, req.statesFilter))
    .filter(() => types.length === 0 || types.includes(CLASSIC_GROUP_TYPE))
    .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: CLASSIC_GROUP_TYPE }));
  return Promise.resolve({ throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups });
}

/**
 * DescribeGroups: member metadata and the protocol only when Stable (only then is it settled). An
 * unknown group is described as Dead with no error, which admin tools rely on (kafkajs
 * resetOffsets accepts "Empty" or "Dead").
 */
export function describeGroups(ctx: CoordinatorContext, req: DescribeGroupsRequest): Promise<DescribeGroupsResponseInput> {
  const groups = req.groups.map((groupId) => {
    const g = ctx.groups.get(groupId);
    if (!g || g.is('Dead')) {
      return { errorCode: ErrorCode.NONE, groupId, groupState: 'Dead', protocolType: '', protocolData: '', members: [] };
    }
    const stable = g.is('Stable') && g.protocolName !== null;
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      groupState: g.state,
      protocolType: g.protocolType ?? '',
      protocolData: stable ? g.protocolName! : '',
      members: [...g.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        memberMetadata: stable ? m.metadata(g.protocolName!) : EMPTY_ASSIGNMENT,
        memberAssignment: m.assignment,
      })),
    };
  });
  return Promise.resolve({ throttleTimeMs: 0, groups });
}

/** Removes a group from memory (its records are written by the caller). */
export function removeGroup(ctx: CoordinatorContext, group: ClassicGroup): void {
  group.transition('removed', ctx.clock.now());
  ctx.groups.delete(group.groupId);
  ctx.offsets.deleteGroup(group.groupId);
  ctx.timer.cancel(joinKey(group.groupId));
  ctx.timer.cancel(syncKey(group.groupId));
  for (const id of group.members.keys()) ctx.timer.cancel(heartbeatKey(group.groupId, id));
}

/** The records that delete a group: a tombstone per committed offset, then the group's. */
export function groupTombstones(ctx: CoordinatorContext, groupId: string): GroupRecord[] {
  const records = ctx.offsets.entries(groupId).map((e) => offsetCommitTombstone(groupId, e.topic, e.partition));
  records.push(groupMetadataTombstone(groupId));
  return records;
}

/** DeleteGroups: only Empty groups; their offsets go with them. */
export async function deleteGroups(ctx: CoordinatorContext, req: DeleteGroupsRequest): Promise<DeleteGroupsResponseInput> {
  const results = await Promise.all(
    req.groupsNames.map(async (groupId) => ({ groupId, errorCode: await deleteGroup(ctx, groupId) })),
  );
  return { throttleTimeMs: 0, results };
}

async function deleteGroup(ctx: CoordinatorContext, groupId: string): Promise<number> {
  if (groupId === '') return ErrorCode.INVALID_GROUP_ID;
  const group = ctx.groups.get(groupId);
  if (!group || group.is('Dead')) return ErrorCode.GROUP_ID_NOT_FOUND;
  if (!group.is('Empty')) return ErrorCode.NON_EMPTY_GROUP;
  const records = groupTombstones(ctx, groupId);
  const offsets = ctx.offsets.entries(groupId);
  // Applied at once, as Kafka replays its own tombstones; put back if they cannot be stored.
  removeGroup(ctx, group);
  try {
    await ctx.persistence.append(records);
    return ErrorCode.NONE;
  } catch (e) {
    if (!ctx.groups.has(groupId)) {
      // An undo (as Kafka reverts its snapshot), not a move of the state machine.
      group.state = 'Empty';
      ctx.groups.set(groupId, group);
      for (const o of offsets) ctx.offsets.put(groupId, o.topic, o.partition, o.offset);
    }
    return appendErrorToResponseError(e);
  }
}
