import { ErrorCode } from '../protocol/errors';
import type { ClassicGroup } from './classic-group';
import { groupMetadataRecordOf } from './classic-group-records';
import { heartbeatKey, joinKey, persistInBackground, syncKey, type CoordinatorContext } from './coordinator-context';
import { EMPTY_ASSIGNMENT, type ClassicGroupMember } from './group-member';

/**
 * The rebalance protocol of a classic group, after Kafka's GroupMetadataManager: preparing a
 * rebalance, completing the join phase when every member rejoined (or the rebalance timeout
 * passed), waiting for SyncGroups, and expiring members whose session ran out.
 */

export function rescheduleHeartbeat(ctx: CoordinatorContext, group: ClassicGroup, member: ClassicGroupMember, timeoutMs = member.sessionTimeoutMs): void {
  const { groupId } = group;
  const { memberId } = member;
  ctx.timer.schedule(heartbeatKey(groupId, memberId), timeoutMs, () => expireHeartbeat(ctx, groupId, memberId));
}

export function maybePrepareRebalanceOrCompleteJoin(ctx: CoordinatorContext, group: ClassicGroup, reason: string): void {
  if (group.canRebalance()) prepareRebalance(ctx, group, reason);
  else maybeCompleteJoinPhase(ctx, group);
}

export function prepareRebalance(ctx: CoordinatorContext, group: ClassicGroup, reason: string): void {
  // Members waiting for their assignment must rejoin instead.
  if (group.is('CompletingRebalance')) resetAndPropagateAssignmentWithError(ctx, group, ErrorCode.REBALANCE_IN_PROGRESS);
  removeSyncExpiration(ctx, group);

  const isInitialRebalance = group.is('Empty');
  if (isInitialRebalance) {
    // A new group waits group.initial.rebalance.delay.ms (extended while members keep arriving).
    const delayMs = ctx.config.groupInitialRebalanceDelayMs;
    const remainingMs = Math.max(group.rebalanceTimeoutMs() - delayMs, 0);
    const { groupId } = group;
    ctx.timer.schedule(joinKey(groupId), delayMs, () => tryCompleteInitialRebalanceElseSchedule(ctx, groupId, delayMs, remainingMs));
  }
  group.transition('rebalance', ctx.clock.now());
  ctx.log.info(`preparing to rebalance group ${group.groupId} with old generation ${group.generationId} (reason: ${reason})`);
  if (!isInitialRebalance) maybeCompleteJoinElseSchedule(ctx, group);
}

function maybeCompleteJoinElseSchedule(ctx: CoordinatorContext, group: ClassicGroup): void {
  if (group.hasAllMembersJoined()) {
    completeJoin(ctx, group);
  } else {
    const { groupId } = group;
    ctx.timer.schedule(joinKey(groupId), group.rebalanceTimeoutMs(), () => completeJoinById(ctx, groupId));
  }
}

function tryCompleteInitialRebalanceElseSchedule(ctx: CoordinatorContext, groupId: string, delayMs: number, remainingMs: number): void {
  const group = ctx.groups.get(groupId);
  if (!group) return;
  if (group.newMemberAdded && remainingMs !== 0) {
    group.newMemberAdded = false;
    const newDelayMs = Math.min(ctx.config.groupInitialRebalanceDelayMs, remainingMs);
    const newRemainingMs = Math.max(remainingMs - delayMs, 0);
    ctx.timer.schedule(joinKey(groupId), newDelayMs, () => tryCompleteInitialRebalanceElseSchedule(ctx, groupId, newDelayMs, newRemainingMs));
  } else {
    completeJoin(ctx, group);
  }
}

/** Completes the join phase when the group is rebalancing (not initially) and everyone rejoined. */
export function maybeCompleteJoinPhase(ctx: CoordinatorContext, group: ClassicGroup): void {
  if (!group.is('PreparingRebalance')) return;
  if (group.previousState === 'Empty') return; // the initial-delay timer completes it
  if (!group.hasAllMembersJoined()) return;
  completeJoin(ctx, group);
}

function completeJoinById(ctx: CoordinatorContext, groupId: string): void {
  const group = ctx.groups.get(groupId);
  if (group) completeJoin(ctx, group);
}

/**
 * Ends the join phase: dynamic members that did not rejoin are dropped, the generation is bumped,
 * and every parked JoinGroup is answered (the leader's with all members' metadata).
 */
export function completeJoin(ctx: CoordinatorContext, group: ClassicGroup): void {
  const { groupId } = group;
  ctx.timer.cancel(joinKey(groupId));
  const gone = group.notYetRejoinedMembers().filter((m) => !m.isStatic);
  for (const m of gone) {
    group.remove(m.memberId);
    ctx.timer.cancel(heartbeatKey(groupId, m.memberId));
  }
  if (gone.length > 0) ctx.log.info(`group ${groupId} removed dynamic members who did not rejoin: ${gone.map((m) => m.memberId).join(', ')}`);

  if (group.is('Dead')) return;
  if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
    // Nobody rejoined: wait another rebalance timeout, by when session timeouts removed the silent.
    ctx.log.error(`group ${groupId} could not complete rebalance because no members rejoined`);
    ctx.timer.schedule(joinKey(groupId), group.rebalanceTimeoutMs(), () => completeJoinById(ctx, groupId));
    return;
  }

  group.initNextGeneration(ctx.clock.now());
  if (group.is('Empty')) {
    ctx.log.info(`group ${groupId} with generation ${group.generationId} is now empty`);
    persistInBackground(ctx, [groupMetadataRecordOf(group, new Map())], `empty metadata of group ${groupId}`);
    return;
  }
  ctx.log.info(`stabilized group ${groupId} generation ${group.generationId} with ${group.size} members`);
  for (const member of group.members.values()) {
    group.completeJoin(member, {
      errorCode: ErrorCode.NONE,
      memberId: member.memberId,
      generationId: group.generationId,
      protocolName: group.protocolName,
      protocolType: group.protocolType,
      leader: group.leaderId ?? '',
      skipAssignment: false,
      members: group.isLeader(member.memberId) ? group.joinResponseMembers() : [],
    });
    rescheduleHeartbeat(ctx, group, member);
    member.isNew = false;
    group.addPendingSyncMember(member.memberId);
  }
  schedulePendingSync(ctx, group);
}

function schedulePendingSync(ctx: CoordinatorContext, group: ClassicGroup): void {
  const { groupId, generationId } = group;
  ctx.timer.schedule(syncKey(groupId), group.rebalanceTimeoutMs(), () => expirePendingSync(ctx, groupId, generationId));
}

/** Members that joined but never sent SyncGroup within the rebalance timeout are removed. */
function expirePendingSync(ctx: CoordinatorContext, groupId: string, generationId: number): void {
  const group = ctx.groups.get(groupId);
  if (!group || generationId !== group.generationId) return;
  if (!group.is('CompletingRebalance') && !group.is('Stable')) return;
  if (group.hasReceivedSyncFromAllMembers()) return;
  const pending = group.allPendingSyncMembers();
  for (const memberId of pending) {
    group.remove(memberId);
    ctx.timer.cancel(heartbeatKey(groupId, memberId));
  }
  prepareRebalance(ctx, group, `removing ${pending.join(', ')} on pending sync request expiration`);
}

export function removeSyncExpiration(ctx: CoordinatorContext, group: ClassicGroup): void {
  group.clearPendingSyncMembers();
  ctx.timer.cancel(syncKey(group.groupId));
}

/** A member synced: stop its pending-sync wait, and the group's once everyone synced. */
export function removePendingSyncMember(ctx: CoordinatorContext, group: ClassicGroup, memberId: string): void {
  group.removePendingSyncMember(memberId);
  if (!group.is('CompletingRebalance') && !group.is('Stable')) ctx.timer.cancel(syncKey(group.groupId));
  else if (group.hasReceivedSyncFromAllMembers()) ctx.timer.cancel(syncKey(group.groupId));
}

export function expireHeartbeat(ctx: CoordinatorContext, groupId: string, memberId: string): void {
  const group = ctx.groups.get(groupId);
  if (!group || group.is('Dead')) return;
  if (group.isPendingMember(memberId)) {
    ctx.log.info(`pending member ${memberId} in group ${groupId} removed after session timeout expiration`);
    group.remove(memberId);
    if (group.is('PreparingRebalance') && group.hasAllMembersJoined()) completeJoin(ctx, group);
    return;
  }
  const member = group.member(memberId);
  if (!member || member.hasSatisfiedHeartbeat()) return;
  ctx.log.info(`member ${memberId} in group ${groupId} has failed, removing it from the group`);
  removeMemberAndUpdateGroup(ctx, group, member, `removing member ${memberId} on heartbeat expiration`);
}

/** Drops a member (answering a parked JoinGroup with UNKNOWN_MEMBER_ID) and moves the rebalance on. */
export function removeMemberAndUpdateGroup(ctx: CoordinatorContext, group: ClassicGroup, member: ClassicGroupMember, reason: string): void {
  group.completeJoin(member, { errorCode: ErrorCode.UNKNOWN_MEMBER_ID, memberId: '', leader: '', members: [], protocolName: null });
  group.remove(member.memberId);
  if (group.is('Stable') || group.is('CompletingRebalance')) maybePrepareRebalanceOrCompleteJoin(ctx, group, reason);
  else if (group.is('PreparingRebalance') && group.hasAllMembersJoined()) completeJoin(ctx, group);
}

export function resetAndPropagateAssignmentWithError(ctx: CoordinatorContext, group: ClassicGroup, errorCode: number): void {
  if (!group.is('CompletingRebalance')) throw new Error(`group ${group.groupId} must be CompletingRebalance, is ${group.state}`);
  for (const m of group.members.values()) m.assignment = EMPTY_ASSIGNMENT;
  propagateAssignment(ctx, group, errorCode);
}

export function setAndPropagateAssignment(ctx: CoordinatorContext, group: ClassicGroup, assignment: ReadonlyMap<string, Buffer>): void {
  if (!group.is('CompletingRebalance')) throw new Error(`group ${group.groupId} must be CompletingRebalance, is ${group.state}`);
  for (const m of group.members.values()) m.assignment = assignment.get(m.memberId) ?? EMPTY_ASSIGNMENT;
  propagateAssignment(ctx, group, ErrorCode.NONE);
}

function propagateAssignment(ctx: CoordinatorContext, group: ClassicGroup, errorCode: number): void {
  const ok = errorCode === ErrorCode.NONE;
  for (const m of group.members.values()) {
    if (!m.hasAssignment() && ok) {
      ctx.log.warn(`sending empty assignment to member ${m.memberId} of ${group.groupId} for generation ${group.generationId}`);
    }
    const answered = group.completeSync(m, {
      errorCode,
      protocolName: ok ? group.protocolName : null,
      protocolType: ok ? group.protocolType : null,
      assignment: m.assignment,
    });
    // A session that ran out while the member waited for the leader was ignored; start it afresh.
    if (answered) rescheduleHeartbeat(ctx, group, m);
  }
}
