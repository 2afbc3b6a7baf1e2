import { ApiKey } from '../protocol/api-keys';
import { ZERO_UUID } from '../protocol/codec';
import { ErrorCode } from '../protocol/errors';
import { KafkaProtocolError, UnsupportedApiError, throwIfError } from './client-errors';
import type { BrokerInfo, TopicMetadata } from './cluster-metadata';
import type { KafkaClient } from './kafka-client';

export interface TopicListing {
  name: string;
  topicId: string | null;
  isInternal: boolean;
  partitionCount: number;
}

export interface ClusterDescription {
  clusterId: string | null;
  /** -1 when the server does not say. */
  controllerId: number;
  brokers: BrokerInfo[];
}

export interface NewTopic {
  name: string;
  /** Omitted: the server's num.partitions (needs CreateTopics v4+). */
  numPartitions?: number;
  /** Omitted: the server's default.replication.factor (needs CreateTopics v4+). */
  replicationFactor?: number;
  /** Manual assignment: partition → broker ids (then numPartitions/replicationFactor are not sent). */
  assignments?: Record<number, number[]>;
  configs?: Record<string, string>;
}

export interface CreatedTopic {
  name: string;
  /** Null before CreateTopics v7. */
  topicId: string | null;
  /** -1 before CreateTopics v5. */
  numPartitions: number;
  replicationFactor: number;
}

export interface AdminWriteOptions {
  validateOnly?: boolean;
  /** How long the server may take to apply the change. Default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_ADMIN_TIMEOUT_MS = 30_000;

export async function listTopics(client: KafkaClient, options: { includeInternal?: boolean } = {}): Promise<TopicListing[]> {
  const meta = await client.refreshMetadata(null);
  return [...meta.topics.values()]
    .filter((t) => options.includeInternal || !t.isInternal)
    .map((t) => ({ name: t.name, topicId: t.topicId, isInternal: t.isInternal, partitionCount: t.partitions.length }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Current metadata of the named topics; UNKNOWN_TOPIC_OR_PARTITION for one that does not exist. */
export async function describeTopics(client: KafkaClient, names: readonly string[]): Promise<TopicMetadata[]> {
  const meta = await client.refreshMetadata([...names]);
  return names.map((name) => {
    const t = meta.topics.get(name);
    if (!t) throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null, { topic: name });
    return t;
  });
}

/** DescribeCluster where the broker advertises it (it names the active controller), else Metadata. */
export async function describeCluster(client: KafkaClient): Promise<ClusterDescription> {
  const conn = await client.anyBroker();
  if (conn.supports(ApiKey.DescribeCluster)) {
    const { response } = await conn.request(ApiKey.DescribeCluster, null, () => ({ includeClusterAuthorizedOperations: false, endpointType: 1 }));
    throwIfError(response.errorCode, response.errorMessage, { broker: conn.label });
    return {
      clusterId: response.clusterId,
      controllerId: response.controllerId,
      brokers: response.brokers.map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack })).sort((a, b) => a.nodeId - b.nodeId),
    };
  }
  const meta = await client.refreshMetadata([]);
  return { clusterId: meta.clusterId, controllerId: meta.controllerId, brokers: meta.brokers };
}

export async function createTopics(client: KafkaClient, topics: readonly NewTopic[], options: AdminWriteOptions = {}): Promise<CreatedTopic[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ADMIN_TIMEOUT_MS;
  const created = await client.withRetries(async () => {
    const { version, response, conn } = await client.send(
      'controller',
      ApiKey.CreateTopics,
      null,
      (v) => {
        if (options.validateOnly && v < 1) throw new UnsupportedApiError(ApiKey.CreateTopics, 'validateOnly needs CreateTopics v1');
        return {
          topics: topics.map((t) => {
            const assignments = Object.entries(t.assignments ?? {}).map(([p, ids]) => ({ partitionIndex: Number(p), brokerIds: ids }));
            const numPartitions = assignments.length > 0 ? -1 : (t.numPartitions ?? -1);
            const replicationFactor = assignments.length > 0 ? -1 : (t.replicationFactor ?? -1);
            if (v < 4 && assignments.length === 0 && (numPartitions < 0 || replicationFactor < 0)) {
              throw new UnsupportedApiError(ApiKey.CreateTopics, 'server-default partition counts need CreateTopics v4: give numPartitions and replicationFactor');
            }
            return {
              name: t.name,
              numPartitions,
              replicationFactor,
              assignments,
              configs: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
            };
          }),
          timeoutMs,
          validateOnly: options.validateOnly ?? false,
        };
      },
      { timeoutMs: timeoutMs + DEFAULT_ADMIN_TIMEOUT_MS },
    );
    for (const t of response.topics) throwIfError(t.errorCode, t.errorMessage, { topic: t.name, broker: conn.label });
    return response.topics.map((t) => ({
      name: t.name,
      topicId: version >= 7 && t.topicId !== ZERO_UUID ? t.topicId : null,
      numPartitions: t.numPartitions,
      replicationFactor: t.replicationFactor,
    }));
  });
  if (!options.validateOnly) await client.refreshMetadata(topics.map((t) => t.name)).catch(() => undefined);
  return created;
}

export async function deleteTopics(client: KafkaClient, names: readonly string[], options: { timeoutMs?: number } = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ADMIN_TIMEOUT_MS;
  await client.withRetries(async () => {
    const { response, conn } = await client.send(
      'controller',
      ApiKey.DeleteTopics,
      null,
      () => ({ topics: names.map((name) => ({ name, topicId: ZERO_UUID })), topicNames: [...names], timeoutMs }),
      { timeoutMs: timeoutMs + DEFAULT_ADMIN_TIMEOUT_MS },
    );
    for (const t of response.responses) throwIfError(t.errorCode, t.errorMessage, { topic: t.name ?? undefined, broker: conn.label });
  });
  await client.refreshMetadata([...names]).catch(() => undefined);
}

/** Grows topics to `totalCount` partitions each. */
export async function createPartitions(
  client: KafkaClient,
  topics: ReadonlyArray<{ name: string; totalCount: number; assignments?: number[][] }>,
  options: AdminWriteOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ADMIN_TIMEOUT_MS;
  await client.withRetries(async () => {
    const { response, conn } = await client.send(
      'controller',
      ApiKey.CreatePartitions,
      null,
      () => ({
        topics: topics.map((t) => ({ name: t.name, count: t.totalCount, assignments: t.assignments ? t.assignments.map((brokerIds) => ({ brokerIds })) : null })),
        timeoutMs,
        validateOnly: options.validateOnly ?? false,
      }),
      { timeoutMs: timeoutMs + DEFAULT_ADMIN_TIMEOUT_MS },
    );
    for (const r of response.results) throwIfError(r.errorCode, r.errorMessage, { topic: r.name, broker: conn.label });
  });
  if (!options.validateOnly) await client.refreshMetadata(topics.map((t) => t.name)).catch(() => undefined);
}
