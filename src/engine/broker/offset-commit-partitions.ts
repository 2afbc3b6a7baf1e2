import type { OffsetCommitRequest, OffsetCommitResponseInput } from '../protocol/apis/08-offset-commit';
import { ErrorCode } from '../protocol/errors';
import type { MetadataCache } from './metadata-cache';

type ResponseTopic = OffsetCommitResponseInput['topics'][number];

export interface SplitCommit {
  /** The request narrowed to partitions the cluster has; null when none is left. */
  readonly known: OffsetCommitRequest | null;
  /** UNKNOWN_TOPIC_OR_PARTITION for every other partition, by topic in request order. */
  readonly unknown: ResponseTopic[];
}

/**
 * Kafka's KafkaApis.handleOffsetCommitRequest checks the metadata cache before the coordinator
 * sees a commit: a topic it does not know, or a partition the topic does not have, is answered
 * UNKNOWN_TOPIC_OR_PARTITION and never stored; the coordinator gets only the rest (and nothing at
 * all, not even a group to create, when nothing is left).
 */
export function splitByExistence(request: OffsetCommitRequest, metadata: Pick<MetadataCache, 'topic'>): SplitCommit {
  const unknown: ResponseTopic[] = [];
  const knownTopics: OffsetCommitRequest['topics'][number][] = [];
  for (const t of request.topics) {
    const topic = metadata.topic(t.name);
    const present = t.partitions.filter((p) => topic?.partitions.has(p.partitionIndex) === true);
    const missing = t.partitions.filter((p) => topic?.partitions.has(p.partitionIndex) !== true);
    if (missing.length > 0) {
      unknown.push({ name: t.name, partitions: missing.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION })) });
    }
    if (present.length > 0) knownTopics.push({ ...t, partitions: present });
  }
  return { known: knownTopics.length > 0 ? { ...request, topics: knownTopics } : null, unknown };
}

/** The unknown partitions' errors first, then the coordinator's results, merged by topic as Kafka's OffsetCommitResponse.Builder does. */
export function mergeCommitResponse(unknown: readonly ResponseTopic[], fromCoordinator: OffsetCommitResponseInput | null): OffsetCommitResponseInput {
  const topics = unknown.map((t) => ({ name: t.name, partitions: [...t.partitions] }));
  for (const t of fromCoordinator?.topics ?? []) {
    const existing = topics.find((x) => x.name === t.name);
    if (existing) existing.partitions.push(...t.partitions);
    else topics.push({ name: t.name, partitions: [...t.partitions] });
  }
  return { throttleTimeMs: fromCoordinator?.throttleTimeMs ?? 0, topics };
}
