import type { JoinGroupResponseInput } from '../protocol/apis/11-join-group';
import type { SyncGroupResponseInput } from '../protocol/apis/14-sync-group';

/** One entry of a JoinGroup's protocol list: an assignor name and the member's metadata for it. */
export interface GroupProtocol {
  readonly name: string;
  readonly metadata: Buffer;
}

export type JoinCallback = (response: JoinGroupResponseInput) => void;
export type SyncCallback = (response: SyncGroupResponseInput) => void;

export const EMPTY_ASSIGNMENT: Buffer = Buffer.alloc(0);

export interface ClassicGroupMemberInit {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  protocols: readonly GroupProtocol[];
  assignment?: Buffer;
}

/**
 * A member of a classic group. The parked JoinGroup/SyncGroup requests are kept as callbacks: a
 * member "is awaiting join" exactly while its JoinGroup has not been answered.
 */
export class ClassicGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly protocolType: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocols: readonly GroupProtocol[];
  assignment: Buffer;
  awaitingJoin: JoinCallback | null = null;
  awaitingSync: SyncCallback | null = null;
  /**
   * True from the first JoinGroup until the join phase completes. A new member's session timer is
   * the new-member join timeout, and its parked JoinGroup does not count as a heartbeat.
   */
  isNew = false;

  constructor(init: ClassicGroupMemberInit) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.protocolType = init.protocolType;
    this.protocols = init.protocols;
    this.assignment = init.assignment ?? EMPTY_ASSIGNMENT;
  }

  get isStatic(): boolean {
    return this.groupInstanceId !== null;
  }

  get isAwaitingJoin(): boolean {
    return this.awaitingJoin !== null;
  }

  get isAwaitingSync(): boolean {
    return this.awaitingSync !== null;
  }

  /** A member parked in a rebalance counts as alive, unless it is new (it could be a defunct retry). */
  hasSatisfiedHeartbeat(): boolean {
    if (this.isNew) return false;
    return this.isAwaitingJoin || this.isAwaitingSync;
  }

  /** The metadata the member sent for `protocolName`; throws if it does not support it. */
  metadata(protocolName: string): Buffer {
    const p = this.protocols.find((x) => x.name === protocolName);
    if (!p) throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    return p.metadata;
  }

  /** Same protocols, same order, same metadata bytes. */
  matches(protocols: readonly GroupProtocol[]): boolean {
    if (protocols.length !== this.protocols.length) return false;
    return protocols.every((p, i) => p.name === this.protocols[i].name && p.metadata.equals(this.protocols[i].metadata));
  }

  /** The member's preferred protocol among `candidates` (its list is in preference order). */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.protocols.find((x) => candidates.has(x.name));
    if (!p) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return p.name;
  }

  protocolNames(): Set<string> {
    return new Set(this.protocols.map((p) => p.name));
  }

  hasAssignment(): boolean {
    return this.assignment.length > 0;
  }
}
