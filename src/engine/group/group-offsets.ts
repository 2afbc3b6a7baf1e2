import type { OffsetCommitRequest, OffsetCommitResponseInput } from '../protocol/apis/08-offset-commit';
import type { OffsetDeleteRequest, OffsetDeleteResponseInput } from '../protocol/apis/47-offset-delete';
import { ErrorCode } from '../protocol/errors';
import { ClassicGroup } from './classic-group';
import { rescheduleHeartbeat } from './classic-group-rebalance';
import type { CoordinatorContext, GroupRequestContext } from './coordinator-context';
import { appendErrorToResponseError } from './group-persistence';
import { offsetCommitRecord, offsetCommitTombstone, type GroupRecord, type OffsetAndMetadata } from './group-records-codec';

/** OffsetCommit v9+ tells a missing group apart (GROUP_ID_NOT_FOUND); older versions got ILLEGAL_GENERATION. */
const GROUP_ID_NOT_FOUND_FROM_VERSION = 9;

function commitErrorForAll(req: OffsetCommitRequest, errorCode: number): OffsetCommitResponseInput {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
    })),
  };
}

/**
 * Finds the group a commit is for. A commit with generation -1 to an unknown group creates an
 * Empty "simple" group (no protocol type): admin tools and consumers using assign() commit so.
 */
function groupForCommit(ctx: CoordinatorContext, req: OffsetCommitRequest, rc: GroupRequestContext): ClassicGroup | number {
  const existing = ctx.groups.get(req.groupId);
  if (existing) return existing;
  if (req.generationIdOrMemberEpoch < 0) {
    const created = new ClassicGroup({ groupId: req.groupId, state: 'Empty', now: ctx.clock.now() });
    ctx.groups.set(req.groupId, created);
    return created;
  }
  return rc.apiVersion >= GROUP_ID_NOT_FOUND_FROM_VERSION ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
}

export async function offsetCommit(ctx: CoordinatorContext, req: OffsetCommitRequest, rc: GroupRequestContext): Promise<OffsetCommitResponseInput> {
  if (req.groupId === '') return commitErrorForAll(req, ErrorCode.INVALID_GROUP_ID);
  const found = groupForCommit(ctx, req, rc);
  if (typeof found === 'number') return commitErrorForAll(req, found);
  const group = found;
  const err = group.validateOffsetCommit(req.memberId, req.groupInstanceId, req.generationIdOrMemberEpoch);
  if (err !== ErrorCode.NONE) return commitErrorForAll(req, err);

  // A commit proves the member is alive, as a heartbeat would.
  if (group.is('Stable') || group.is('PreparingRebalance')) {
    const member = group.member(req.memberId);
    if (member) rescheduleHeartbeat(ctx, group, member);
  }

  const now = ctx.clock.now();
  const expireTimestamp = req.retentionTimeMs === -1n ? null : now + Number(req.retentionTimeMs);
  const records: GroupRecord[] = [];
  const toApply: { topic: string; partition: number; offset: OffsetAndMetadata }[] = [];
  const response: OffsetCommitResponseInput = { throttleTimeMs: 0, topics: [] };
  for (const t of req.topics) {
    const partitions: { partitionIndex: number; errorCode: number }[] = [];
    response.topics.push({ name: t.name, partitions });
    for (const p of t.partitions) {
      if (p.committedMetadata !== null && p.committedMetadata.length > ctx.config.offsetMetadataMaxBytes) {
        partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE });
        continue;
      }
      const offset: OffsetAndMetadata = {
        offset: p.committedOffset,
        leaderEpoch: p.committedLeaderEpoch,
        metadata: p.committedMetadata ?? '',
        commitTimestamp: p.commitTimestamp === -1n ? now : Number(p.commitTimestamp),
        expireTimestamp,
      };
      records.push(offsetCommitRecord(req.groupId, t.name, p.partitionIndex, offset));
      toApply.push({ topic: t.name, partition: p.partitionIndex, offset });
      partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE });
    }
  }
  if (records.length === 0) return response;
  try {
    await ctx.persistence.append(records);
  } catch (e) {
    forgetUnusedSimpleGroup(ctx, group);
    return commitErrorForAll(req, appendErrorToResponseError(e));
  }
  for (const a of toApply) ctx.offsets.put(req.groupId, a.topic, a.partition, a.offset);
  return response;
}

/** A simple group created for a commit that then failed to store is not kept. */
function forgetUnusedSimpleGroup(ctx: CoordinatorContext, group: ClassicGroup): void {
  const unused = group.is('Empty') && group.size === 0 && group.protocolType === null && group.generationId === 0;
  if (unused && !ctx.offsets.hasOffsets(group.groupId) && ctx.groups.get(group.groupId) === group) ctx.groups.delete(group.groupId);
}

/**
 * OffsetDelete: removes committed offsets of partitions whose topic the group does not consume.
 * Only Empty groups, or "consumer" groups for topics outside their subscription.
 */
export async function offsetDelete(ctx: CoordinatorContext, req: OffsetDeleteRequest): Promise<OffsetDeleteResponseInput> {
  const topLevel = (errorCode: number): OffsetDeleteResponseInput => ({ errorCode, throttleTimeMs: 0, topics: [] });
  if (req.groupId === '') return topLevel(ErrorCode.INVALID_GROUP_ID);
  const group = ctx.groups.get(req.groupId);
  if (!group || group.is('Dead')) return topLevel(ErrorCode.GROUP_ID_NOT_FOUND);
  if (!group.is('Empty') && !group.usesConsumerProtocol) return topLevel(ErrorCode.NON_EMPTY_GROUP);

  const records: GroupRecord[] = [];
  const toDelete: { topic: string; partition: number }[] = [];
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => {
      if (group.isSubscribedToTopic(t.name)) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
      if (ctx.offsets.get(req.groupId, t.name, p.partitionIndex)) {
        records.push(offsetCommitTombstone(req.groupId, t.name, p.partitionIndex));
        toDelete.push({ topic: t.name, partition: p.partitionIndex });
      }
      return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
    }),
  }));
  if (records.length > 0) {
    try {
      await ctx.persistence.append(records);
    } catch (e) {
      return topLevel(appendErrorToResponseError(e));
    }
    for (const d of toDelete) ctx.offsets.delete(req.groupId, d.topic, d.partition);
  }
  return { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics };
}
