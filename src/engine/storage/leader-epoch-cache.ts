import { LeaderEpochCheckpointFile, type EpochEntry } from './checkpoint-file';
import type { StorageLogger } from './storage-context';

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEndOffset {
  leaderEpoch: number;
  endOffset: number;
}

/**
 * Kafka's LeaderEpochFileCache: for each leader epoch, the first offset written in it. Followers
 * ask the leader for the end offset of their latest epoch (OffsetForLeaderEpoch) to find where
 * their log diverges. Every change is written to `leader-epoch-checkpoint` before returning (Kafka
 * defers the write after truncations; here it is synchronous, one small file).
 */
export class LeaderEpochCache {
  /** Sorted by epoch, and so by start offset too (assign keeps both monotonic). */
  private entries: EpochEntry[];

  constructor(
    private readonly checkpoint: LeaderEpochCheckpointFile | undefined,
    entries: readonly EpochEntry[],
    private readonly logger: StorageLogger,
    private readonly name = '',
  ) {
    this.entries = [...entries].sort((a, b) => a.epoch - b.epoch);
  }

  get all(): readonly EpochEntry[] {
    return this.entries;
  }

  latestEntry(): EpochEntry | undefined {
    return this.entries[this.entries.length - 1];
  }

  latestEpoch(): number | undefined {
    return this.latestEntry()?.epoch;
  }

  earliestEntry(): EpochEntry | undefined {
    return this.entries[0];
  }

  /**
   * Records that `epoch` starts at `startOffset`. Entries for this or a later epoch, or starting at or
   * after startOffset, conflict with it and are removed first (they describe a discarded history).
   */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0 || startOffset < 0) {
      throw new RangeError(`Received invalid partition leader epoch entry (epoch ${epoch}, start offset ${startOffset})`);
    }
    const latest = this.latestEntry();
    if (latest && latest.epoch === epoch && latest.startOffset <= startOffset) return;
    const removed: EpochEntry[] = [];
    while (this.entries.length > 0) {
      const last = this.entries[this.entries.length - 1];
      if (last.epoch < epoch && last.startOffset < startOffset) break;
      removed.push(last);
      this.entries.pop();
    }
    if (removed.length > 1 || (removed.length === 1 && removed[0].startOffset !== startOffset)) {
      this.logger.warn(
        `${this.name}New epoch entry (epoch ${epoch}, start offset ${startOffset}) caused truncation of conflicting entries ${formatEntries(removed)}.`,
      );
    }
    this.entries.push({ epoch, startOffset });
    this.persist();
  }

  /**
   * The largest epoch ≤ requested and the offset where it ended (the next epoch's start, or the log
   * end for the latest epoch); (-1, -1) when the requested epoch is undefined or above all known ones.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    if (requestedEpoch === UNDEFINED_EPOCH) return { leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (this.latestEpoch() === requestedEpoch) return { leaderEpoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.entries.find((e) => e.epoch > requestedEpoch);
    if (!higher) return { leaderEpoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    const floor = [...this.entries].reverse().find((e) => e.epoch <= requestedEpoch);
    return { leaderEpoch: floor ? floor.epoch : requestedEpoch, endOffset: higher.startOffset };
  }

  /** The epoch of the entry covering `offset`, or undefined when it precedes every entry. */
  epochForOffset(offset: number): number | undefined {
    let found: number | undefined;
    for (const e of this.entries) {
      if (e.startOffset > offset) break;
      found = e.epoch;
    }
    return found;
  }

  /** Removes the entries starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    const latest = this.latestEntry();
    if (endOffset < 0 || !latest || latest.startOffset < endOffset) return;
    while (this.entries.length > 0 && this.entries[this.entries.length - 1].startOffset >= endOffset) this.entries.pop();
    this.persist();
  }

  /**
   * Drops the entries wholly below `startOffset` (the log start moved there); the last of them is kept
   * with its start moved up to startOffset, so the epoch of the first remaining record stays known.
   */
  truncateFromStart(startOffset: number): void {
    let removed = 0;
    while (removed < this.entries.length && this.entries[removed].startOffset <= startOffset) removed++;
    if (removed === 0) return;
    const kept = { epoch: this.entries[removed - 1].epoch, startOffset };
    this.entries = [kept, ...this.entries.slice(removed)];
    this.persist();
  }

  clearAndFlush(): void {
    this.entries = [];
    this.persist();
  }

  private persist(): void {
    this.checkpoint?.write(this.entries);
  }
}

function formatEntries(entries: readonly EpochEntry[]): string {
  return `[${entries.map((e) => `(epoch ${e.epoch}, start ${e.startOffset})`).join(', ')}]`;
}
