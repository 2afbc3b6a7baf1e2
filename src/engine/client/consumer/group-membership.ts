import { ApiKey } from '../../protocol/api-keys';
import { ErrorCode } from '../../protocol/errors';
import { GroupAdmin, type CoordinatorInfo } from '../admin-groups';
import { BrokerConnection } from '../broker-connection';
import { ConnectionError, KafkaProtocolError } from '../client-errors';
import { decodeMemberAssignment } from '../consumer-protocol';
import type { KafkaClient } from '../kafka-client';
import { sleep } from '../retry';
import type { AssignedPartition, AssignorMember, PartitionAssignor } from './assignors';
import { decodeSubscription, encodeAssignment, encodeSubscription } from './subscription';

export interface MembershipOptions {
  groupId: string;
  /** Static membership (KIP-345): the member keeps its partitions across restarts within the session. */
  groupInstanceId?: string | null;
  /** Default 45000 (Kafka 3.x). */
  sessionTimeoutMs?: number;
  /** max.poll.interval.ms: how long the group waits for members to rejoin. Default 300000. */
  rebalanceTimeoutMs?: number;
  /** Default 3000. */
  heartbeatIntervalMs?: number;
  /** In preference order; the coordinator picks one every member supports. Default [range]. */
  assignors: readonly PartitionAssignor[];
  requestTimeoutMs?: number;
}

/** What the member holds after a completed JoinGroup + SyncGroup. */
export interface Generation {
  generationId: number;
  memberId: string;
  protocol: string;
  leader: boolean;
  assignment: AssignedPartition[];
}

/** JoinGroup waits up to the rebalance timeout; Kafka's client gives it this much more. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5_000;

const COORDINATOR_ERRORS: ReadonlySet<number> = new Set([ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS]);

/** The member must join again (its generation is over), with its member id unless told otherwise. */
export class RejoinNeededError extends Error {
  override readonly name = 'RejoinNeededError';
}

/**
 * A classic-protocol group member's side of the coordinator (Kafka's AbstractCoordinator): finds
 * the coordinator, joins and syncs, heartbeats in the background and leaves. The join/sync/commit
 * requests and the heartbeats each have their own connection to the coordinator — a connection
 * serves one request at a time, and a heartbeat must never wait behind a parked JoinGroup or a
 * commit.
 */
export class GroupMembership {
  readonly groupId: string;
  readonly groupInstanceId: string | null;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  private readonly requestTimeoutMs: number;
  private readonly admin: GroupAdmin;
  memberId = '';
  generationId = -1;
  /** Set by a heartbeat or commit answer that ends the generation. */
  rejoinNeeded = true;
  private coordinator: { info: CoordinatorInfo; main: BrokerConnection; heartbeat: BrokerConnection } | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastHeartbeatOkMs = 0;
  /** When the application last asked for records (KafkaConsumer.poll); see notePoll. */
  private lastPollMs = Date.now();
  private closed = false;
  /** Called when the background heartbeat learns the generation is over. */
  onRejoinNeeded: (reason: string) => void = () => undefined;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: MembershipOptions,
  ) {
    this.groupId = options.groupId;
    this.groupInstanceId = options.groupInstanceId ?? null;
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? 45_000;
    this.rebalanceTimeoutMs = options.rebalanceTimeoutMs ?? 300_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    if (options.assignors.length === 0) throw new RangeError('a group member needs at least one assignor');
    this.admin = new GroupAdmin(client);
  }

  get coordinatorId(): number | null {
    return this.coordinator?.info.nodeId ?? null;
  }

  /** The coordinator's two connections, found and opened when needed. */
  async ensureCoordinator(): Promise<BrokerConnection> {
    if (this.coordinator && !this.coordinator.main.isClosed && !this.coordinator.heartbeat.isClosed) return this.coordinator.main;
    this.markCoordinatorUnknown();
    const info = await this.admin.findCoordinator(this.groupId);
    const open = () => BrokerConnection.connect({ host: info.host, port: info.port, nodeId: info.nodeId, clientId: this.client.clientId, requestTimeoutMs: this.requestTimeoutMs });
    const [main, heartbeat] = await Promise.all([open(), open()]);
    if (this.closed) {
      main.close();
      heartbeat.close();
      throw new ConnectionError(`broker ${info.nodeId}`, 'the member is closed');
    }
    this.coordinator = { info, main, heartbeat };
    return main;
  }

  markCoordinatorUnknown(): void {
    if (!this.coordinator) return;
    this.coordinator.main.close();
    this.coordinator.heartbeat.close();
    this.coordinator = null;
  }

  /**
   * JoinGroup then SyncGroup until a generation is complete; the leader runs the chosen assignor
   * over every member's subscription. `partitionCounts` gives the partition count of topics.
   */
  async join(topics: readonly string[], partitionCounts: (topics: string[]) => Promise<Map<string, number>>): Promise<Generation> {
    this.stopHeartbeats();
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new ConnectionError('group', 'the member is closed');
      try {
        const generation = await this.joinOnce(topics, partitionCounts);
        this.rejoinNeeded = false;
        this.startHeartbeats();
        return generation;
      } catch (e) {
        if (e instanceof KafkaProtocolError) {
          if (e.code === ErrorCode.UNKNOWN_MEMBER_ID || e.code === ErrorCode.ILLEGAL_GENERATION) this.resetMember();
          else if (e.code === ErrorCode.FENCED_INSTANCE_ID) throw e;
          else if (COORDINATOR_ERRORS.has(e.code)) this.markCoordinatorUnknown();
          else if (e.code !== ErrorCode.REBALANCE_IN_PROGRESS && e.code !== ErrorCode.MEMBER_ID_REQUIRED && !e.retriable) throw e;
        } else if (e instanceof ConnectionError) this.markCoordinatorUnknown();
        else throw e;
        if (e instanceof KafkaProtocolError && e.code === ErrorCode.MEMBER_ID_REQUIRED) continue;
        await sleep(Math.min(1_000, 100 * 2 ** Math.min(attempt, 4)));
      }
    }
  }

  private async joinOnce(topics: readonly string[], partitionCounts: (topics: string[]) => Promise<Map<string, number>>): Promise<Generation> {
    const conn = await this.ensureCoordinator();
    const metadata = encodeSubscription(topics);
    const { response: join } = await conn.request(
      ApiKey.JoinGroup,
      { min: 1, max: 9 },
      () => ({
        groupId: this.groupId,
        sessionTimeoutMs: this.sessionTimeoutMs,
        rebalanceTimeoutMs: this.rebalanceTimeoutMs,
        memberId: this.memberId,
        groupInstanceId: this.groupInstanceId,
        protocolType: 'consumer',
        protocols: this.options.assignors.map((a) => ({ name: a.name, metadata })),
        reason: null,
      }),
      { timeoutMs: Math.max(this.requestTimeoutMs, this.rebalanceTimeoutMs + JOIN_GROUP_TIMEOUT_LAPSE_MS) },
    );
    if (join.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
      // KIP-394: the coordinator hands out the id first and waits for the member to come back with it.
      this.memberId = join.memberId;
      throw new KafkaProtocolError(join.errorCode, null, { groupId: this.groupId });
    }
    if (join.errorCode !== 0) throw new KafkaProtocolError(join.errorCode, null, { groupId: this.groupId, broker: conn.label });
    this.memberId = join.memberId;
    this.generationId = join.generationId;
    const protocol = join.protocolName ?? '';
    const leader = join.leader === join.memberId;
    let assignments: Array<{ memberId: string; assignment: Buffer }> = [];
    if (leader && !join.skipAssignment) assignments = await this.assign(protocol, join.members, partitionCounts);
    const { response: sync } = await conn.request(ApiKey.SyncGroup, { min: 0, max: 5 }, () => ({
      groupId: this.groupId,
      generationId: this.generationId,
      memberId: this.memberId,
      groupInstanceId: this.groupInstanceId,
      protocolType: 'consumer',
      protocolName: protocol,
      assignments,
    }));
    if (sync.errorCode !== 0) throw new KafkaProtocolError(sync.errorCode, null, { groupId: this.groupId, broker: conn.label });
    const decoded = decodeMemberAssignment(sync.assignment);
    if (!decoded) throw new KafkaProtocolError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, 'the assignment is not a consumer-protocol assignment', { groupId: this.groupId });
    return {
      generationId: this.generationId,
      memberId: this.memberId,
      protocol,
      leader,
      assignment: decoded.partitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition }))),
    };
  }

  private async assign(
    protocol: string,
    members: ReadonlyArray<{ memberId: string; groupInstanceId: string | null; metadata: Buffer }>,
    partitionCounts: (topics: string[]) => Promise<Map<string, number>>,
  ): Promise<Array<{ memberId: string; assignment: Buffer }>> {
    const assignor = this.options.assignors.find((a) => a.name === protocol);
    if (!assignor) throw new KafkaProtocolError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, `the coordinator chose "${protocol}", which this member does not have`, { groupId: this.groupId });
    const subscribed: AssignorMember[] = members.map((m) => {
      try {
        return { memberId: m.memberId, groupInstanceId: m.groupInstanceId, topics: decodeSubscription(m.metadata).topics };
      } catch (e) {
        throw new KafkaProtocolError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, `member ${m.memberId} sent a subscription that cannot be read: ${(e as Error).message}`, { groupId: this.groupId });
      }
    });
    const counts = await partitionCounts([...new Set(subscribed.flatMap((m) => m.topics))]);
    const plan = assignor.assign(counts, subscribed);
    return subscribed.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment(plan.get(m.memberId) ?? []) }));
  }

  private startHeartbeats(): void {
    this.stopHeartbeats();
    this.lastHeartbeatOkMs = Date.now();
    const beat = async (): Promise<void> => {
      this.heartbeatTimer = null;
      if (this.closed || this.rejoinNeeded) return;
      if (Date.now() - this.lastPollMs > this.rebalanceTimeoutMs) {
        // Static members stay registered until their session ends (AbstractCoordinator.maybeLeaveGroup).
        if (this.groupInstanceId === null) await this.leave('consumer poll timeout has expired');
        else this.rejoinNeeded = true;
        this.onRejoinNeeded('consumer poll timeout has expired');
        return;
      }
      const hb = this.coordinator?.heartbeat;
      try {
        if (!hb || hb.isClosed) throw new ConnectionError('coordinator', 'no heartbeat connection');
        const { response } = await hb.request(ApiKey.Heartbeat, { min: 0, max: 4 }, () => ({
          groupId: this.groupId,
          generationId: this.generationId,
          memberId: this.memberId,
          groupInstanceId: this.groupInstanceId,
        }), { timeoutMs: Math.min(this.requestTimeoutMs, this.sessionTimeoutMs) });
        if (response.errorCode === 0) this.lastHeartbeatOkMs = Date.now();
        else if (response.errorCode === ErrorCode.REBALANCE_IN_PROGRESS) return this.needRejoin('the group is rebalancing');
        else if (response.errorCode === ErrorCode.UNKNOWN_MEMBER_ID || response.errorCode === ErrorCode.ILLEGAL_GENERATION || response.errorCode === ErrorCode.FENCED_INSTANCE_ID) {
          this.resetMember();
          return this.needRejoin(`heartbeat: ${new KafkaProtocolError(response.errorCode).name}`);
        } else if (COORDINATOR_ERRORS.has(response.errorCode)) this.markCoordinatorUnknown();
      } catch {
        this.markCoordinatorUnknown();
      }
      if (!this.coordinator && !this.closed && !this.rejoinNeeded) {
        // The coordinator moved: find it again for the next beat.
        await this.ensureCoordinator().catch(() => undefined);
      }
      // Past the session without an answer the coordinator has surely dropped us (AbstractCoordinator's sessionTimeoutExpired).
      if (Date.now() - this.lastHeartbeatOkMs > this.sessionTimeoutMs) return this.needRejoin('no heartbeat answered within the session timeout');
      if (!this.closed && !this.rejoinNeeded) this.heartbeatTimer = setTimeout(() => void beat(), this.heartbeatIntervalMs);
    };
    this.heartbeatTimer = setTimeout(() => void beat(), this.heartbeatIntervalMs);
  }

  /**
   * The application is making progress. A member that has not polled for the rebalance timeout
   * (max.poll.interval.ms) leaves the group from the heartbeat, as the Java heartbeat thread does
   * ("consumer poll timeout has expired"), so its partitions go to members that work.
   */
  notePoll(): void {
    this.lastPollMs = Date.now();
  }

  private needRejoin(reason: string): void {
    if (this.rejoinNeeded) return;
    this.rejoinNeeded = true;
    this.onRejoinNeeded(reason);
  }

  stopHeartbeats(): void {
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  resetMember(): void {
    this.memberId = '';
    this.generationId = -1;
  }

  /** Runs a request on the coordinator's main connection, finding the coordinator again after it moves. */
  async withCoordinator<T>(op: (conn: BrokerConnection) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await op(await this.ensureCoordinator());
      } catch (e) {
        const moved = (e instanceof KafkaProtocolError && COORDINATOR_ERRORS.has(e.code)) || e instanceof ConnectionError;
        if (!moved || attempt >= 10 || this.closed) throw e;
        this.markCoordinatorUnknown();
        await sleep(Math.min(1_000, 100 * 2 ** Math.min(attempt, 4)));
      }
    }
  }

  /** LeaveGroup (v3+ also names the instance id); the member id is forgotten after it. */
  async leave(reason = 'the consumer is leaving the group'): Promise<void> {
    this.stopHeartbeats();
    if (this.memberId === '') return;
    const memberId = this.memberId;
    this.resetMember();
    this.rejoinNeeded = true;
    await this.withCoordinator(async (conn) => {
      const { response } = await conn.request(ApiKey.LeaveGroup, { min: 0, max: 5 }, () => ({
        groupId: this.groupId,
        memberId,
        members: [{ memberId, groupInstanceId: this.groupInstanceId, reason }],
      }));
      if (response.errorCode !== 0 && response.errorCode !== ErrorCode.UNKNOWN_MEMBER_ID) throw new KafkaProtocolError(response.errorCode, null, { groupId: this.groupId });
    }).catch(() => undefined);
  }

  /** Stops everything without a word to the coordinator: the group notices after the session timeout. */
  close(): void {
    this.closed = true;
    this.stopHeartbeats();
    this.markCoordinatorUnknown();
  }
}
