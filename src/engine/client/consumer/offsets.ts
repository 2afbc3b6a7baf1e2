import { ApiKey } from '../../protocol/api-keys';
import { ErrorCode } from '../../protocol/errors';
import { KafkaProtocolError } from '../client-errors';
import type { AssignedPartition } from './assignors';
import type { GroupMembership } from './group-membership';

export interface OffsetAndMetadata extends AssignedPartition {
  offset: number;
  metadata?: string | null;
}

/** A commit the group refused because this member's generation is over (Kafka's CommitFailedException). */
export class CommitFailedError extends Error {
  override readonly name = 'CommitFailedError';
  constructor(override readonly cause: KafkaProtocolError) {
    super(`the commit failed because the group rebalanced and gave the partitions to others: ${cause.message}`);
  }
}

const GENERATION_OVER: ReadonlySet<number> = new Set([ErrorCode.ILLEGAL_GENERATION, ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.REBALANCE_IN_PROGRESS, ErrorCode.FENCED_INSTANCE_ID]);

function byTopic<T extends AssignedPartition>(list: readonly T[]): Array<[string, T[]]> {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(x.topic, [...(m.get(x.topic) ?? []), x]);
  return [...m];
}

/**
 * OffsetCommit as a member of the current generation (ConsumerCoordinator.sendOffsetCommitRequest):
 * a refused generation ends it (CommitFailedError, rejoin), a moved coordinator is found again.
 */
export async function commitOffsets(membership: GroupMembership, offsets: readonly OffsetAndMetadata[]): Promise<void> {
  if (offsets.length === 0) return;
  await membership.withCoordinator(async (conn) => {
    const { response } = await conn.request(ApiKey.OffsetCommit, { min: 2, max: 9 }, () => ({
      groupId: membership.groupId,
      generationIdOrMemberEpoch: membership.generationId,
      memberId: membership.memberId,
      groupInstanceId: membership.groupInstanceId,
      topics: byTopic(offsets).map(([name, ps]) => ({
        name,
        partitions: ps.map((p) => ({ partitionIndex: p.partition, committedOffset: BigInt(p.offset), committedLeaderEpoch: -1, committedMetadata: p.metadata ?? '' })),
      })),
    }));
    for (const t of response.topics) {
      for (const p of t.partitions) {
        if (p.errorCode === 0) continue;
        const err = new KafkaProtocolError(p.errorCode, null, { groupId: membership.groupId, topic: t.name, partition: p.partitionIndex, broker: conn.label });
        if (GENERATION_OVER.has(p.errorCode)) {
          if (p.errorCode !== ErrorCode.REBALANCE_IN_PROGRESS) membership.resetMember();
          membership.rejoinNeeded = true;
          throw new CommitFailedError(err);
        }
        throw err;
      }
    }
  });
}

/** The group's committed offsets for `partitions` (-1: none), via OffsetFetch v1–v7 (v8+ batch groups; one group needs none of that). */
export async function fetchCommittedOffsets(membership: GroupMembership, partitions: readonly AssignedPartition[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (partitions.length === 0) return out;
  await membership.withCoordinator(async (conn) => {
    const { response } = await conn.request(ApiKey.OffsetFetch, { min: 1, max: 7 }, () => ({
      groupId: membership.groupId,
      topics: byTopic(partitions).map(([name, ps]) => ({ name, partitionIndexes: ps.map((p) => p.partition) })),
      requireStable: false,
    }));
    if (response.errorCode !== 0) throw new KafkaProtocolError(response.errorCode, null, { groupId: membership.groupId, broker: conn.label });
    for (const t of response.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== 0) throw new KafkaProtocolError(p.errorCode, null, { groupId: membership.groupId, topic: t.name, partition: p.partitionIndex });
        out.set(`${t.name}/${p.partitionIndex}`, Number(p.committedOffset));
      }
    }
  });
  return out;
}
