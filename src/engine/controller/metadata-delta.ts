import type { BrokerRegistration, MetadataImage, PartitionRegistration, TopicImage } from './metadata-image';
import type { ConfigResourceType } from './metadata-records';

/**
 * What one change did to the image, for brokers to react to (KRaft's MetadataDelta): logs to create for
 * new partitions, logs to delete for removed topics, leader and ISR changes, config reloads.
 * It is the net difference between two images, so it is pure and needs no bookkeeping in the fold.
 */
export interface PartitionChange {
  readonly topicId: string;
  readonly topicName: string;
  readonly partitionId: number;
  /** null for a new partition. */
  readonly before: PartitionRegistration | null;
  readonly after: PartitionRegistration;
  readonly leaderChanged: boolean;
}

export interface ConfigChange {
  readonly resourceType: ConfigResourceType;
  readonly resourceName: string;
  readonly name: string;
  /** null when the override was removed. */
  readonly value: string | null;
}

export interface BrokerChange {
  readonly brokerId: number;
  readonly before: BrokerRegistration | null;
  readonly after: BrokerRegistration | null;
}

export interface MetadataDelta {
  readonly fromOffset: number;
  readonly toOffset: number;
  readonly clusterIdChanged: boolean;
  readonly createdTopics: readonly TopicImage[];
  /** Topics gone from the image (their partitions' logs are to be deleted). */
  readonly deletedTopics: readonly { readonly name: string; readonly topicId: string }[];
  readonly partitionChanges: readonly PartitionChange[];
  readonly configChanges: readonly ConfigChange[];
  readonly brokerChanges: readonly BrokerChange[];
  readonly producerIdsChanged: boolean;
}

function diffConfigs(
  type: ConfigResourceType,
  before: ReadonlyMap<string, ReadonlyMap<string, string>>,
  after: ReadonlyMap<string, ReadonlyMap<string, string>>,
  out: ConfigChange[],
): void {
  if (before === after) return;
  const resources = new Set([...before.keys(), ...after.keys()]);
  for (const resourceName of resources) {
    const b = before.get(resourceName);
    const a = after.get(resourceName);
    if (a === b) continue;
    const names = new Set([...(b?.keys() ?? []), ...(a?.keys() ?? [])]);
    for (const name of names) {
      const value = a?.get(name) ?? null;
      if ((b?.get(name) ?? null) !== value) out.push({ resourceType: type, resourceName, name, value });
    }
  }
}

export function diffImages(before: MetadataImage, after: MetadataImage): MetadataDelta {
  const createdTopics: TopicImage[] = [];
  const deletedTopics: { name: string; topicId: string }[] = [];
  const partitionChanges: PartitionChange[] = [];
  if (before.topicsById !== after.topicsById) {
    for (const [id, topic] of before.topicsById) {
      if (!after.topicsById.has(id)) deletedTopics.push({ name: topic.name, topicId: id });
    }
    for (const [id, topic] of after.topicsById) {
      const old = before.topicsById.get(id);
      if (old === topic) continue;
      if (!old) createdTopics.push(topic);
      for (const [partitionId, p] of topic.partitions) {
        const prev = old?.partitions.get(partitionId) ?? null;
        if (prev === p) continue;
        partitionChanges.push({
          topicId: id,
          topicName: topic.name,
          partitionId,
          before: prev,
          after: p,
          leaderChanged: prev === null || prev.leader !== p.leader || prev.leaderEpoch !== p.leaderEpoch,
        });
      }
    }
  }
  const configChanges: ConfigChange[] = [];
  diffConfigs('TOPIC', before.topicConfigs, after.topicConfigs, configChanges);
  diffConfigs('BROKER', before.brokerConfigs, after.brokerConfigs, configChanges);
  const brokerChanges: BrokerChange[] = [];
  if (before.brokers !== after.brokers) {
    const ids = new Set([...before.brokers.keys(), ...after.brokers.keys()]);
    for (const brokerId of [...ids].sort((x, y) => x - y)) {
      const b = before.brokers.get(brokerId) ?? null;
      const a = after.brokers.get(brokerId) ?? null;
      if (a !== b) brokerChanges.push({ brokerId, before: b, after: a });
    }
  }
  return {
    fromOffset: before.offset,
    toOffset: after.offset,
    clusterIdChanged: before.clusterId !== after.clusterId,
    createdTopics,
    deletedTopics,
    partitionChanges,
    configChanges,
    brokerChanges,
    producerIdsChanged: before.nextProducerId !== after.nextProducerId,
  };
}
