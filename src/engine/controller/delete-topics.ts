import { apiError, type DeletableTopic, type DeleteTopicResult } from './controller-results';
import type { MetadataRecord } from './metadata-records';
import type { Plan, PlanContext } from './plan-context';
import { ZERO_UUID } from './uuid';

/** DeleteTopics by name or by id, with ControllerApis' request checks and messages. */
export function planDeleteTopics(ctx: PlanContext, topics: readonly DeletableTopic[]): Plan<DeleteTopicResult[]> {
  const { image } = ctx;
  const results: DeleteTopicResult[] = [];
  const nameCounts = new Map<string, number>();
  const idCounts = new Map<string, number>();
  for (const t of topics) {
    if (t.name !== undefined) nameCounts.set(t.name, (nameCounts.get(t.name) ?? 0) + 1);
    if (t.topicId !== undefined) idCounts.set(t.topicId, (idCounts.get(t.topicId) ?? 0) + 1);
  }
  const reported = new Set<string>();
  const toDelete = new Map<string, string>(); // topicId -> name
  const requestedIds = new Set([...idCounts.keys()]);
  for (const t of topics as readonly { name?: string; topicId?: string }[]) {
    const name = t.name;
    const topicId = t.topicId;
    if (name !== undefined && topicId !== undefined && topicId !== ZERO_UUID) {
      results.push({ name, topicId, ...apiError('INVALID_REQUEST', 'You may not specify both topic name and topic id.') });
      continue;
    }
    if (name === undefined && (topicId === undefined || topicId === ZERO_UUID)) {
      results.push({ name: null, topicId: ZERO_UUID, ...apiError('INVALID_REQUEST', 'Neither topic name nor id were specified.') });
      continue;
    }
    if (name !== undefined) {
      if ((nameCounts.get(name) ?? 0) > 1) {
        if (!reported.has(`n:${name}`)) results.push({ name, topicId: ZERO_UUID, ...apiError('INVALID_REQUEST', 'Duplicate topic name.') });
        reported.add(`n:${name}`);
        continue;
      }
      const topic = image.topicsByName.get(name);
      if (!topic) {
        results.push({ name, topicId: ZERO_UUID, ...apiError('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.') });
        continue;
      }
      if (requestedIds.has(topic.topicId)) {
        results.push({ name, topicId: ZERO_UUID, ...apiError('INVALID_REQUEST', 'The provided topic name maps to an ID that was already supplied.') });
        continue;
      }
      toDelete.set(topic.topicId, name);
      results.push({ name, topicId: topic.topicId, errorCode: 'NONE', errorMessage: null });
      continue;
    }
    const id = topicId as string;
    if ((idCounts.get(id) ?? 0) > 1) {
      if (!reported.has(`i:${id}`)) results.push({ name: null, topicId: id, ...apiError('INVALID_REQUEST', 'Duplicate topic id.') });
      reported.add(`i:${id}`);
      continue;
    }
    const topic = image.topicsById.get(id);
    if (!topic) {
      results.push({ name: null, topicId: id, ...apiError('UNKNOWN_TOPIC_ID', 'This server does not host this topic ID.') });
      continue;
    }
    toDelete.set(id, topic.name);
    results.push({ name: topic.name, topicId: id, errorCode: 'NONE', errorMessage: null });
  }
  const records: MetadataRecord[] = [...toDelete.keys()].map((topicId) => ({ type: 'RemoveTopicRecord', version: 0, topicId }));
  return { records, result: results };
}
