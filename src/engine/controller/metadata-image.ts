import type { BrokerEndpoint, MetadataRecord, PartitionRecord } from './metadata-records';

/**
 * The cluster metadata as of one log offset: a pure fold over the records (KRaft's MetadataImage).
 * Images are never mutated; applying a batch makes a new image sharing the untouched parts.
 */
export const NO_LEADER = -1;

export interface BrokerRegistration {
  readonly brokerId: number;
  readonly incarnationId: string;
  readonly brokerEpoch: number;
  readonly endpoints: readonly BrokerEndpoint[];
  readonly rack: string | null;
  readonly fenced: boolean;
}

export interface PartitionRegistration {
  readonly replicas: readonly number[];
  /** KIP-455: replicas joining / leaving through an ongoing reassignment; empty when none. */
  readonly addingReplicas?: readonly number[];
  readonly removingReplicas?: readonly number[];
  readonly isr: readonly number[];
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly partitionEpoch: number;
}

export interface TopicImage {
  readonly name: string;
  readonly topicId: string;
  readonly partitions: ReadonlyMap<number, PartitionRegistration>;
}

export interface MetadataImage {
  /** Offset of the last record folded in; -1 for the empty image. */
  readonly offset: number;
  readonly clusterId: string | null;
  readonly brokers: ReadonlyMap<number, BrokerRegistration>;
  readonly topicsById: ReadonlyMap<string, TopicImage>;
  readonly topicsByName: ReadonlyMap<string, TopicImage>;
  /** Dynamic topic config overrides by topic name. */
  readonly topicConfigs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Dynamic broker configs by broker id as text; '' holds the cluster-wide defaults. */
  readonly brokerConfigs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The first producer id of the next block to hand out. */
  readonly nextProducerId: number;
}

export class MetadataReplayError extends Error {
  override name = 'MetadataReplayError';
}

export const EMPTY_IMAGE: MetadataImage = Object.freeze({
  offset: -1,
  clusterId: null,
  brokers: new Map(),
  topicsById: new Map(),
  topicsByName: new Map(),
  topicConfigs: new Map(),
  brokerConfigs: new Map(),
  nextProducerId: 0,
});

/** A copy-on-write working copy: each map is copied at most once per batch, on its first change. */
class ImageDraft {
  offset: number;
  clusterId: string | null;
  nextProducerId: number;
  private brokers: ReadonlyMap<number, BrokerRegistration>;
  private topicsById: ReadonlyMap<string, TopicImage>;
  private topicsByName: ReadonlyMap<string, TopicImage>;
  private topicConfigs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  private brokerConfigs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  private copied = new Set<string>();

  constructor(base: MetadataImage) {
    this.offset = base.offset;
    this.clusterId = base.clusterId;
    this.nextProducerId = base.nextProducerId;
    this.brokers = base.brokers;
    this.topicsById = base.topicsById;
    this.topicsByName = base.topicsByName;
    this.topicConfigs = base.topicConfigs;
    this.brokerConfigs = base.brokerConfigs;
  }

  private own<K, V>(key: string, map: ReadonlyMap<K, V>): Map<K, V> {
    if (this.copied.has(key)) return map as Map<K, V>;
    this.copied.add(key);
    return new Map(map);
  }

  broker(id: number): BrokerRegistration | undefined {
    return this.brokers.get(id);
  }
  setBroker(id: number, b: BrokerRegistration | null): void {
    const m = this.own('brokers', this.brokers);
    if (b) m.set(id, Object.freeze(b));
    else m.delete(id);
    this.brokers = m;
  }
  topicById(id: string): TopicImage | undefined {
    return this.topicsById.get(id);
  }
  hasTopicName(name: string): boolean {
    return this.topicsByName.has(name);
  }
  setTopic(topic: TopicImage): void {
    const byId = this.own('topicsById', this.topicsById);
    const byName = this.own('topicsByName', this.topicsByName);
    byId.set(topic.topicId, topic);
    byName.set(topic.name, topic);
    this.topicsById = byId;
    this.topicsByName = byName;
  }
  removeTopic(topic: TopicImage): void {
    const byId = this.own('topicsById', this.topicsById);
    const byName = this.own('topicsByName', this.topicsByName);
    byId.delete(topic.topicId);
    byName.delete(topic.name);
    this.topicsById = byId;
    this.topicsByName = byName;
    const configs = this.own('topicConfigs', this.topicConfigs);
    configs.delete(topic.name);
    this.topicConfigs = configs;
  }
  /** Sets one partition; a topic's partition map is copied once per batch, not once per record. */
  setPartition(topic: TopicImage, partitionId: number, p: PartitionRegistration): void {
    const key = `topic:${topic.topicId}`;
    if (this.copied.has(key)) {
      (topic.partitions as Map<number, PartitionRegistration>).set(partitionId, p);
      return;
    }
    this.copied.add(key);
    const partitions = new Map(topic.partitions);
    partitions.set(partitionId, p);
    this.setTopic(Object.freeze({ name: topic.name, topicId: topic.topicId, partitions }));
  }
  newTopic(name: string, topicId: string): void {
    this.copied.add(`topic:${topicId}`);
    this.setTopic(Object.freeze({ name, topicId, partitions: new Map() }));
  }
  setConfig(kind: 'topicConfigs' | 'brokerConfigs', resource: string, name: string, value: string | null): void {
    const outer = this.own(kind, this[kind]);
    const inner = new Map(outer.get(resource) ?? []);
    if (value === null) inner.delete(name);
    else inner.set(name, value);
    if (inner.size === 0) outer.delete(resource);
    else outer.set(resource, inner);
    this[kind] = outer;
  }

  freeze(): MetadataImage {
    return Object.freeze({
      offset: this.offset,
      clusterId: this.clusterId,
      brokers: this.brokers,
      topicsById: this.topicsById,
      topicsByName: this.topicsByName,
      topicConfigs: this.topicConfigs,
      brokerConfigs: this.brokerConfigs,
      nextProducerId: this.nextProducerId,
    });
  }
}

function reassignmentOf(adding: readonly number[] | undefined, removing: readonly number[] | undefined) {
  return {
    ...(adding?.length ? { addingReplicas: Object.freeze([...adding]) } : {}),
    ...(removing?.length ? { removingReplicas: Object.freeze([...removing]) } : {}),
  };
}

function partitionFrom(r: PartitionRecord): PartitionRegistration {
  return Object.freeze({
    replicas: Object.freeze([...r.replicas]),
    isr: Object.freeze([...r.isr]),
    leader: r.leader,
    leaderEpoch: r.leaderEpoch,
    partitionEpoch: r.partitionEpoch,
    ...(r.addingReplicas?.length ? { addingReplicas: Object.freeze([...r.addingReplicas]) } : {}),
    ...(r.removingReplicas?.length ? { removingReplicas: Object.freeze([...r.removingReplicas]) } : {}),
  });
}


function replayOne(d: ImageDraft, r: MetadataRecord): void {
  switch (r.type) {
    case 'ClusterIdRecord':
      d.clusterId = r.clusterId;
      return;
    case 'RegisterBrokerRecord':
      d.setBroker(r.brokerId, {
        brokerId: r.brokerId,
        incarnationId: r.incarnationId,
        brokerEpoch: r.brokerEpoch,
        endpoints: Object.freeze(r.endpoints.map((e) => Object.freeze({ ...e }))),
        rack: r.rack,
        fenced: r.fenced,
      });
      return;
    case 'UnregisterBrokerRecord': {
      const b = d.broker(r.brokerId);
      if (!b || b.brokerEpoch !== r.brokerEpoch) throw new MetadataReplayError(`UnregisterBrokerRecord for unknown registration ${r.brokerId}/${r.brokerEpoch}`);
      d.setBroker(r.brokerId, null);
      return;
    }
    case 'FenceBrokerRecord':
    case 'UnfenceBrokerRecord': {
      const b = d.broker(r.id);
      if (!b || b.brokerEpoch !== r.epoch) throw new MetadataReplayError(`${r.type} for unknown registration ${r.id}/${r.epoch}`);
      d.setBroker(r.id, { ...b, fenced: r.type === 'FenceBrokerRecord' });
      return;
    }
    case 'TopicRecord':
      if (d.topicById(r.topicId) || d.hasTopicName(r.name)) throw new MetadataReplayError(`TopicRecord for existing topic ${r.name} (${r.topicId})`);
      d.newTopic(r.name, r.topicId);
      return;
    case 'PartitionRecord': {
      const topic = d.topicById(r.topicId);
      if (!topic) throw new MetadataReplayError(`PartitionRecord for unknown topic id ${r.topicId}`);
      d.setPartition(topic, r.partitionId, partitionFrom(r));
      return;
    }
    case 'PartitionChangeRecord': {
      const topic = d.topicById(r.topicId);
      const p = topic?.partitions.get(r.partitionId);
      if (!topic || !p) throw new MetadataReplayError(`PartitionChangeRecord for unknown partition ${r.topicId}-${r.partitionId}`);
      const leaderChanged = r.leader !== undefined;
      d.setPartition(topic, r.partitionId, Object.freeze({
          replicas: r.replicas ? Object.freeze([...r.replicas]) : p.replicas,
          ...reassignmentOf(r.addingReplicas ?? p.addingReplicas, r.removingReplicas ?? p.removingReplicas),
          isr: r.isr ? Object.freeze([...r.isr]) : p.isr,
          leader: leaderChanged ? (r.leader as number) : p.leader,
          leaderEpoch: leaderChanged ? p.leaderEpoch + 1 : p.leaderEpoch,
          partitionEpoch: p.partitionEpoch + 1,
      }));
      return;
    }
    case 'RemoveTopicRecord': {
      const topic = d.topicById(r.topicId);
      if (!topic) throw new MetadataReplayError(`RemoveTopicRecord for unknown topic id ${r.topicId}`);
      d.removeTopic(topic);
      return;
    }
    case 'ConfigRecord':
      d.setConfig(r.resourceType === 'TOPIC' ? 'topicConfigs' : 'brokerConfigs', r.resourceName, r.name, r.value);
      return;
    case 'ProducerIdsRecord':
      if (r.nextProducerId <= d.nextProducerId) throw new MetadataReplayError(`ProducerIdsRecord moves the next producer id back to ${r.nextProducerId}`);
      d.nextProducerId = r.nextProducerId;
      return;
  }
}

/**
 * Folds one batch of records, the first at `baseOffset`, into `image`. All or nothing: a record that
 * does not fit the image throws MetadataReplayError and `image` is untouched.
 */
export function applyBatch(image: MetadataImage, baseOffset: number, records: readonly MetadataRecord[]): MetadataImage {
  if (baseOffset <= image.offset) throw new MetadataReplayError(`batch at offset ${baseOffset} is not after the image's offset ${image.offset}`);
  const draft = new ImageDraft(image);
  for (const r of records) replayOne(draft, r);
  draft.offset = baseOffset + records.length - 1;
  return draft.freeze();
}

/** The whole fold: image = fold(records), the first record at offset 0. */
export function foldRecords(records: readonly MetadataRecord[], baseOffset = 0): MetadataImage {
  return records.length === 0 ? EMPTY_IMAGE : applyBatch(EMPTY_IMAGE, baseOffset, records);
}

export function isLive(image: MetadataImage, brokerId: number): boolean {
  const b = image.brokers.get(brokerId);
  return b !== undefined && !b.fenced;
}

/** The same image stamped with another offset (a snapshot's records are numbered from 0 in its file). */
export function withOffset(image: MetadataImage, offset: number): MetadataImage {
  return Object.freeze({ ...image, offset });
}
