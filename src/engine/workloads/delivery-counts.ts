// What a group workload processed, per partition and offset, for the at-least-once / at-most-once
// counts: how often each offset was processed successfully, from the first offset the group
// started at. One byte per offset (counts saturate at 255), so 10 million records cost 10 MB.
import type { DeliveryCounts } from '../../shared/workload-types';

class PartitionTally {
  private counts = new Uint8Array(1024);
  private high = 0;

  constructor(readonly start: number) {}

  add(offset: number): number {
    const i = offset - this.start;
    if (i < 0) return 0;
    if (i >= this.counts.length) {
      let size = this.counts.length;
      while (size <= i) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.counts);
      this.counts = grown;
    }
    if (this.counts[i]! < 255) this.counts[i]!++;
    this.high = Math.max(this.high, i + 1);
    return this.counts[i]!;
  }

  /** Offsets in [start, below) never processed successfully. */
  missingBelow(below: number): number {
    let missing = 0;
    const end = Math.min(below - this.start, this.counts.length);
    for (let i = 0; i < end; i++) if (this.counts[i] === 0) missing++;
    return missing + Math.max(0, below - this.start - this.counts.length);
  }

  tally(): { distinct: number; duplicates: number } {
    let distinct = 0;
    let duplicates = 0;
    for (let i = 0; i < this.high; i++) {
      const c = this.counts[i]!;
      if (c > 0) distinct++;
      if (c > 1) duplicates++;
    }
    return { distinct, duplicates };
  }
}

export class DeliveryTally {
  private readonly partitions = new Map<number, PartitionTally>();
  private readonly committed = new Map<number, number>();
  processed = 0;
  failuresInjected = 0;
  commitsRefused = 0;

  /** Where the group first started reading a partition (its committed offset or the reset position). */
  noteStart(partition: number, offset: number): void {
    if (!this.partitions.has(partition) && offset >= 0) this.partitions.set(partition, new PartitionTally(offset));
  }

  noteCommitted(partition: number, offset: number): void {
    if (offset > (this.committed.get(partition) ?? -1)) this.committed.set(partition, offset);
  }

  /** A record handed to processing; `succeeded` false for a failure before processing (at-most-once). */
  handled(partition: number, offset: number, succeeded: boolean): void {
    this.processed++;
    if (!succeeded) return;
    if (!this.partitions.has(partition)) this.partitions.set(partition, new PartitionTally(offset));
    this.partitions.get(partition)!.add(offset);
  }

  counts(): DeliveryCounts {
    let distinct = 0;
    let duplicates = 0;
    let skipped = 0;
    for (const [partition, t] of this.partitions) {
      const s = t.tally();
      distinct += s.distinct;
      duplicates += s.duplicates;
      const committed = this.committed.get(partition);
      if (committed !== undefined) skipped += t.missingBelow(committed);
    }
    return { processed: this.processed, distinct, duplicates, skipped, failuresInjected: this.failuresInjected, commitsRefused: this.commitsRefused };
  }
}

/**
 * Failures spread evenly rather than drawn at random: the n-th record handled (from 0) fails when
 * ⌊(n+1)·rate⌋ > ⌊n·rate⌋, so N records give exactly ⌊N·rate⌋ failures and a run can be checked.
 */
export function failsAt(n: number, rate: number): boolean {
  if (rate <= 0) return false;
  return Math.floor((n + 1) * rate + 1e-9) > Math.floor(n * rate + 1e-9);
}
