import type { Partition } from './partition';
import { ReplicaFetcher, type ReplicaFetcherContext } from './replica-fetcher';

/** One fetcher per leader this broker follows (Kafka's ReplicaFetcherManager, one thread per leader). */
export class ReplicaFetcherManager {
  private readonly fetchers = new Map<number, ReplicaFetcher>();

  constructor(private readonly ctx: ReplicaFetcherContext) {}

  /** Follows `partition` from its current leader, leaving any fetcher of an earlier leader. */
  follow(partition: Partition): void {
    for (const fetcher of this.fetchers.values()) {
      if (fetcher.leaderId !== partition.leader && fetcher.has(partition)) fetcher.remove(partition);
    }
    if (partition.leader < 0 || partition.isLeader) return;
    let fetcher = this.fetchers.get(partition.leader);
    if (!fetcher) {
      fetcher = new ReplicaFetcher(partition.leader, this.ctx);
      this.fetchers.set(partition.leader, fetcher);
    }
    fetcher.add(partition);
  }

  unfollow(partition: Partition): void {
    for (const fetcher of this.fetchers.values()) fetcher.remove(partition);
  }

  shutdown(): void {
    for (const fetcher of this.fetchers.values()) fetcher.stop();
    this.fetchers.clear();
  }
}
