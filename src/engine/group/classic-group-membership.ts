import type { HeartbeatRequest, HeartbeatResponseInput } from '../protocol/apis/12-heartbeat';
import type { LeaveGroupRequest, LeaveGroupResponseInput } from '../protocol/apis/13-leave-group';
import type { SyncGroupRequest, SyncGroupResponseInput } from '../protocol/apis/14-sync-group';
import { ErrorCode } from '../protocol/errors';
import type { ClassicGroup } from './classic-group';
import { groupMetadataRecordOf } from './classic-group-records';
import {
  maybeCompleteJoinPhase,
  maybePrepareRebalanceOrCompleteJoin,
  removePendingSyncMember,
  rescheduleHeartbeat,
  resetAndPropagateAssignmentWithError,
  setAndPropagateAssignment,
} from './classic-group-rebalance';
import { heartbeatKey, type CoordinatorContext, type GroupRequestContext } from './coordinator-context';
import { EMPTY_ASSIGNMENT } from './group-member';
import { appendErrorToResponseError } from './group-persistence';

const syncError = (errorCode: number): SyncGroupResponseInput => ({ throttleTimeMs: 0, errorCode, assignment: EMPTY_ASSIGNMENT });

/** A request naming a protocol the group does not use (SyncGroup v5+) is inconsistent. */
const isProtocolInconsistent = (requested: string | null, actual: string | null): boolean =>
  requested !== null && actual !== null && requested !== actual;

function validateSync(group: ClassicGroup, req: SyncGroupRequest): number {
  if (group.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  const err = group.validateMember(req.memberId, req.groupInstanceId);
  if (err !== ErrorCode.NONE) return err;
  if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
  if (isProtocolInconsistent(req.protocolType, group.protocolType) || isProtocolInconsistent(req.protocolName, group.protocolName)) {
    return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
  }
  return ErrorCode.NONE;
}

/**
 * SyncGroup: followers wait for the leader; the leader's assignment is stored, then everyone gets
 * its part and the group is Stable. In Stable, a SyncGroup just returns the member's assignment.
 */
export function syncGroup(ctx: CoordinatorContext, req: SyncGroupRequest): Promise<SyncGroupResponseInput> {
  if (req.groupId === '') return Promise.resolve(syncError(ErrorCode.INVALID_GROUP_ID));
  const group = ctx.groups.get(req.groupId);
  if (!group || group.is('Empty')) return Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
  const err = validateSync(group, req);
  if (err !== ErrorCode.NONE) return Promise.resolve(syncError(err));

  switch (group.state) {
    case 'PreparingRebalance':
      return Promise.resolve(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    case 'Stable': {
      removePendingSyncMember(ctx, group, req.memberId);
      const member = group.member(req.memberId)!;
      return Promise.resolve({
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        protocolType: group.protocolType,
        protocolName: group.protocolName,
        assignment: member.assignment,
      });
    }
    case 'CompletingRebalance':
      return new Promise((resolve) => {
        const member = group.member(req.memberId)!;
        // A retried SyncGroup replaces a parked one, which is answered rather than left hanging.
        group.completeSync(member, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        member.awaitingSync = (r) => resolve({ throttleTimeMs: 0, ...r });
        removePendingSyncMember(ctx, group, req.memberId);
        if (group.isLeader(req.memberId)) storeLeaderAssignment(ctx, group, req);
      });
    default:
      return Promise.resolve(syncError(ErrorCode.UNKNOWN_SERVER_ERROR));
  }
}

function storeLeaderAssignment(ctx: CoordinatorContext, group: ClassicGroup, req: SyncGroupRequest): void {
  ctx.log.info(`assignment received from leader ${req.memberId} for group ${group.groupId} generation ${group.generationId}`);
  const assignment = new Map<string, Buffer>(req.assignments.map((a) => [a.memberId, a.assignment]));
  const missing: string[] = [];
  for (const id of group.members.keys()) {
    if (!assignment.has(id)) {
      assignment.set(id, EMPTY_ASSIGNMENT);
      missing.push(id);
    }
  }
  if (missing.length > 0) ctx.log.warn(`setting empty assignments for members ${missing.join(', ')} of ${group.groupId}`);
  const stillCurrent = (): boolean => group.is('CompletingRebalance') && req.generationId === group.generationId;
  ctx.persistence.append([groupMetadataRecordOf(group, assignment)]).then(
    () => {
      // A member may have joined or left meanwhile; then this generation is over and nothing changes.
      if (!stillCurrent()) return;
      setAndPropagateAssignment(ctx, group, assignment);
      group.transition('assignmentStored', ctx.clock.now());
    },
    (err: unknown) => {
      if (!stillCurrent()) return;
      const code = appendErrorToResponseError(err);
      resetAndPropagateAssignmentWithError(ctx, group, code);
      maybePrepareRebalanceOrCompleteJoin(ctx, group, `error ${code} when storing group assignment during SyncGroup`);
    },
  );
}

/** Heartbeat: keeps the session; during a join phase it tells the member to rejoin. */
export function heartbeat(ctx: CoordinatorContext, req: HeartbeatRequest): Promise<HeartbeatResponseInput> {
  const answer = (errorCode: number): Promise<HeartbeatResponseInput> => Promise.resolve({ throttleTimeMs: 0, errorCode });
  if (req.groupId === '') return answer(ErrorCode.INVALID_GROUP_ID);
  const group = ctx.groups.get(req.groupId);
  if (!group) return answer(ErrorCode.UNKNOWN_MEMBER_ID);
  if (group.is('Dead')) return answer(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const err = group.validateMember(req.memberId, req.groupInstanceId);
  if (err !== ErrorCode.NONE) return answer(err);
  if (req.generationId !== group.generationId) return answer(ErrorCode.ILLEGAL_GENERATION);
  const member = group.member(req.memberId)!;
  switch (group.state) {
    case 'Empty':
      return answer(ErrorCode.UNKNOWN_MEMBER_ID);
    case 'PreparingRebalance':
      rescheduleHeartbeat(ctx, group, member);
      return answer(ErrorCode.REBALANCE_IN_PROGRESS);
    default:
      // Heartbeats may start right after the JoinGroup response, in CompletingRebalance.
      rescheduleHeartbeat(ctx, group, member);
      return answer(ErrorCode.NONE);
  }
}

type LeaveMember = { memberId: string; groupInstanceId: string | null; errorCode: number };

/**
 * LeaveGroup: v0-v2 name one member; v3+ a batch, where a static member can be removed by instance
 * id alone (an admin removing it). Each member gets its own error; the group rebalances once.
 */
export function leaveGroup(ctx: CoordinatorContext, req: LeaveGroupRequest, rc: GroupRequestContext): Promise<LeaveGroupResponseInput> {
  const identities = rc.apiVersion >= 3 ? req.members : [{ memberId: req.memberId, groupInstanceId: null, reason: null }];
  const respond = (errorCode: number, members: LeaveMember[]): Promise<LeaveGroupResponseInput> => {
    if (rc.apiVersion >= 3) return Promise.resolve({ throttleTimeMs: 0, errorCode, members });
    // Before v3 the single member's error is the response's error.
    const memberError = members.find((m) => m.errorCode !== ErrorCode.NONE)?.errorCode ?? ErrorCode.NONE;
    return Promise.resolve({ throttleTimeMs: 0, errorCode: errorCode !== ErrorCode.NONE ? errorCode : memberError, members: [] });
  };
  if (req.groupId === '') return respond(ErrorCode.INVALID_GROUP_ID, []);
  const group = ctx.groups.get(req.groupId);
  if (!group) return respond(ErrorCode.UNKNOWN_MEMBER_ID, []);
  if (group.is('Dead')) return respond(ErrorCode.COORDINATOR_NOT_AVAILABLE, []);

  const results: LeaveMember[] = [];
  for (const id of identities) {
    const result = (errorCode: number): void => void results.push({ memberId: id.memberId, groupInstanceId: id.groupInstanceId, errorCode });
    if (id.memberId === '') {
      const staticId = id.groupInstanceId === null ? undefined : group.staticMemberId(id.groupInstanceId);
      if (staticId === undefined) {
        result(ErrorCode.UNKNOWN_MEMBER_ID);
      } else {
        removeCurrentMember(ctx, group, staticId);
        result(ErrorCode.NONE);
      }
    } else if (group.isPendingMember(id.memberId)) {
      group.remove(id.memberId);
      ctx.timer.cancel(heartbeatKey(group.groupId, id.memberId));
      result(ErrorCode.NONE);
    } else {
      const err = group.validateMember(id.memberId, id.groupInstanceId);
      if (err === ErrorCode.NONE) removeCurrentMember(ctx, group, id.memberId);
      result(err);
    }
  }

  const left = results.filter((r) => r.errorCode === ErrorCode.NONE).map((r) => r.memberId);
  if (left.length > 0) {
    const reason = `explicit LeaveGroup request for (${left.join(', ')}) members`;
    if (group.is('Stable') || group.is('CompletingRebalance')) maybePrepareRebalanceOrCompleteJoin(ctx, group, reason);
    else if (group.is('PreparingRebalance')) maybeCompleteJoinPhase(ctx, group);
  }
  return respond(ErrorCode.NONE, results);
}

function removeCurrentMember(ctx: CoordinatorContext, group: ClassicGroup, memberId: string): void {
  const member = group.member(memberId);
  ctx.timer.cancel(heartbeatKey(group.groupId, memberId));
  ctx.log.info(`member ${memberId} has left group ${group.groupId} through explicit LeaveGroup`);
  if (member) group.completeJoin(member, { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, memberId: '', leader: '', members: [], protocolName: null });
  group.remove(memberId);
}
