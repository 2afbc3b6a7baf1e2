// Fetch (key 1), from consumers and from followers (replicaId, or replicaState from v15). Every
// fetch is sessionless (answering session id 0 is compliant, KIP-227); read_committed reads up to
// the last stable offset and is told the aborted transactions overlapping what it got (from the
// segments' .txnindex). A follower's fetch offset is its log end: the leader records it, may widen the ISR
// and move the high watermark. A fetch that finds fewer than minBytes waits in the purgatory until
// an append or maxWaitMs. v0-3 carry legacy message sets and answer UNSUPPORTED_VERSION; they are
// advertised for librdkafka's feature checks.
import { ApiKey } from '../../protocol/api-keys';
import type { FetchRequest, FetchResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf } from '../kafka-error';
import { readForFetch, type FetchPartitionRequest, type FetchPartitionResult } from '../fetch-reader';
import type { MetadataCache } from '../metadata-cache';
import { partitionKey } from '../partition';
import type { ReplicaManager } from '../replica-manager';

const MAX_WAIT_CAP_MS = 30_000;
const EMPTY_RECORDS = Buffer.alloc(0);

export function fetchHandler(replicaManager: ReplicaManager, metadata: MetadataCache): ApiHandler<typeof ApiKey.Fetch> {
  return {
    apiKey: ApiKey.Fetch,
    minVersion: 0,
    maxVersion: 17,
    async handle(context, request) {
      const version = context.header.apiVersion;
      const byTopicId = version >= 13;
      const partitions = toPartitionRequests(request, byTopicId, metadata);
      if (version < 4) return respond(version, request, partitions.map((p) => legacy(p)), ErrorCode.UNSUPPORTED_VERSION);
      if (request.sessionEpoch > 0) return respond(version, request, [], ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
      const replicaId = version >= 15 ? request.replicaState.replicaId : request.replicaId;
      const params = { maxBytes: request.maxBytes, byTopicId, replicaId, isolationLevel: request.isolationLevel };
      const first = readForFetch(replicaManager, partitions, params);
      if (replicaId >= 0) replicaManager.recordFollowerFetch(replicaId, first.results);
      const canWait =
        request.maxWaitMs > 0 &&
        first.bytes < Math.max(1, request.minBytes) &&
        partitions.length > 0 &&
        first.results.every((r) => r.error === 'NONE' && r.divergingEpoch === null);
      if (!canWait) return respond(version, request, first.results);
      const results = await new Promise<FetchPartitionResult[]>((resolve) => {
        const keys = partitions.flatMap((p) => (p.topicName === null ? [] : [partitionKey(p.topicName, p.partition)]));
        replicaManager.fetchPurgatory.tryCompleteElseWatch(
          {
            keys,
            tryComplete: () => {
              const again = readForFetch(replicaManager, partitions, params);
              if (again.bytes < Math.max(1, request.minBytes) && again.results.every((r) => r.error === 'NONE')) return false;
              resolve(again.results);
              return true;
            },
            expire: () => resolve(readForFetch(replicaManager, partitions, params).results),
          },
          Math.min(request.maxWaitMs, MAX_WAIT_CAP_MS),
        );
      });
      return respond(version, request, results);
    },
  };
}

function toPartitionRequests(request: FetchRequest, byTopicId: boolean, metadata: MetadataCache): FetchPartitionRequest[] {
  return request.topics.flatMap((topic) => {
    const topicName = byTopicId ? (metadata.topicNameById(topic.topicId) ?? null) : topic.topic;
    return topic.partitions.map((p) => ({
      topicName,
      topicId: topic.topicId,
      partition: p.partition,
      fetchOffset: Number(p.fetchOffset),
      partitionMaxBytes: p.partitionMaxBytes,
      currentLeaderEpoch: p.currentLeaderEpoch,
      lastFetchedEpoch: p.lastFetchedEpoch,
    }));
  });
}

function legacy(request: FetchPartitionRequest): FetchPartitionResult {
  return { request, error: 'UNSUPPORTED_VERSION', highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: null, divergingEpoch: null };
}

function respond(version: number, request: FetchRequest, results: FetchPartitionResult[], errorCode: number = ErrorCode.NONE): FetchResponseInput {
  const readCommitted = request.isolationLevel === 1;
  const topics = new Map<string, FetchResponseInput['responses'][number]>();
  for (const r of results) {
    const key = version >= 13 ? r.request.topicId : (r.request.topicName ?? '');
    let topic = topics.get(key);
    if (!topic) {
      topic = { topic: r.request.topicName ?? '', topicId: r.request.topicId, partitions: [] };
      topics.set(key, topic);
    }
    topic.partitions.push({
      partitionIndex: r.request.partition,
      errorCode: codeOf(r.error),
      highWatermark: BigInt(r.highWatermark),
      lastStableOffset: BigInt(r.lastStableOffset),
      divergingEpoch: r.divergingEpoch ? { epoch: r.divergingEpoch.epoch, endOffset: BigInt(r.divergingEpoch.endOffset) } : { epoch: -1, endOffset: -1n },
      logStartOffset: BigInt(r.logStartOffset),
      abortedTransactions: readCommitted ? (r.abortedTransactions ?? []).map((t) => ({ producerId: t.producerId, firstOffset: BigInt(t.firstOffset) })) : null,
      preferredReadReplica: -1,
      // Kafka answers an errored partition with empty records, never null: librdkafka rejects a -1 size.
      records: r.records ?? EMPTY_RECORDS,
    });
  }
  return { throttleTimeMs: 0, errorCode, sessionId: 0, responses: [...topics.values()] };
}
