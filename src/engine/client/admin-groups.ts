import { ApiKey } from '../protocol/api-keys';
import type { ResponseOf } from '../protocol/apis';
import { ErrorCode } from '../protocol/errors';
import type { BrokerConnection } from './broker-connection';
import { KafkaProtocolError, UnsupportedApiError, throwIfError } from './client-errors';
import { decodeMemberAssignment, type MemberAssignment } from './consumer-protocol';
import type { KafkaClient } from './kafka-client';
import { isCoordinatorRetryError } from './retry';

export interface CoordinatorInfo {
  nodeId: number;
  host: string;
  port: number;
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  /** Empty when the broker's ListGroups version has no state (< v4). */
  state: string;
  /** Empty when the broker's ListGroups version has no type (< v5). */
  type: string;
  coordinatorId: number;
}

export interface ListGroupsResult {
  groups: ListedGroup[];
  /** Brokers that could not answer; their groups are missing from `groups`. */
  brokerErrors: Array<{ nodeId: number; message: string }>;
}

export interface GroupMemberDescription {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  metadata: Buffer;
  assignment: Buffer;
  /** The decoded assignment for "consumer" groups, else null. */
  assignedPartitions: MemberAssignment | null;
}

export interface GroupDescription {
  groupId: string;
  state: string;
  protocolType: string;
  /** The chosen assignor for consumer groups. */
  protocol: string;
  members: GroupMemberDescription[];
  coordinatorId: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface CommittedOffset extends TopicPartition {
  /** -1 when the group has no offset for the partition. */
  offset: number;
  leaderEpoch: number;
  metadata: string | null;
}

export interface OffsetToCommit extends TopicPartition {
  offset: number;
  metadata?: string | null;
}

/**
 * Group administration through each group's coordinator, found with FindCoordinator and cached
 * until the coordinator says it no longer is one.
 */
export class GroupAdmin {
  private readonly coordinators = new Map<string, number>();

  constructor(private readonly client: KafkaClient) {}

  async findCoordinator(groupId: string): Promise<CoordinatorInfo> {
    return this.client.withRetries(() => this.lookupCoordinator(groupId), { retryIf: isCoordinatorRetryError });
  }

  private async lookupCoordinator(groupId: string): Promise<CoordinatorInfo> {
    const { version, response, conn } = await this.client.send('any', ApiKey.FindCoordinator, null, () => ({ key: groupId, keyType: 0, coordinatorKeys: [groupId] }));
    let info: CoordinatorInfo;
    if (version >= 4) {
      const c = response.coordinators.find((x) => x.key === groupId);
      if (!c) throw new KafkaProtocolError(ErrorCode.COORDINATOR_NOT_AVAILABLE, `${conn.label} sent no coordinator`, { groupId });
      throwIfError(c.errorCode, c.errorMessage, { groupId, broker: conn.label });
      info = { nodeId: c.nodeId, host: c.host, port: c.port };
    } else {
      throwIfError(response.errorCode, response.errorMessage, { groupId, broker: conn.label });
      info = { nodeId: response.nodeId, host: response.host, port: response.port };
    }
    this.coordinators.set(groupId, info.nodeId);
    return info;
  }

  /** Runs `op` against the group's coordinator, looking it up again after coordinator errors. */
  private withCoordinator<T>(groupId: string, op: (conn: BrokerConnection, coordinatorId: number) => Promise<T>): Promise<T> {
    return this.client.withRetries(
      async () => {
        try {
          const nodeId = this.coordinators.get(groupId) ?? (await this.lookupCoordinator(groupId)).nodeId;
          return await op(await this.client.broker(nodeId), nodeId);
        } catch (e) {
          this.coordinators.delete(groupId);
          throw e;
        }
      },
      { retryIf: isCoordinatorRetryError, idempotent: true },
    );
  }

  /** Asks every broker for the groups it coordinates. */
  async listGroups(options: { states?: string[] } = {}): Promise<ListGroupsResult> {
    const meta = await this.client.refreshMetadata([]);
    const groups: ListedGroup[] = [];
    const brokerErrors: ListGroupsResult['brokerErrors'] = [];
    await Promise.all(
      meta.brokers.map(async (b) => {
        try {
          const { version, response, conn } = await this.client.send(b.nodeId, ApiKey.ListGroups, null, () => ({ statesFilter: options.states ?? [], typesFilter: [] }));
          throwIfError(response.errorCode, null, { broker: conn.label });
          for (const g of response.groups) {
            if (version < 4 && options.states && options.states.length > 0) continue;
            groups.push({ groupId: g.groupId, protocolType: g.protocolType, state: g.groupState, type: g.groupType, coordinatorId: b.nodeId });
          }
        } catch (e) {
          if (e instanceof UnsupportedApiError) throw e;
          brokerErrors.push({ nodeId: b.nodeId, message: (e as Error).message });
        }
      }),
    );
    groups.sort((a, b) => a.groupId.localeCompare(b.groupId));
    return { groups, brokerErrors };
  }

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    return Promise.all(
      groupIds.map((groupId) =>
        this.withCoordinator(groupId, async (conn, coordinatorId) => {
          const { response } = await conn.request(ApiKey.DescribeGroups, null, () => ({ groups: [groupId], includeAuthorizedOperations: false }));
          const g = response.groups.find((x) => x.groupId === groupId);
          if (!g) throw new KafkaProtocolError(ErrorCode.GROUP_ID_NOT_FOUND, `${conn.label} did not describe the group`, { groupId });
          throwIfError(g.errorCode, null, { groupId, broker: conn.label });
          return describedGroup(g, coordinatorId);
        }),
      ),
    );
  }

  /**
   * DescribeGroups of many groups in one request to a broker that coordinates them (ListGroups
   * says which): no FindCoordinator per group, so listing thousands of groups stays a few requests.
   * Groups answered with an error come back as `{ groupId, error }`.
   */
  async describeGroupsAt(nodeId: number, groupIds: readonly string[]): Promise<Array<GroupDescription | { groupId: string; error: KafkaProtocolError }>> {
    if (groupIds.length === 0) return [];
    const { response, conn } = await this.client.send(nodeId, ApiKey.DescribeGroups, null, () => ({ groups: [...groupIds], includeAuthorizedOperations: false }));
    const byId = new Map(response.groups.map((g) => [g.groupId, g]));
    return groupIds.map((groupId) => {
      const g = byId.get(groupId);
      if (!g) return { groupId, error: new KafkaProtocolError(ErrorCode.GROUP_ID_NOT_FOUND, `${conn.label} did not describe the group`, { groupId }) };
      if (g.errorCode !== 0) return { groupId, error: new KafkaProtocolError(g.errorCode, null, { groupId, broker: conn.label }) };
      return describedGroup(g, nodeId);
    });
  }

  /** A group's committed offsets: for `partitions`, or every partition it has committed. */
  async offsetFetch(groupId: string, partitions?: readonly TopicPartition[]): Promise<CommittedOffset[]> {
    const topics = partitions ? groupByTopic(partitions).map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) })) : null;
    return this.withCoordinator(groupId, async (conn) => {
      // v2 is the first where a null topic list means "all topics".
      const { version, response } = await conn.request(ApiKey.OffsetFetch, { min: 2, max: 9 }, () => ({
        groupId,
        topics,
        groups: [{ groupId, memberId: null, memberEpoch: -1, topics: topics ? topics.map((t) => ({ name: t.name, partitionIndexes: t.partitionIndexes })) : null }],
        requireStable: false,
      }));
      let errorCode: number;
      let rows: Array<{ name: string; partitions: Array<{ partitionIndex: number; committedOffset: bigint; committedLeaderEpoch: number; metadata: string | null; errorCode: number }> }>;
      if (version >= 8) {
        const g = response.groups.find((x) => x.groupId === groupId);
        errorCode = g?.errorCode ?? ErrorCode.GROUP_ID_NOT_FOUND;
        rows = g?.topics ?? [];
      } else {
        errorCode = response.errorCode;
        rows = response.topics;
      }
      throwIfError(errorCode, null, { groupId, broker: conn.label });
      const out: CommittedOffset[] = [];
      for (const t of rows) {
        for (const p of t.partitions) {
          throwIfError(p.errorCode, null, { groupId, topic: t.name, partition: p.partitionIndex, broker: conn.label });
          out.push({ topic: t.name, partition: p.partitionIndex, offset: Number(p.committedOffset), leaderEpoch: p.committedLeaderEpoch, metadata: p.metadata });
        }
      }
      return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    });
  }

  /**
   * Commits offsets as an admin (generation -1, empty member id), which the coordinator accepts
   * only while the group has no active members: kafka-consumer-groups.sh --reset-offsets does this.
   */
  async offsetCommit(groupId: string, offsets: readonly OffsetToCommit[]): Promise<void> {
    await this.withCoordinator(groupId, async (conn) => {
      const { response } = await conn.request(ApiKey.OffsetCommit, { min: 2, max: 9 }, () => ({
        groupId,
        generationIdOrMemberEpoch: -1,
        memberId: '',
        groupInstanceId: null,
        retentionTimeMs: -1n,
        topics: groupByTopic(offsets).map(([name, ps]) => ({
          name,
          partitions: ps.map((p) => ({ partitionIndex: p.partition, committedOffset: BigInt(p.offset), committedLeaderEpoch: -1, committedMetadata: p.metadata ?? '' })),
        })),
      }));
      for (const t of response.topics) {
        for (const p of t.partitions) throwIfError(p.errorCode, null, { groupId, topic: t.name, partition: p.partitionIndex, broker: conn.label });
      }
    });
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    await Promise.all(
      groupIds.map((groupId) =>
        this.withCoordinator(groupId, async (conn) => {
          const { response } = await conn.request(ApiKey.DeleteGroups, null, () => ({ groupsNames: [groupId] }));
          for (const r of response.results) throwIfError(r.errorCode, null, { groupId: r.groupId, broker: conn.label });
        }),
      ),
    );
    for (const g of groupIds) this.coordinators.delete(g);
  }

  /** Removes a group's committed offsets for some partitions (refused while members consume them). */
  async offsetDelete(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    await this.withCoordinator(groupId, async (conn) => {
      const { response } = await conn.request(ApiKey.OffsetDelete, null, () => ({
        groupId,
        topics: groupByTopic(partitions).map(([name, ps]) => ({ name, partitions: ps.map((p) => ({ partitionIndex: p.partition })) })),
      }));
      throwIfError(response.errorCode, null, { groupId, broker: conn.label });
      for (const t of response.topics) {
        for (const p of t.partitions) throwIfError(p.errorCode, null, { groupId, topic: t.name, partition: p.partitionIndex, broker: conn.label });
      }
    });
  }
}

/** A member's assignment bytes that do not decode (a client's own protocol) leave it unknown rather than failing the listing. */
type DescribedGroupWire = ResponseOf<typeof ApiKey.DescribeGroups>['groups'][number];

/** A DescribeGroups entry in the client's shape; a consumer member's assignment decoded where it parses. */
function describedGroup(g: DescribedGroupWire, coordinatorId: number): GroupDescription {
  return {
    groupId: g.groupId,
    state: g.groupState,
    protocolType: g.protocolType,
    protocol: g.protocolData,
    coordinatorId,
    members: g.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      metadata: m.memberMetadata,
      assignment: m.memberAssignment,
      assignedPartitions: g.protocolType === 'consumer' ? safeDecodeAssignment(m.memberAssignment) : null,
    })),
  };
}

function safeDecodeAssignment(bytes: Buffer): MemberAssignment | null {
  try {
    return decodeMemberAssignment(bytes);
  } catch {
    return null;
  }
}

function groupByTopic<T extends TopicPartition>(list: readonly T[]): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const l = m.get(x.topic);
    if (l) l.push(x);
    else m.set(x.topic, [x]);
  }
  return [...m];
}
