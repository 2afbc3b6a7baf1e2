import type { OffsetAndMetadata } from './group-records-codec';

export interface StoredOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: OffsetAndMetadata;
}

/**
 * Committed offsets by group, topic and partition: what has been stored in __consumer_offsets
 * (the coordinator updates it only after the append succeeded, so a fetch sees committed offsets).
 */
export class OffsetStore {
  private readonly byGroup = new Map<string, Map<string, Map<number, OffsetAndMetadata>>>();

  get(group: string, topic: string, partition: number): OffsetAndMetadata | undefined {
    return this.byGroup.get(group)?.get(topic)?.get(partition);
  }

  put(group: string, topic: string, partition: number, offset: OffsetAndMetadata): void {
    let topics = this.byGroup.get(group);
    if (!topics) this.byGroup.set(group, (topics = new Map()));
    let partitions = topics.get(topic);
    if (!partitions) topics.set(topic, (partitions = new Map()));
    partitions.set(partition, offset);
  }

  delete(group: string, topic: string, partition: number): void {
    const topics = this.byGroup.get(group);
    const partitions = topics?.get(topic);
    if (!topics || !partitions) return;
    partitions.delete(partition);
    if (partitions.size === 0) topics.delete(topic);
    if (topics.size === 0) this.byGroup.delete(group);
  }

  deleteGroup(group: string): void {
    this.byGroup.delete(group);
  }

  hasOffsets(group: string): boolean {
    return this.byGroup.has(group);
  }

  /** Every stored offset of the group, topics and partitions in insertion order. */
  entries(group: string): StoredOffset[] {
    const out: StoredOffset[] = [];
    for (const [topic, partitions] of this.byGroup.get(group) ?? []) {
      for (const [partition, offset] of partitions) out.push({ topic, partition, offset });
    }
    return out;
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }
}
