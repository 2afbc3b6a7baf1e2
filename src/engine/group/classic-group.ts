import type { JoinGroupResponseInput } from '../protocol/apis/11-join-group';
import type { SyncGroupResponseInput } from '../protocol/apis/14-sync-group';
import { ErrorCode } from '../protocol/errors';
import { acceptsEvent, nextState, type ClassicGroupEvent, type ClassicGroupState } from './classic-group-state';
import { CONSUMER_PROTOCOL_TYPE, subscribedTopicsOf } from './consumer-subscription';
import { ClassicGroupMember, EMPTY_ASSIGNMENT, type GroupProtocol, type JoinCallback } from './group-member';
import { candidateProtocols, selectProtocol } from './group-protocol-vote';

export const NO_LEADER = '';

export interface JoinResponseMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface ClassicGroupInit {
  groupId: string;
  state: ClassicGroupState;
  now: number;
  generationId?: number;
  protocolType?: string | null;
  protocolName?: string | null;
  leaderId?: string | null;
  /** null when the loaded record had none (GroupMetadataValue before v2). */
  currentStateTimestamp?: number | null;
}

/**
 * A classic group (assignment computed by the leader client): generation, protocol, members,
 * pending (KIP-394) members and static members by group.instance.id. Mirrors Kafka's ClassicGroup;
 * validation answers with an error code (0 = fine) instead of throwing.
 */
export class ClassicGroup {
  readonly groupId: string;
  state: ClassicGroupState;
  previousState: ClassicGroupState = 'Dead';
  currentStateTimestamp: number | null;
  protocolType: string | null;
  protocolName: string | null;
  generationId: number;
  leaderId: string | null;
  readonly members = new Map<string, ClassicGroupMember>();
  /** group.instance.id → member id */
  private readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not joined yet. */
  private readonly pendingJoinMembers = new Set<string>();
  /** Members that got their JoinGroup response but have not sent SyncGroup yet. */
  private readonly pendingSyncMembers = new Set<string>();
  /** Topics the members subscribe to; undefined when unknown (not "consumer" or unparsable). */
  subscribedTopics: ReadonlySet<string> | undefined;
  /** Set when a member joins during the initial rebalance, so the initial delay is extended. */
  newMemberAdded = false;

  constructor(init: ClassicGroupInit) {
    this.groupId = init.groupId;
    this.state = init.state;
    this.generationId = init.generationId ?? 0;
    this.protocolType = init.protocolType ?? null;
    this.protocolName = init.protocolName ?? null;
    this.leaderId = init.leaderId ?? null;
    this.currentStateTimestamp = init.currentStateTimestamp === undefined ? init.now : init.currentStateTimestamp;
  }

  is(state: ClassicGroupState): boolean {
    return this.state === state;
  }

  /** Moves along the state table; throws IllegalGroupTransitionError for a move it does not list. */
  transition(event: ClassicGroupEvent, now: number): void {
    const to = nextState(this.groupId, this.state, event);
    this.previousState = this.state;
    this.state = to;
    this.currentStateTimestamp = now;
  }

  canRebalance(): boolean {
    return acceptsEvent(this.state, 'rebalance');
  }

  get usesConsumerProtocol(): boolean {
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }

  hasMember(memberId: string): boolean {
    return this.members.has(memberId);
  }

  member(memberId: string): ClassicGroupMember | undefined {
    return this.members.get(memberId);
  }

  get size(): number {
    return this.members.size;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId !== null && this.leaderId === memberId;
  }

  add(member: ClassicGroupMember, onJoin: JoinCallback | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) {
        throw new Error(`static member ${member.groupInstanceId} is already a member of group ${this.groupId}`);
      }
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.protocolType !== member.protocolType) throw new Error('the group and member protocol types differ');
    if (!this.supportsProtocols(member.protocolType, member.protocolNames())) {
      throw new Error('none of the member protocols is supported by the group');
    }
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    member.awaitingJoin = onJoin;
    this.pendingJoinMembers.delete(member.memberId);
  }

  remove(memberId: string): void {
    const removed = this.members.get(memberId);
    if (removed) {
      this.members.delete(memberId);
      if (removed.groupInstanceId !== null) this.staticMembers.delete(removed.groupInstanceId);
    }
    if (this.isLeader(memberId)) {
      const first = this.members.keys().next();
      this.leaderId = first.done ? null : first.value;
    }
    this.pendingJoinMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  /**
   * Keeps the leader if it rejoined, else makes the first rejoined member leader. False when the
   * group has no leader or nobody rejoined.
   */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    const leader = this.members.get(this.leaderId);
    if (leader?.isAwaitingJoin) return true;
    for (const m of this.members.values()) {
      if (m.isAwaitingJoin) {
        this.leaderId = m.memberId;
        return true;
      }
    }
    return false;
  }

  /**
   * A static member rejoined with an unknown member id: the old id is fenced (its parked requests
   * answered with FENCED_INSTANCE_ID) and the member continues under the new id with the same
   * assignment.
   */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): ClassicGroupMember {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`cannot replace unknown member ${oldMemberId}`);
    this.members.delete(oldMemberId);
    this.completeJoin(old, {
      errorCode: ErrorCode.FENCED_INSTANCE_ID,
      memberId: oldMemberId,
      protocolName: null,
      protocolType: null,
      leader: NO_LEADER,
      members: [],
    });
    this.completeSync(old, { errorCode: ErrorCode.FENCED_INSTANCE_ID, assignment: EMPTY_ASSIGNMENT });
    const replacement = new ClassicGroupMember({
      memberId: newMemberId,
      groupInstanceId: old.groupInstanceId,
      clientId: old.clientId,
      clientHost: old.clientHost,
      rebalanceTimeoutMs: old.rebalanceTimeoutMs,
      sessionTimeoutMs: old.sessionTimeoutMs,
      protocolType: old.protocolType,
      protocols: old.protocols,
      assignment: old.assignment,
    });
    this.members.set(newMemberId, replacement);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    this.staticMembers.set(groupInstanceId, newMemberId);
    return replacement;
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingJoinMembers.has(memberId);
  }

  addPendingMember(memberId: string): void {
    if (this.members.has(memberId)) throw new Error(`pending member ${memberId} is already a member`);
    this.pendingJoinMembers.add(memberId);
  }

  get numPendingJoinMembers(): number {
    return this.pendingJoinMembers.size;
  }

  addPendingSyncMember(memberId: string): void {
    if (!this.members.has(memberId)) throw new Error(`pending sync member ${memberId} is not a member`);
    this.pendingSyncMembers.add(memberId);
  }

  removePendingSyncMember(memberId: string): void {
    this.pendingSyncMembers.delete(memberId);
  }

  hasReceivedSyncFromAllMembers(): boolean {
    return this.pendingSyncMembers.size === 0;
  }

  allPendingSyncMembers(): string[] {
    return [...this.pendingSyncMembers];
  }

  clearPendingSyncMembers(): void {
    this.pendingSyncMembers.clear();
  }

  hasStaticMember(groupInstanceId: string): boolean {
    return this.staticMembers.has(groupInstanceId);
  }

  staticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  numStaticMembers(): number {
    return this.staticMembers.size;
  }

  notYetRejoinedMembers(): ClassicGroupMember[] {
    return [...this.members.values()].filter((m) => !m.isAwaitingJoin);
  }

  get numAwaitingJoin(): number {
    let n = 0;
    for (const m of this.members.values()) if (m.isAwaitingJoin) n++;
    return n;
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingJoinMembers.size === 0;
  }

  /** The largest rebalance timeout of the members: how long a join or sync phase may take. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /**
   * Checks that a static member's instance id maps to this member id, and that the member exists.
   * FENCED_INSTANCE_ID when another member id holds the instance id.
   */
  validateMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /**
   * Who may commit: anyone (admin tools, assign()-only consumers) while the group is Empty with
   * generation -1; otherwise a member of the current generation, and not while the leader's
   * assignment is awaited.
   */
  validateOffsetCommit(memberId: string, groupInstanceId: string | null, generationId: number): number {
    if (this.is('Dead')) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (generationId < 0 && this.is('Empty')) return ErrorCode.NONE;
    if (generationId >= 0 || memberId !== '' || groupInstanceId !== null) {
      const err = this.validateMember(memberId, groupInstanceId);
      if (err !== ErrorCode.NONE) return err;
      if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    } else if (!this.is('Empty')) {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    if (this.is('CompletingRebalance')) return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  /** The timestamp an offset's retention counts from, or undefined when offsets must not expire now. */
  offsetExpirationBase(): ((commitTimestamp: number) => number) | undefined {
    if (this.protocolType === null) return (commit) => commit;
    if (this.is('Empty')) {
      const since = this.currentStateTimestamp;
      return (commit) => since ?? commit;
    }
    if (this.usesConsumerProtocol && this.subscribedTopics !== undefined && this.is('Stable')) {
      return (commit) => commit;
    }
    return undefined;
  }

  /** When the topics are unknown, a "consumer" group is assumed subscribed to everything. */
  isSubscribedToTopic(topic: string): boolean {
    if (this.subscribedTopics !== undefined) return this.subscribedTopics.has(topic);
    return this.usesConsumerProtocol;
  }

  computeSubscribedTopics(): ReadonlySet<string> | undefined {
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return undefined;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return undefined;
    try {
      const all = new Set<string>();
      for (const m of this.members.values()) {
        for (const t of subscribedTopicsOf(m.metadata(this.protocolName))) all.add(t);
      }
      return all;
    } catch {
      return undefined;
    }
  }

  /** The candidate protocol most members prefer. */
  selectProtocol(): string {
    if (this.members.size === 0) throw new Error(`cannot select a protocol for empty group ${this.groupId}`);
    return selectProtocol(this.members.values());
  }

  /** An Empty group takes any non-empty protocol list; otherwise one protocol must be common to all. */
  supportsProtocols(protocolType: string, names: ReadonlySet<string>): boolean {
    if (this.is('Empty')) return protocolType !== '' && names.size > 0;
    if (this.protocolType !== protocolType) return false;
    // With every member gone mid-rebalance any protocol is acceptable, as Kafka's counts allow.
    if (this.members.size === 0) return names.size > 0;
    const candidates = candidateProtocols(this.members.values());
    for (const n of names) if (candidates.has(n)) return true;
    return false;
  }

  updateMember(
    member: ClassicGroupMember,
    protocols: readonly GroupProtocol[],
    rebalanceTimeoutMs: number,
    sessionTimeoutMs: number,
    onJoin: JoinCallback | null,
  ): void {
    member.protocols = protocols;
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    // A retried JoinGroup replaces the parked one. Kafka leaves the old request unanswered; we
    // answer it so no response stays pending forever on the old connection.
    if (onJoin && member.awaitingJoin && member.awaitingJoin !== onJoin) {
      this.completeJoin(member, { errorCode: ErrorCode.REBALANCE_IN_PROGRESS, memberId: member.memberId, leader: NO_LEADER, members: [], protocolName: null });
    }
    member.awaitingJoin = onJoin;
  }

  /** Answers the member's parked JoinGroup; false if none was parked. */
  completeJoin(member: ClassicGroupMember, response: JoinGroupResponseInput): boolean {
    const cb = member.awaitingJoin;
    if (!cb) return false;
    member.awaitingJoin = null;
    cb(response);
    return true;
  }

  completeSync(member: ClassicGroupMember, response: SyncGroupResponseInput): boolean {
    const cb = member.awaitingSync;
    if (!cb) return false;
    member.awaitingSync = null;
    cb(response);
    return true;
  }

  completeAllJoins(errorCode: number): void {
    for (const m of this.members.values()) {
      this.completeJoin(m, { errorCode, memberId: m.memberId, leader: NO_LEADER, members: [], protocolName: null });
    }
  }

  completeAllSyncs(errorCode: number): void {
    for (const m of this.members.values()) this.completeSync(m, { errorCode, assignment: EMPTY_ASSIGNMENT });
  }

  /** Bumps the generation at the end of a join phase and picks the protocol for it. */
  initNextGeneration(now: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transition('joinCompleted', now);
    } else {
      this.protocolName = null;
      this.subscribedTopics = this.computeSubscribedTopics();
      this.transition('joinCompletedEmpty', now);
    }
    this.clearPendingSyncMembers();
  }

  /** Every member's metadata for the chosen protocol: what the leader needs to assign. */
  joinResponseMembers(): JoinResponseMember[] {
    if (this.is('Dead') || this.is('PreparingRebalance') || this.protocolName === null) {
      throw new Error(`group ${this.groupId} has no member metadata to share in state ${this.state}`);
    }
    const protocol = this.protocolName;
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      metadata: m.metadata(protocol),
    }));
  }

  groupAssignment(): Map<string, Buffer> {
    return new Map([...this.members.values()].map((m) => [m.memberId, m.assignment]));
  }
}
