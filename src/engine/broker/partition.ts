import type { PartitionRegistration } from '../controller/metadata-image';
import type { PartitionLog } from '../storage/partition-log';

/** What the leader knows of one follower, from its fetches (Kafka's ReplicaState). */
export interface FollowerState {
  /** -1 until the follower's first fetch under this leadership. */
  logEndOffset: number;
  /** The last time its log end was at least the leader's log end as of its previous fetch. */
  lastCaughtUpTimeMs: number;
  lastFetchLeaderLogEndOffset: number;
  lastFetchTimeMs: number;
}

/** An AlterPartition sent and not yet answered (Kafka's PendingExpandIsr / PendingShrinkIsr). */
export interface PendingIsrChange {
  kind: 'expand' | 'shrink';
  isr: readonly number[];
}

/**
 * A partition as one broker holds it: its local log and the replication state the controller
 * assigned (Kafka's Partition). Leader, epochs and the committed ISR come from the metadata; the
 * leader changes the ISR only through AlterPartition, and tracks its followers to do so.
 */
export class Partition {
  leader: number;
  leaderEpoch: number;
  partitionEpoch: number;
  replicas: readonly number[];
  isr: readonly number[];
  /** The log end when this broker became leader: KIP-207's bar for ListOffsets(latest). */
  leaderEpochStartOffset = -1;
  pendingIsrChange: PendingIsrChange | null = null;
  readonly followers = new Map<number, FollowerState>();

  constructor(
    readonly topicName: string,
    readonly topicId: string,
    readonly partitionIndex: number,
    readonly log: PartitionLog,
    private readonly localBrokerId: number,
    registration: PartitionRegistration,
  ) {
    this.leader = -1;
    this.leaderEpoch = -1;
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

  /**
   * Takes the controller's latest registration. Returns what changed for this broker: it became the
   * leader, became a follower (of a possibly new leader), or only the ISR/epochs moved.
   */
  applyRegistration(registration: PartitionRegistration, nowMs: number): 'became-leader' | 'became-follower' | 'unchanged' {
    const wasLeader = this.isLeader;
    const leaderChanged = registration.leader !== this.leader || registration.leaderEpoch !== this.leaderEpoch;
    this.leader = registration.leader;
    this.leaderEpoch = registration.leaderEpoch;
    this.partitionEpoch = registration.partitionEpoch;
    this.replicas = registration.replicas;
    this.isr = registration.isr;
    // The committed ISR supersedes whatever we asked for; a later check asks again if needed.
    this.pendingIsrChange = null;
    if (this.isLeader && leaderChanged) {
      this.leaderEpochStartOffset = this.log.logEndOffset;
      this.log.leaderEpochCache.assign(this.leaderEpoch, this.log.logEndOffset);
      this.followers.clear();
      for (const id of this.replicas) {
        if (id === this.localBrokerId) continue;
        // Kafka counts ISR members as caught up at the moment of election, so none is dropped at once.
        this.followers.set(id, { logEndOffset: -1, lastCaughtUpTimeMs: this.isr.includes(id) ? nowMs : 0, lastFetchLeaderLogEndOffset: -1, lastFetchTimeMs: 0 });
      }
      this.maybeIncrementHighWatermark();
      return 'became-leader';
    }
    if (!this.isLeader) {
      this.followers.clear();
      this.leaderEpochStartOffset = -1;
      return wasLeader || leaderChanged ? 'became-follower' : 'unchanged';
    }
    // A reassignment adds and removes replicas under the same leader: track exactly the current ones.
    for (const id of this.replicas) {
      if (id !== this.localBrokerId && !this.followers.has(id)) {
        this.followers.set(id, { logEndOffset: -1, lastCaughtUpTimeMs: 0, lastFetchLeaderLogEndOffset: -1, lastFetchTimeMs: 0 });
      }
    }
    for (const id of [...this.followers.keys()]) if (!this.replicas.includes(id)) this.followers.delete(id);
    this.maybeIncrementHighWatermark();
    return 'unchanged';
  }

  /** The ISR the high watermark must wait for: the committed one plus members being added (KIP-497's maximal ISR). */
  get maximalIsr(): readonly number[] {
    if (this.pendingIsrChange?.kind === 'expand') return this.pendingIsrChange.isr;
    return this.isr;
  }

  /** Records a follower's fetch (its fetch offset is its log end). */
  updateFollowerFetchState(replicaId: number, fetchOffset: number, nowMs: number): void {
    const state = this.followers.get(replicaId);
    if (!state) return;
    const leaderEnd = this.log.logEndOffset;
    if (fetchOffset >= leaderEnd) state.lastCaughtUpTimeMs = nowMs;
    else if (fetchOffset >= state.lastFetchLeaderLogEndOffset) state.lastCaughtUpTimeMs = Math.max(state.lastCaughtUpTimeMs, state.lastFetchTimeMs);
    state.logEndOffset = fetchOffset;
    state.lastFetchLeaderLogEndOffset = leaderEnd;
    state.lastFetchTimeMs = nowMs;
  }

  /** A follower outside the ISR that has caught up to the high watermark of this leadership may join. */
  followerToAdd(replicaId: number): number[] | null {
    if (!this.isLeader || this.pendingIsrChange || this.maximalIsr.includes(replicaId)) return null;
    const state = this.followers.get(replicaId);
    if (!state) return null;
    const hw = this.log.highWatermark;
    if (state.logEndOffset < hw || state.logEndOffset < this.leaderEpochStartOffset) return null;
    return [...this.isr, replicaId];
  }

  /** ISR members whose last catch-up is older than replica.lag.time.max.ms. */
  laggingFollowers(nowMs: number, maxLagMs: number): number[] {
    if (!this.isLeader || this.pendingIsrChange) return [];
    return this.isr.filter((id) => {
      if (id === this.localBrokerId) return false;
      const state = this.followers.get(id);
      return !state || nowMs - state.lastCaughtUpTimeMs > maxLagMs;
    });
  }

  /**
   * The high watermark is the smallest log end offset of the maximal ISR, and never moves back on
   * the leader. A follower that has not fetched under this leadership holds it where it is.
   */
  maybeIncrementHighWatermark(): boolean {
    if (!this.isLeader) return false;
    let candidate = this.log.logEndOffset;
    for (const id of this.maximalIsr) {
      if (id === this.localBrokerId) continue;
      const state = this.followers.get(id);
      if (!state || state.logEndOffset < 0) return false;
      candidate = Math.min(candidate, state.logEndOffset);
    }
    return this.log.maybeIncrementHighWatermark(candidate);
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}
