// Pure builders of the console's views from what the Kafka client read (Metadata, ListOffsets)
// and, for the embedded cluster, what the engine host knows.
import type { ApiErrorBody } from '../../shared/console-errors';
import type { BrokerView, ClusterView, ConnectionInfo, PartitionView, TopicDetail, TopicSummary } from '../../shared/console-types';
import type { ClusterMetadata, PartitionMetadata, TopicMetadata } from '../client/cluster-metadata';
import type { ListedOffset } from '../client/list-offsets';
import type { EngineBroker } from './engine-control';

export function isUnderReplicated(p: PartitionMetadata): boolean {
  return p.isr.length < p.replicas.length;
}

export function isOffline(p: PartitionMetadata): boolean {
  return p.leaderId < 0;
}

/**
 * Brokers: for the embedded cluster every broker the host runs, flagged with whether Metadata
 * lists it; for an external one, the brokers Metadata lists (the others are invisible to us).
 */
export function brokerViews(meta: ClusterMetadata, engineBrokers: readonly EngineBroker[] | null): BrokerView[] {
  const listed = new Map(meta.brokers.map((b) => [b.nodeId, b]));
  if (engineBrokers === null) {
    return meta.brokers.map((b) => ({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack, state: 'online', registered: true }));
  }
  const views: BrokerView[] = engineBrokers.map((b) => ({
    id: b.id,
    host: b.host,
    port: b.port,
    rack: listed.get(b.id)?.rack ?? null,
    state: b.state,
    registered: listed.has(b.id),
  }));
  for (const b of meta.brokers) {
    if (!engineBrokers.some((e) => e.id === b.nodeId)) views.push({ id: b.nodeId, host: b.host, port: b.port, rack: b.rack, state: 'online', registered: true });
  }
  return views.sort((a, b) => a.id - b.id);
}

export function clusterView(
  connection: ConnectionInfo,
  meta: ClusterMetadata,
  engine: { dataDir: string; brokers: readonly EngineBroker[] } | null,
): ClusterView {
  const brokers = brokerViews(meta, engine?.brokers ?? null);
  let partitions = 0;
  let underReplicated = 0;
  let offline = 0;
  for (const t of meta.topics.values()) {
    for (const p of t.partitions) {
      partitions++;
      if (isOffline(p)) offline++;
      else if (isUnderReplicated(p)) underReplicated++;
    }
  }
  return {
    connection,
    clusterId: meta.clusterId,
    controllerId: meta.controllerId,
    brokers,
    dataDir: engine?.dataDir ?? null,
    health: {
      brokersUp: brokers.filter((b) => b.registered && (b.state === 'running' || b.state === 'online')).length,
      brokersTotal: brokers.length,
      underReplicatedPartitions: underReplicated,
      offlinePartitions: offline,
      topics: meta.topics.size,
      partitions,
    },
  };
}

export function topicSummary(t: TopicMetadata): TopicSummary {
  return {
    name: t.name,
    topicId: t.topicId,
    internal: t.isInternal,
    partitions: t.partitions.length,
    replicationFactor: t.partitions.reduce((max, p) => Math.max(max, p.replicas.length), 0),
    underReplicatedPartitions: t.partitions.filter((p) => !isOffline(p) && isUnderReplicated(p)).length,
    offlinePartitions: t.partitions.filter(isOffline).length,
  };
}

/** A topic's partitions with their log start and high watermark (absent where ListOffsets could not answer). */
export function topicDetail(
  t: TopicMetadata,
  offsets: { earliest: ReadonlyMap<number, ListedOffset>; latest: ReadonlyMap<number, ListedOffset>; error: ApiErrorBody | null },
): TopicDetail {
  const partitions: PartitionView[] = t.partitions.map((p) => ({
    partition: p.partition,
    leader: p.leaderId,
    leaderEpoch: p.leaderEpoch,
    replicas: p.replicas,
    isr: p.isr,
    offlineReplicas: p.offlineReplicas,
    logStartOffset: offsets.earliest.get(p.partition)?.offset ?? null,
    highWatermark: offsets.latest.get(p.partition)?.offset ?? null,
  }));
  return { name: t.name, topicId: t.topicId, internal: t.isInternal, partitions, offsetsError: offsets.error };
}
