import type { LogReadResult } from '../storage/partition-log';
import { StorageError } from '../storage/storage-errors';
import type { Partition } from './partition';
import type { ReplicaManager } from './replica-manager';
import type { KafkaErrorName } from './kafka-error';

export interface FetchPartitionRequest {
  topicName: string | null;
  topicId: string;
  partition: number;
  fetchOffset: number;
  partitionMaxBytes: number;
  currentLeaderEpoch: number;
  /** Fetch v12+: the epoch of the follower's last batch, for divergence checks (KIP-595); -1 if none. */
  lastFetchedEpoch: number;
}

export interface FetchPartitionResult {
  request: FetchPartitionRequest;
  error: KafkaErrorName;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
  records: Buffer | null;
  /** Set when a follower's log diverges from the leader's: truncate to endOffset of epoch. */
  divergingEpoch: { epoch: number; endOffset: number } | null;
  /** read_committed: the aborted transactions overlapping the returned records. */
  abortedTransactions?: { producerId: bigint; firstOffset: number }[];
}

export interface FetchParams {
  maxBytes: number;
  /** true when topics are named by topic id (Fetch v13+): unknown ids answer UNKNOWN_TOPIC_ID. */
  byTopicId: boolean;
  /** The fetching follower's broker id, or -1 for a consumer. */
  replicaId: number;
  /** 1 = read_committed: a consumer reads up to the last stable offset and learns the aborted transactions. */
  isolationLevel?: number;
}

const EMPTY = Buffer.alloc(0);

/**
 * One pass over the fetched partitions (Kafka's readFromLog). Consumers read up to the high
 * watermark; followers read up to the log end, after a divergence check of their last fetched
 * epoch. Byte limits follow KIP-74: the response limit is shared in request order, and the first
 * non-empty partition returns at least one whole batch so a reader can always make progress.
 */
export function readForFetch(
  replicaManager: ReplicaManager,
  partitions: readonly FetchPartitionRequest[],
  params: FetchParams,
): { results: FetchPartitionResult[]; bytes: number } {
  let remaining = params.maxBytes;
  let minOneBatch = true;
  let bytes = 0;
  const follower = params.replicaId >= 0;
  const results = partitions.map((request): FetchPartitionResult => {
    const partition = request.topicName === null ? undefined : replicaManager.getPartition(request.topicName, request.partition);
    const noData = (error: KafkaErrorName, from?: Partition): FetchPartitionResult => ({
      request,
      error,
      highWatermark: from?.log.highWatermark ?? -1,
      lastStableOffset: from?.log.lastStableOffset ?? -1,
      logStartOffset: from?.log.logStartOffset ?? -1,
      records: null,
      divergingEpoch: null,
    });
    if (request.topicName === null) return noData(params.byTopicId ? 'UNKNOWN_TOPIC_ID' : 'UNKNOWN_TOPIC_OR_PARTITION');
    if (!partition) return noData(replicaManager.hasTopic(request.topicName) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
    if (request.currentLeaderEpoch >= 0 && request.currentLeaderEpoch < partition.leaderEpoch) return noData('FENCED_LEADER_EPOCH');
    if (request.currentLeaderEpoch > partition.leaderEpoch) return noData('UNKNOWN_LEADER_EPOCH');
    if (!partition.isLeader) return noData('NOT_LEADER_OR_FOLLOWER');
    const log = partition.log;
    if (follower && request.lastFetchedEpoch >= 0) {
      const end = log.endOffsetForEpoch(request.lastFetchedEpoch);
      if (end.leaderEpoch < request.lastFetchedEpoch || end.endOffset < request.fetchOffset) {
        return { ...noData('NONE', partition), divergingEpoch: { epoch: end.leaderEpoch, endOffset: end.endOffset } };
      }
    }
    const limit = Math.max(0, Math.min(request.partitionMaxBytes, remaining));
    const readCommitted = !follower && params.isolationLevel === 1;
    const lastStableOffset = log.lastStableOffset;
    const maxOffset = follower ? log.logEndOffset : readCommitted ? lastStableOffset : log.highWatermark;
    let read: LogReadResult;
    try {
      read = log.read(request.fetchOffset, { maxBytes: limit, maxOffset, minOneBatch });
    } catch (err) {
      return noData(err instanceof StorageError ? err.kafkaError : 'UNKNOWN_SERVER_ERROR');
    }
    if (read.kind === 'offsetOutOfRange') return noData('OFFSET_OUT_OF_RANGE', partition);
    if (read.records.length > 0) {
      minOneBatch = false;
      remaining = Math.max(0, remaining - read.records.length);
      bytes += read.records.length;
    }
    const aborted = readCommitted && read.records.length > 0 ? log.collectAbortedTransactions(request.fetchOffset, maxOffset) : [];
    return {
      request,
      error: 'NONE',
      highWatermark: read.highWatermark,
      lastStableOffset,
      logStartOffset: read.logStartOffset,
      records: read.records.length > 0 ? read.records : EMPTY,
      divergingEpoch: null,
      abortedTransactions: aborted.map((t) => ({ producerId: t.producerId, firstOffset: t.firstOffset })),
    };
  });
  return { results, bytes };
}
