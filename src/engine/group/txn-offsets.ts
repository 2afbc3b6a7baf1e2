import type { TxnOffsetCommitRequest, TxnOffsetCommitResponseInput } from '../protocol/apis/28-txn-offset-commit';
import { ErrorCode } from '../protocol/errors';
import { ClassicGroup } from './classic-group';
import type { CoordinatorContext } from './coordinator-context';
import { appendErrorToResponseError } from './group-persistence';
import { offsetCommitRecord, type GroupRecord, type OffsetAndMetadata } from './group-records-codec';
import type { OffsetStore } from './offset-store';

const partitionKey = (group: string, topic: string, partition: number): string => `${group}\0${topic}\0${partition}`;

interface PendingOffset {
  group: string;
  topic: string;
  partition: number;
  offset: OffsetAndMetadata;
}

/**
 * Offsets committed inside transactions, by producer id, until the transaction's marker reaches this
 * __consumer_offsets partition (Kafka's GroupMetadata.pendingTransactionalOffsetCommits): a COMMIT
 * makes them the group's committed offsets, an ABORT drops them. Meanwhile OffsetFetch with
 * RequireStable answers UNSTABLE_OFFSET_COMMIT for their partitions (KIP-447).
 */
export class PendingTxnOffsets {
  private readonly byProducer = new Map<bigint, Map<string, PendingOffset>>();

  add(producerId: bigint, group: string, topic: string, partition: number, offset: OffsetAndMetadata): void {
    let pending = this.byProducer.get(producerId);
    if (!pending) this.byProducer.set(producerId, (pending = new Map()));
    pending.set(partitionKey(group, topic, partition), { group, topic, partition, offset });
  }

  complete(producerId: bigint, commit: boolean, offsets: OffsetStore): number {
    const pending = this.byProducer.get(producerId);
    if (!pending) return 0;
    this.byProducer.delete(producerId);
    if (commit) for (const p of pending.values()) offsets.put(p.group, p.topic, p.partition, p.offset);
    return pending.size;
  }

  isPending(group: string, topic: string, partition: number): boolean {
    const key = partitionKey(group, topic, partition);
    for (const pending of this.byProducer.values()) if (pending.has(key)) return true;
    return false;
  }

  hasPendingForGroup(group: string): boolean {
    for (const pending of this.byProducer.values()) for (const p of pending.values()) if (p.group === group) return true;
    return false;
  }
}

function errorForAll(req: TxnOffsetCommitRequest, errorCode: number): TxnOffsetCommitResponseInput {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  };
}

/**
 * TxnOffsetCommit: the offsets go to the log as a transactional batch of the producer and stay
 * pending until its marker. A commit naming no member (v0-2, or generation -1 with no member id)
 * is accepted whatever the group's state, as Kafka does for transactional commits.
 */
export async function txnOffsetCommit(ctx: CoordinatorContext, req: TxnOffsetCommitRequest): Promise<TxnOffsetCommitResponseInput> {
  if (req.groupId === '') return errorForAll(req, ErrorCode.INVALID_GROUP_ID);
  let group = ctx.groups.get(req.groupId);
  if (!group) {
    group = new ClassicGroup({ groupId: req.groupId, state: 'Empty', now: ctx.clock.now() });
    ctx.groups.set(req.groupId, group);
  }
  if (group.is('Dead')) return errorForAll(req, ErrorCode.COORDINATOR_NOT_AVAILABLE);
  if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
    const err = group.validateOffsetCommit(req.memberId, req.groupInstanceId, req.generationId);
    if (err !== ErrorCode.NONE) return errorForAll(req, err);
  }
  const now = ctx.clock.now();
  const records: GroupRecord[] = [];
  const toAdd: PendingOffset[] = [];
  const response: TxnOffsetCommitResponseInput = { throttleTimeMs: 0, topics: [] };
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
        commitTimestamp: now,
        expireTimestamp: null,
      };
      records.push(offsetCommitRecord(req.groupId, t.name, p.partitionIndex, offset));
      toAdd.push({ group: req.groupId, topic: t.name, partition: p.partitionIndex, offset });
      partitions.push({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE });
    }
  }
  if (records.length === 0) return response;
  try {
    await ctx.persistence.append(records, { producerId: req.producerId, producerEpoch: req.producerEpoch });
  } catch (e) {
    return errorForAll(req, appendErrorToResponseError(e));
  }
  for (const a of toAdd) ctx.pendingTxnOffsets.add(req.producerId, a.group, a.topic, a.partition, a.offset);
  return response;
}
