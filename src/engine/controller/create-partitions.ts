import { apiError, type ApiError, type CreatePartitionsResult, type CreatePartitionsTopic } from './controller-results';
import { manualAssignmentError } from './manual-assignment';
import { isLive, type MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';
import { MAX_RECORDS_PER_USER_OP, type Plan, type PlanContext } from './plan-context';
import { ReplicaPlacementError, placeReplicas } from './replica-placer';

/** CreatePartitions: partitions can only be added, as ReplicationControlManager.createPartitions checks. */
function planOne(ctx: PlanContext, image: MetadataImage, t: CreatePartitionsTopic): { records: MetadataRecord[] } | ApiError {
  const topic = image.topicsByName.get(t.name);
  if (!topic) return apiError('UNKNOWN_TOPIC_OR_PARTITION', null);
  const current = topic.partitions.size;
  if (t.count < current) {
    return apiError('INVALID_PARTITIONS', `The topic ${t.name} currently has ${current} partition(s); ${t.count} would not be an increase.`);
  }
  if (t.count === current) return apiError('INVALID_PARTITIONS', `Topic already has ${current} partition(s).`);
  const additional = t.count - current;
  if (additional > MAX_RECORDS_PER_USER_OP) return apiError('POLICY_VIOLATION', 'Unable to perform excessively large batch operation.');
  const replicationFactor = topic.partitions.get(0)?.replicas.length ?? 1;
  let placed: number[][];
  if (t.assignments !== null) {
    if (t.assignments.length !== additional) {
      return apiError(
        'INVALID_REPLICA_ASSIGNMENT',
        `Attempted to add ${additional} additional partition(s), but only ${t.assignments.length} assignment(s) were specified.`,
      );
    }
    for (let i = 0; i < t.assignments.length; i++) {
      const problem = manualAssignmentError(image, t.assignments[i], replicationFactor);
      if (problem) return apiError('INVALID_REPLICA_ASSIGNMENT', problem);
      if (!t.assignments[i].some((id) => isLive(image, id))) {
        return apiError(
          'INVALID_REPLICA_ASSIGNMENT',
          `All brokers specified in the manual partition assignment for partition ${current + i} are fenced or in controlled shutdown.`,
        );
      }
    }
    placed = t.assignments.map((a) => [...a]);
  } else {
    try {
      const brokers = [...image.brokers.values()].map((b) => ({ id: b.brokerId, fenced: b.fenced }));
      placed = placeReplicas({ startPartition: current, numPartitions: additional, replicationFactor }, brokers, ctx.random);
    } catch (e) {
      if (!(e instanceof ReplicaPlacementError)) throw e;
      return apiError('INVALID_REPLICATION_FACTOR', `Unable to replicate the partition ${replicationFactor} time(s): ${e.message}`);
    }
  }
  const records: MetadataRecord[] = placed.map((replicas, i) => {
    const isr = replicas.filter((id) => isLive(image, id));
    return { type: 'PartitionRecord', version: 0, partitionId: current + i, topicId: topic.topicId, replicas, isr, leader: isr[0], leaderEpoch: 0, partitionEpoch: 0 };
  });
  return { records };
}

export function planCreatePartitions(ctx: PlanContext, topics: readonly CreatePartitionsTopic[]): Plan<CreatePartitionsResult[]> {
  const counts = new Map<string, number>();
  for (const t of topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const records: MetadataRecord[] = [];
  const results: CreatePartitionsResult[] = [];
  const reported = new Set<string>();
  for (const t of topics) {
    if ((counts.get(t.name) ?? 0) > 1) {
      if (!reported.has(t.name)) results.push({ name: t.name, ...apiError('INVALID_REQUEST', 'Duplicate topic name.') });
      reported.add(t.name);
      continue;
    }
    const planned = planOne(ctx, ctx.image, t);
    if ('errorCode' in planned) {
      results.push({ name: t.name, ...planned });
      continue;
    }
    records.push(...planned.records);
    results.push({ name: t.name, errorCode: 'NONE', errorMessage: null });
  }
  return { records, result: results };
}
