import type { PartitionRegistration } from '../controller/metadata-image';
import type { PartitionLog } from '../storage/partition-log';

/**
 * A partition as one broker holds it: its local log and the replication state the controller
 * assigned (Kafka's Partition). The broker never changes leader, epochs or ISR on its own; it
 * takes them from the metadata image.
 */
export class Partition {
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: readonly number[];
  isr: readonly number[];

  constructor(
    readonly topicName: string,
    readonly topicId: string,
    readonly partitionIndex: number,
    readonly log: PartitionLog,
    private readonly localBrokerId: number,
    registration: PartitionRegistration,
  ) {
    this.leader = registration.leader;
    this.leaderEpoch = registration.leaderEpoch;
    this.partitionEpoch = registration.partitionEpoch;
    this.replicas = registration.replicas;
    this.isr = registration.isr;
  }

  get key(): string {
    return partitionKey(this.topicName, this.partitionIndex);
  }

  get isLeader(): boolean {
    return this.leader === this.localBrokerId;
  }

  applyRegistration(registration: PartitionRegistration): void {
    this.leader = registration.leader;
    this.leaderEpoch = registration.leaderEpoch;
    this.partitionEpoch = registration.partitionEpoch;
    this.replicas = registration.replicas;
    this.isr = registration.isr;
    if (this.isLeader) this.log.leaderEpochCache.assign(this.leaderEpoch, this.log.logEndOffset);
    this.maybeIncrementHighWatermark();
  }

  /**
   * The high watermark is the smallest log end offset of the ISR. Until replication exists the
   * only replica this broker can vouch for is itself, so with an ISR of one the log end counts.
   */
  maybeIncrementHighWatermark(): boolean {
    if (!this.isLeader) return false;
    if (this.isr.length === 1 && this.isr[0] === this.localBrokerId) {
      return this.log.maybeIncrementHighWatermark(this.log.logEndOffset);
    }
    return false;
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
