import type { OffsetFetchRequest, OffsetFetchResponseInput } from '../protocol/apis/09-offset-fetch';
import { ErrorCode } from '../protocol/errors';
import type { CoordinatorContext, GroupRequestContext } from './coordinator-context';

/** Up to v7 a request names one group; v8 (KIP-709) names several. */
const MULTI_GROUP_FROM_VERSION = 8;
/** v0-v1 have no group-level error: it is repeated on every partition. */
const GROUP_ERROR_FROM_VERSION = 2;

const INVALID_OFFSET = -1n;

interface FetchPartition {
  partitionIndex: number;
  committedOffset: bigint;
  committedLeaderEpoch: number;
  metadata: string;
  errorCode: number;
}

interface FetchGroupResult {
  groupId: string;
  errorCode: number;
  topics: { name: string; partitions: FetchPartition[] }[];
}

interface FetchGroupRequest {
  groupId: string;
  /** v7+ (KIP-447): partitions with a pending transactional commit answer UNSTABLE_OFFSET_COMMIT. */
  requireStable: boolean;
  /** null: every partition the group has an offset for. */
  topics: { name: string; partitionIndexes: number[] }[] | null;
}

const noOffset = (partitionIndex: number, errorCode: number = ErrorCode.NONE): FetchPartition => ({
  partitionIndex,
  committedOffset: INVALID_OFFSET,
  committedLeaderEpoch: -1,
  metadata: '',
  errorCode,
});

/**
 * The committed offsets of one group. A missing (or Dead) group simply has none. With
 * requireStable (v7+), a partition whose offset a still-open transaction commits answers
 * UNSTABLE_OFFSET_COMMIT (the client retries); without it the last committed offset is returned.
 */
function fetchGroup(ctx: CoordinatorContext, req: FetchGroupRequest): FetchGroupResult {
  if (req.groupId === '') {
    const topics = (req.topics ?? []).map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((p) => noOffset(p, ErrorCode.INVALID_GROUP_ID)),
    }));
    return { groupId: req.groupId, errorCode: ErrorCode.INVALID_GROUP_ID, topics };
  }
  const group = ctx.groups.get(req.groupId);
  const known = group !== undefined && !group.is('Dead');
  if (req.topics === null) {
    const byTopic = new Map<string, FetchPartition[]>();
    for (const e of known ? ctx.offsets.entries(req.groupId) : []) {
      let list = byTopic.get(e.topic);
      if (!list) byTopic.set(e.topic, (list = []));
      if (req.requireStable && ctx.pendingTxnOffsets.isPending(req.groupId, e.topic, e.partition)) {
        list.push(noOffset(e.partition, ErrorCode.UNSTABLE_OFFSET_COMMIT));
        continue;
      }
      list.push({
        partitionIndex: e.partition,
        committedOffset: e.offset.offset,
        committedLeaderEpoch: e.offset.leaderEpoch,
        metadata: e.offset.metadata,
        errorCode: ErrorCode.NONE,
      });
    }
    return { groupId: req.groupId, errorCode: ErrorCode.NONE, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
  }
  const topics = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((p): FetchPartition => {
      if (req.requireStable && ctx.pendingTxnOffsets.isPending(req.groupId, t.name, p)) return noOffset(p, ErrorCode.UNSTABLE_OFFSET_COMMIT);
      const o = known ? ctx.offsets.get(req.groupId, t.name, p) : undefined;
      if (!o) return noOffset(p);
      return { partitionIndex: p, committedOffset: o.offset, committedLeaderEpoch: o.leaderEpoch, metadata: o.metadata, errorCode: ErrorCode.NONE };
    }),
  }));
  return { groupId: req.groupId, errorCode: ErrorCode.NONE, topics };
}

export function offsetFetch(ctx: CoordinatorContext, req: OffsetFetchRequest, rc: GroupRequestContext): Promise<OffsetFetchResponseInput> {
  if (rc.apiVersion >= MULTI_GROUP_FROM_VERSION) {
    const groups = req.groups.map((g) => fetchGroup(ctx, { groupId: g.groupId, topics: g.topics, requireStable: req.requireStable }));
    return Promise.resolve({ throttleTimeMs: 0, groups });
  }
  const result = fetchGroup(ctx, { groupId: req.groupId, topics: req.topics, requireStable: rc.apiVersion >= 7 && req.requireStable });
  if (rc.apiVersion < GROUP_ERROR_FROM_VERSION && result.errorCode !== ErrorCode.NONE) {
    for (const t of result.topics) for (const p of t.partitions) p.errorCode = result.errorCode;
  }
  return Promise.resolve({ throttleTimeMs: 0, topics: result.topics, errorCode: result.errorCode });
}
