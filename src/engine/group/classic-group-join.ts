import type { JoinGroupRequest, JoinGroupResponseInput } from '../protocol/apis/11-join-group';
import { ErrorCode } from '../protocol/errors';
import { ClassicGroup } from './classic-group';
import { groupMetadataRecordOf, newGroupMetadataRecordOf } from './classic-group-records';
import {
  expireHeartbeat,
  maybeCompleteJoinPhase,
  maybePrepareRebalanceOrCompleteJoin,
  prepareRebalance,
  rescheduleHeartbeat,
} from './classic-group-rebalance';
import { heartbeatKey, type CoordinatorContext, type GroupRequestContext } from './coordinator-context';
import { ClassicGroupMember, type GroupProtocol, type JoinCallback } from './group-member';
import { appendErrorToResponseError } from './group-persistence';

/** JoinGroup v4+ must carry a member id the coordinator handed out (KIP-394). */
const requiresKnownMemberId = (apiVersion: number): boolean => apiVersion >= 4;
/** From v9 a rejoining static leader can skip computing the assignment again (KIP-814). */
const supportsSkippingAssignment = (apiVersion: number): boolean => apiVersion >= 9;

interface JoinRequest {
  readonly groupId: string;
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly protocolType: string;
  readonly protocols: readonly GroupProtocol[];
}

/** JoinGroup responses that are only an error (and the member id the client should keep). */
function joinError(errorCode: number, memberId: string): JoinGroupResponseInput {
  return { errorCode, memberId, leader: '', members: [], protocolName: null, protocolType: null };
}

/** Before v7 the protocol name is not nullable on the wire: Kafka sends "" instead. */
function shapeForVersion(r: JoinGroupResponseInput, apiVersion: number): JoinGroupResponseInput {
  const out: JoinGroupResponseInput = { throttleTimeMs: 0, generationId: -1, skipAssignment: false, ...r };
  if (apiVersion < 7 && out.protocolName == null) out.protocolName = '';
  return out;
}

export function joinGroup(ctx: CoordinatorContext, request: JoinGroupRequest, rc: GroupRequestContext): Promise<JoinGroupResponseInput> {
  return new Promise((resolve) => {
    let answered = false;
    const respond: JoinCallback = (r) => {
      if (answered) return;
      answered = true;
      resolve(shapeForVersion(r, rc.apiVersion));
    };
    const req: JoinRequest = {
      ...request,
      // JoinGroup v0 has no rebalance timeout; Kafka uses the session timeout.
      rebalanceTimeoutMs: rc.apiVersion === 0 || request.rebalanceTimeoutMs < 0 ? request.sessionTimeoutMs : request.rebalanceTimeoutMs,
      protocols: request.protocols.map((p) => ({ name: p.name, metadata: p.metadata })),
    };
    if (req.groupId === '') return respond(joinError(ErrorCode.INVALID_GROUP_ID, req.memberId));
    if (req.sessionTimeoutMs < ctx.config.groupMinSessionTimeoutMs || req.sessionTimeoutMs > ctx.config.groupMaxSessionTimeoutMs) {
      return respond(joinError(ErrorCode.INVALID_SESSION_TIMEOUT, req.memberId));
    }
    joinClassicGroup(ctx, req, rc, respond);
  });
}

function joinClassicGroup(ctx: CoordinatorContext, req: JoinRequest, rc: GroupRequestContext, respond: JoinCallback): void {
  const isUnknownMember = req.memberId === '';
  let group = ctx.groups.get(req.groupId);
  const isNewGroup = group === undefined;
  if (!group) {
    // Only a member without an id creates a group; a known id for a missing group is stale.
    if (!isUnknownMember) return respond(joinError(ErrorCode.UNKNOWN_MEMBER_ID, req.memberId));
    group = new ClassicGroup({ groupId: req.groupId, state: 'Empty', now: ctx.clock.now() });
    ctx.groups.set(req.groupId, group);
  }

  if (!acceptJoiningMember(ctx, group, req.memberId)) {
    group.remove(req.memberId);
    respond(joinError(ErrorCode.GROUP_MAX_SIZE_REACHED, ''));
  } else if (isUnknownMember) {
    joinNewMember(ctx, req, rc, group, respond);
  } else {
    joinExistingMember(ctx, req, rc, group, respond);
  }

  if (isNewGroup) {
    // Kafka stores a generation-0 record for a group created by JoinGroup; if that fails, the
    // group is forgotten again (unless members arrived meanwhile).
    const created = group;
    ctx.persistence.append([newGroupMetadataRecordOf(created, ctx.clock.now())]).catch((err: unknown) => {
      ctx.log.warn(`failed to store new group ${created.groupId}: ${(err as Error).message}`);
      if (created.is('Empty') && created.size === 0 && created.generationId === 0 && ctx.groups.get(created.groupId) === created) {
        ctx.groups.delete(created.groupId);
      }
      respond(joinError(appendErrorToResponseError(err), ''));
    });
  }
}

/** group.max.size, counting members parked in the join phase while rebalancing. */
function acceptJoiningMember(ctx: CoordinatorContext, group: ClassicGroup, memberId: string): boolean {
  const max = ctx.config.groupMaxSize;
  switch (group.state) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance':
      return (group.member(memberId)?.isAwaitingJoin ?? false) || group.numAwaitingJoin < max;
    case 'CompletingRebalance':
    case 'Stable':
      return group.hasMember(memberId) || group.size < max;
  }
}

function protocolNames(req: JoinRequest): Set<string> {
  return new Set(req.protocols.map((p) => p.name));
}

function joinNewMember(ctx: CoordinatorContext, req: JoinRequest, rc: GroupRequestContext, group: ClassicGroup, respond: JoinCallback): void {
  if (group.is('Dead')) return respond(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, ''));
  if (!group.supportsProtocols(req.protocolType, protocolNames(req))) {
    return respond(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, ''));
  }
  // Static members get ids from their instance id, dynamic ones from their client id.
  const newMemberId = `${req.groupInstanceId ?? rc.clientId}-${ctx.newUuid()}`;
  if (req.groupInstanceId !== null) {
    const existing = group.staticMemberId(req.groupInstanceId);
    if (existing !== undefined) {
      ctx.log.info(`static member ${req.groupInstanceId} rejoins group ${group.groupId} in ${group.state}; replacing member ${existing}`);
      updateStaticMemberThenRebalanceOrCompleteJoin(ctx, req, rc, group, existing, newMemberId, respond);
    } else {
      addMemberThenRebalanceOrCompleteJoin(ctx, req, rc, group, newMemberId, respond);
    }
    return;
  }
  if (requiresKnownMemberId(rc.apiVersion)) {
    // KIP-394: hand out the id and expect the member back with it within its session timeout.
    group.addPendingMember(newMemberId);
    const { groupId } = group;
    ctx.timer.schedule(heartbeatKey(groupId, newMemberId), req.sessionTimeoutMs, () => expireHeartbeat(ctx, groupId, newMemberId));
    return respond(joinError(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
  }
  addMemberThenRebalanceOrCompleteJoin(ctx, req, rc, group, newMemberId, respond);
}

function joinExistingMember(ctx: CoordinatorContext, req: JoinRequest, rc: GroupRequestContext, group: ClassicGroup, respond: JoinCallback): void {
  const { memberId } = req;
  if (group.is('Dead')) return respond(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, memberId));
  if (!group.supportsProtocols(req.protocolType, protocolNames(req))) {
    return respond(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
  }
  if (group.isPendingMember(memberId)) {
    if (req.groupInstanceId !== null) {
      // Pending ids are only handed to dynamic members; Kafka fails such a request outright.
      return respond(joinError(ErrorCode.UNKNOWN_SERVER_ERROR, memberId));
    }
    return addMemberThenRebalanceOrCompleteJoin(ctx, req, rc, group, memberId, respond);
  }
  const err = group.validateMember(memberId, req.groupInstanceId);
  if (err !== ErrorCode.NONE) return respond(joinError(err, memberId));

  const member = group.member(memberId)!;
  const currentGeneration = (members: JoinGroupResponseInput['members']): JoinGroupResponseInput => ({
    errorCode: ErrorCode.NONE,
    memberId,
    generationId: group.generationId,
    protocolName: group.protocolName,
    protocolType: group.protocolType,
    leader: group.leaderId ?? '',
    skipAssignment: false,
    members,
  });
  switch (group.state) {
    case 'PreparingRebalance':
      return updateMemberThenRebalanceOrCompleteJoin(ctx, req, group, member, `member ${memberId} is joining group during PreparingRebalance`, respond);
    case 'CompletingRebalance':
      // Same metadata: the member probably lost the JoinGroup response; send it again.
      if (member.matches(req.protocols)) return respond(currentGeneration(group.isLeader(memberId) ? group.joinResponseMembers() : []));
      return updateMemberThenRebalanceOrCompleteJoin(ctx, req, group, member, `updating metadata for member ${memberId} during CompletingRebalance`, respond);
    case 'Stable':
      // The leader rejoining forces a rebalance: it may have seen a change the metadata does not show.
      if (group.isLeader(memberId)) {
        return updateMemberThenRebalanceOrCompleteJoin(ctx, req, group, member, `leader ${memberId} re-joining group during Stable`, respond);
      }
      if (!member.matches(req.protocols)) {
        return updateMemberThenRebalanceOrCompleteJoin(ctx, req, group, member, `updating metadata for member ${memberId} during Stable`, respond);
      }
      return respond(currentGeneration([]));
    default:
      ctx.log.warn(`rejoining member ${memberId} of group ${group.groupId} in unexpected state ${group.state}`);
      return respond(joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
  }
}

function updateMemberThenRebalanceOrCompleteJoin(
  ctx: CoordinatorContext,
  req: JoinRequest,
  group: ClassicGroup,
  member: ClassicGroupMember,
  reason: string,
  respond: JoinCallback,
): void {
  group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);
  maybePrepareRebalanceOrCompleteJoin(ctx, group, reason);
}

function addMemberThenRebalanceOrCompleteJoin(
  ctx: CoordinatorContext,
  req: JoinRequest,
  rc: GroupRequestContext,
  group: ClassicGroup,
  memberId: string,
  respond: JoinCallback,
): void {
  const member = new ClassicGroupMember({
    memberId,
    groupInstanceId: req.groupInstanceId,
    clientId: rc.clientId,
    clientHost: rc.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    sessionTimeoutMs: req.sessionTimeoutMs,
    protocolType: req.protocolType,
    protocols: req.protocols,
  });
  member.isNew = true;
  if (group.is('PreparingRebalance') && group.previousState === 'Empty') group.newMemberAdded = true;
  group.add(member, respond);
  // A parked JoinGroup cannot heartbeat and a disconnect goes unnoticed: bound its wait instead.
  rescheduleHeartbeat(ctx, group, member, ctx.config.groupNewMemberJoinTimeoutMs);
  maybePrepareRebalanceOrCompleteJoin(ctx, group, `adding new member ${memberId} with group instance id ${req.groupInstanceId}`);
}

/**
 * A known static member came back with no member id (a restart). In Stable, when the protocol the
 * group would choose stays the same, it takes over its old assignment without a rebalance once the
 * new member id is stored; otherwise the group rebalances.
 */
function updateStaticMemberThenRebalanceOrCompleteJoin(
  ctx: CoordinatorContext,
  req: JoinRequest,
  rc: GroupRequestContext,
  group: ClassicGroup,
  oldMemberId: string,
  newMemberId: string,
  respond: JoinCallback,
): void {
  const instanceId = req.groupInstanceId!;
  const currentLeader = group.leaderId;
  const member = group.replaceStaticMember(instanceId, oldMemberId, newMemberId);
  rescheduleHeartbeat(ctx, group, member);
  const old = { protocols: member.protocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
  group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, respond);

  switch (group.state) {
    case 'Stable': {
      if ((group.protocolName ?? '') !== group.selectProtocol()) {
        return maybePrepareRebalanceOrCompleteJoin(ctx, group, `static member ${newMemberId} (${instanceId}) joined with a change of protocol`);
      }
      const generation = group.generationId;
      ctx.persistence.append([groupMetadataRecordOf(group, group.groupAssignment())]).then(
        () => {
          const isLeader = group.isLeader(newMemberId);
          const skip = supportsSkippingAssignment(rc.apiVersion) && isLeader;
          group.completeJoin(member, {
            errorCode: ErrorCode.NONE,
            memberId: newMemberId,
            generationId: group.generationId,
            protocolName: group.protocolName,
            protocolType: group.protocolType,
            leader: (skip ? group.leaderId : currentLeader) ?? '',
            skipAssignment: skip,
            members: skip ? group.joinResponseMembers() : [],
          });
        },
        (err: unknown) => {
          ctx.log.warn(`failed to store static member ${instanceId} of group ${group.groupId} as ${newMemberId}; reverting to ${oldMemberId}`);
          group.updateMember(member, old.protocols, old.rebalanceTimeoutMs, old.sessionTimeoutMs, null);
          if (group.member(newMemberId) === member) {
            const restored = group.replaceStaticMember(instanceId, newMemberId, oldMemberId);
            rescheduleHeartbeat(ctx, group, restored);
          }
          respond({
            errorCode: appendErrorToResponseError(err),
            memberId: '',
            generationId: generation,
            protocolName: group.protocolName,
            protocolType: group.protocolType,
            leader: currentLeader ?? '',
            members: [],
          });
        },
      );
      return;
    }
    case 'CompletingRebalance':
      // The leader may be assigning for the old id already; only a new rebalance gives the new id partitions.
      return prepareRebalance(ctx, group, `updating metadata for static member ${newMemberId} (${instanceId})`);
    case 'PreparingRebalance':
      return maybeCompleteJoinPhase(ctx, group);
    default:
      throw new Error(`group ${group.groupId} cannot be ${group.state} when static member ${instanceId} rejoins`);
  }
}

