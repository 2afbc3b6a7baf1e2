import { ConfigException } from './config-def';
import { effectiveBrokerConfig, resolveCreatedTopicConfigs, validateTopicOverrides } from './config-resolver';
import { apiError, type ApiError, type CreatableTopic, type CreateTopicResult } from './controller-results';
import { manualAssignmentError } from './manual-assignment';
import { isLive, type MetadataImage } from './metadata-image';
import type { MetadataRecord } from './metadata-records';
import { MAX_RECORDS_PER_USER_OP, type Plan, type PlanContext } from './plan-context';
import { ReplicaPlacementError, placeReplicas } from './replica-placer';
import { CLUSTER_METADATA_TOPIC_NAME, collidingTopic, topicNameError } from './topic-names';
import { ZERO_UUID } from './uuid';

/** CreateTopics as ReplicationControlManager.createTopics checks it, topic by topic, in Kafka's order. */
function failed(name: string, error: ApiError): CreateTopicResult {
  return { name, ...error, topicId: ZERO_UUID, numPartitions: -1, replicationFactor: -1, configs: [] };
}

function brokerList(image: MetadataImage): { id: number; fenced: boolean }[] {
  return [...image.brokers.values()].map((b) => ({ id: b.brokerId, fenced: b.fenced }));
}

type Assignment = Map<number, number[]>;

function manualAssignments(image: MetadataImage, topic: CreatableTopic): Assignment | ApiError {
  if (topic.replicationFactor !== -1) {
    return apiError('INVALID_REQUEST', 'A manual partition assignment was specified, but replication factor was not set to -1.');
  }
  if (topic.numPartitions !== -1) {
    return apiError('INVALID_REQUEST', 'A manual partition assignment was specified, but numPartitions was not set to -1.');
  }
  const parts: Assignment = new Map();
  let rf: number | null = null;
  for (const a of topic.assignments ?? []) {
    if (parts.has(a.partitionIndex)) {
      return apiError('INVALID_REPLICA_ASSIGNMENT', `Found multiple manual partition assignments for partition ${a.partitionIndex}`);
    }
    const problem = manualAssignmentError(image, a.brokerIds, rf);
    if (problem) return apiError('INVALID_REPLICA_ASSIGNMENT', problem);
    rf = a.brokerIds.length;
    if (!a.brokerIds.some((id) => isLive(image, id))) {
      return apiError(
        'INVALID_REPLICA_ASSIGNMENT',
        `All brokers specified in the manual partition assignment for partition ${a.partitionIndex} are fenced or in controlled shutdown.`,
      );
    }
    parts.set(a.partitionIndex, [...a.brokerIds]);
  }
  for (let i = 0; i < parts.size; i++) {
    if (!parts.has(i)) return apiError('INVALID_REPLICA_ASSIGNMENT', 'partitions should be a consecutive 0-based integer sequence');
  }
  return parts;
}

function placedAssignments(ctx: PlanContext, numPartitions: number, replicationFactor: number): Assignment | ApiError {
  if (numPartitions > MAX_RECORDS_PER_USER_OP) {
    return apiError('POLICY_VIOLATION', 'Unable to perform excessively large batch operation.');
  }
  try {
    const placed = placeReplicas({ startPartition: 0, numPartitions, replicationFactor }, brokerList(ctx.image), ctx.random);
    return new Map(placed.map((replicas, i) => [i, replicas]));
  } catch (e) {
    if (!(e instanceof ReplicaPlacementError)) throw e;
    return apiError('INVALID_REPLICATION_FACTOR', `Unable to replicate the partition ${replicationFactor} time(s): ${e.message}`);
  }
}

function intDefault(ctx: PlanContext, name: string): number {
  return Number(effectiveBrokerConfig(ctx.image, ctx.staticConfig, name));
}

export function planCreateTopics(ctx: PlanContext, topics: readonly CreatableTopic[]): Plan<CreateTopicResult[]> {
  const { image } = ctx;
  const counts = new Map<string, number>();
  for (const t of topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const records: MetadataRecord[] = [];
  const results: CreateTopicResult[] = [];
  const reported = new Set<string>();
  // Names created earlier in this request count for collisions too (Kafka checks only existing topics).
  const created: string[] = [];

  for (const topic of topics) {
    const name = topic.name;
    if ((counts.get(name) ?? 0) > 1) {
      if (!reported.has(name)) results.push(failed(name, apiError('INVALID_REQUEST', 'Duplicate topic name.')));
      reported.add(name);
      continue;
    }
    if (name === CLUSTER_METADATA_TOPIC_NAME) {
      results.push(failed(name, apiError('INVALID_REQUEST', `Creation of internal topic ${CLUSTER_METADATA_TOPIC_NAME} is prohibited.`)));
      continue;
    }
    const illegal = topicNameError(name);
    if (illegal) {
      results.push(failed(name, apiError('INVALID_TOPIC_EXCEPTION', illegal)));
      continue;
    }
    if (image.topicsByName.has(name)) {
      results.push(failed(name, apiError('TOPIC_ALREADY_EXISTS', `Topic '${name}' already exists.`)));
      continue;
    }
    const collision = collidingTopic([...image.topicsByName.keys(), ...created], name);
    if (collision) {
      results.push(failed(name, apiError('INVALID_TOPIC_EXCEPTION', `Topic '${name}' collides with existing topic: ${collision}`)));
      continue;
    }
    const overrides = new Map<string, string | null>();
    for (const c of topic.configs ?? []) overrides.set(c.name, c.value);
    try {
      validateTopicOverrides(image, ctx.staticConfig, overrides);
    } catch (e) {
      if (!(e instanceof ConfigException)) throw e;
      results.push(failed(name, apiError('INVALID_CONFIG', e.message)));
      continue;
    }
    const configs = overrides as Map<string, string>;

    let assignment: Assignment | ApiError;
    let requestedPartitions: number | null = null;
    let requestedRf: number | null = null;
    if ((topic.assignments ?? []).length > 0) {
      assignment = manualAssignments(image, topic);
    } else if (topic.replicationFactor < -1 || topic.replicationFactor === 0) {
      assignment = apiError('INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0, or -1 to use the default value.');
    } else if (topic.numPartitions < -1 || topic.numPartitions === 0) {
      assignment = apiError('INVALID_PARTITIONS', 'Number of partitions was set to an invalid non-positive value.');
    } else {
      requestedPartitions = topic.numPartitions === -1 ? intDefault(ctx, 'num.partitions') : topic.numPartitions;
      requestedRf = topic.replicationFactor === -1 ? intDefault(ctx, 'default.replication.factor') : topic.replicationFactor;
      assignment = placedAssignments(ctx, requestedPartitions, requestedRf);
    }
    if (!(assignment instanceof Map)) {
      results.push(failed(name, assignment));
      continue;
    }
    const refusal = ctx.createTopicPolicy?.({
      name,
      numPartitions: requestedPartitions,
      replicationFactor: requestedRf,
      assignments: requestedPartitions === null ? assignment : null,
      configs,
    });
    if (refusal) {
      results.push(failed(name, apiError('POLICY_VIOLATION', refusal)));
      continue;
    }

    const topicId = ctx.newUuid();
    // As in Kafka: the TopicRecord, then its ConfigRecords, then the PartitionRecords, in one batch.
    records.push({ type: 'TopicRecord', version: 0, name, topicId });
    for (const [key, value] of configs) {
      records.push({ type: 'ConfigRecord', version: 0, resourceType: 'TOPIC', resourceName: name, name: key, value });
    }
    for (const [partitionId, replicas] of [...assignment].sort((a, b) => a[0] - b[0])) {
      const isr = replicas.filter((id) => isLive(image, id));
      records.push({ type: 'PartitionRecord', version: 0, partitionId, topicId, replicas, isr, leader: isr[0], leaderEpoch: 0, partitionEpoch: 0 });
    }
    created.push(name);
    results.push({
      name,
      errorCode: 'NONE',
      errorMessage: null,
      topicId,
      numPartitions: assignment.size,
      replicationFactor: assignment.get(0)!.length,
      configs: resolveCreatedTopicConfigs(image, ctx.staticConfig, configs),
    });
  }
  return { records, result: results };
}
