/**
 * The classic group's state machine as data, after Kafka's ClassicGroupState: each state lists the
 * events it accepts and the state each event leads to. Anything not in the table is a bug in the
 * coordinator, so `nextState` throws instead of guessing.
 *
 * How each state answers requests (the coordinator's handlers implement this):
 * - Empty: JoinGroup from new members is accepted; SyncGroup, Heartbeat, LeaveGroup and member
 *   OffsetCommits get UNKNOWN_MEMBER_ID; admin commits (generation -1) and OffsetFetch are allowed.
 * - PreparingRebalance: Heartbeat and SyncGroup get REBALANCE_IN_PROGRESS; JoinGroups are parked
 *   until every known member rejoined or the rebalance timeout passed; LeaveGroup removes the member;
 *   commits from the previous generation are allowed.
 * - CompletingRebalance: followers' SyncGroups are parked until the leader's assignment is stored;
 *   Heartbeat is answered normally; OffsetCommit gets REBALANCE_IN_PROGRESS.
 * - Stable: Heartbeat normally; SyncGroup returns the member's current assignment; a JoinGroup from
 *   the leader or with changed metadata starts a rebalance; commits from the current generation.
 * - Dead: the group is being removed; JoinGroup, SyncGroup, Heartbeat and commits get
 *   COORDINATOR_NOT_AVAILABLE so the client looks up its coordinator again.
 */

export type ClassicGroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export const CLASSIC_GROUP_STATES: readonly ClassicGroupState[] = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
];

/**
 * - rebalance: a member joins, leaves, fails or changes its metadata (or the leader rejoins).
 * - joinCompleted: the join phase ended with at least one member; a new generation starts.
 * - joinCompletedEmpty: the join phase ended with no member left; a new, empty generation.
 * - assignmentStored: the leader's assignment was persisted.
 * - removed: the group is deleted, expired or unloaded with its coordinator partition.
 */
export type ClassicGroupEvent = 'rebalance' | 'joinCompleted' | 'joinCompletedEmpty' | 'assignmentStored' | 'removed';

export const CLASSIC_GROUP_TRANSITIONS: {
  readonly [S in ClassicGroupState]: { readonly [E in ClassicGroupEvent]?: ClassicGroupState };
} = {
  Empty: { rebalance: 'PreparingRebalance', removed: 'Dead' },
  PreparingRebalance: { joinCompleted: 'CompletingRebalance', joinCompletedEmpty: 'Empty', removed: 'Dead' },
  CompletingRebalance: { assignmentStored: 'Stable', rebalance: 'PreparingRebalance', removed: 'Dead' },
  Stable: { rebalance: 'PreparingRebalance', removed: 'Dead' },
  Dead: { removed: 'Dead' },
};

export class IllegalGroupTransitionError extends Error {
  constructor(
    readonly groupId: string,
    readonly state: ClassicGroupState,
    readonly event: ClassicGroupEvent,
  ) {
    super(`group ${groupId} in state ${state} cannot take event ${event}`);
    this.name = 'IllegalGroupTransitionError';
  }
}

/** The state `event` leads to from `state`; throws IllegalGroupTransitionError when the table has no entry. */
export function nextState(groupId: string, state: ClassicGroupState, event: ClassicGroupEvent): ClassicGroupState {
  const next = CLASSIC_GROUP_TRANSITIONS[state][event];
  if (next === undefined) throw new IllegalGroupTransitionError(groupId, state, event);
  return next;
}

export function acceptsEvent(state: ClassicGroupState, event: ClassicGroupEvent): boolean {
  return CLASSIC_GROUP_TRANSITIONS[state][event] !== undefined;
}

/** ListGroups' states filter compares lower-cased names, as Kafka does. */
export function matchesStateFilter(state: ClassicGroupState, filter: readonly string[]): boolean {
  if (filter.length === 0) return true;
  const lower = state.toLowerCase();
  return filter.some((f) => f.toLowerCase() === lower);
}
