import { CorruptIndexError } from './storage-errors';
import { SparseIndex } from './sparse-index';

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

const ENTRY_SIZE = 12;
const NO_TIMESTAMP = -1;

/**
 * Kafka's time index: 12-byte entries of (timestamp: int64, offset − baseOffset: int32). An entry
 * (t, o) says t is the largest timestamp in the segment up to the batch ending at offset o. Entries
 * only grow in timestamp, so the last entry with timestamp ≤ target is a safe place to start scanning
 * for the first record whose timestamp is ≥ target.
 */
export class TimeIndex extends SparseIndex {
  private readonly timestamps: number[] = [];

  constructor(path: string, baseOffset: number, maxIndexSize: number) {
    super(path, baseOffset, maxIndexSize, ENTRY_SIZE);
  }

  static open(path: string, baseOffset: number, maxIndexSize: number): TimeIndex {
    const index = new TimeIndex(path, baseOffset, maxIndexSize);
    const bytes = index.file.readAll();
    index.fileLength = bytes.length;
    const n = Math.floor(bytes.length / ENTRY_SIZE);
    for (let i = 0; i < n; i++) {
      index.timestamps.push(Number(bytes.readBigInt64BE(i * ENTRY_SIZE)));
      index.offsets.push(baseOffset + bytes.readInt32BE(i * ENTRY_SIZE + 8));
    }
    return index;
  }

  entry(i: number): TimestampOffset {
    return { timestamp: this.timestamps[i], offset: this.offsets[i] };
  }

  /** The last entry, or (-1, baseOffset) when the index is empty. */
  lastEntry(): TimestampOffset {
    const n = this.offsets.length;
    return n === 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(n - 1);
  }

  sanityCheck(nextOffset?: number): void {
    if (this.fileLength % ENTRY_SIZE !== 0) {
      throw new CorruptIndexError(
        `Time index file ${this.path} is corrupt, found ${this.fileLength} bytes which is neither positive nor a multiple of ${ENTRY_SIZE}.`,
      );
    }
    for (let i = 0; i < this.offsets.length; i++) {
      if (this.offsets[i] < this.baseOffset || (i > 0 && (this.offsets[i] < this.offsets[i - 1] || this.timestamps[i] <= this.timestamps[i - 1]))) {
        throw new CorruptIndexError(`Corrupt time index found, time index file (${this.path}) has entry ${i} out of order`);
      }
    }
    if (nextOffset !== undefined && this.offsets.length > 0 && this.lastEntry().offset >= Math.max(nextOffset, this.baseOffset + 1)) {
      throw new CorruptIndexError(`Corrupt time index found, time index file (${this.path}) points at offset ${this.lastEntry().offset} past the log end ${nextOffset}`);
    }
  }

  /** The last entry whose timestamp is ≤ target, or (-1, baseOffset) when there is none. */
  lookup(targetTimestamp: number): TimestampOffset {
    let lo = 0;
    let hi = this.timestamps.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timestamps[mid] <= targetTimestamp) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? { timestamp: NO_TIMESTAMP, offset: this.baseOffset } : this.entry(found);
  }

  /**
   * Appends (timestamp, offset) only if the timestamp is larger than the last entry's, as Kafka
   * does. `skipFullCheck` lets the final entry of a closing segment go in even when the index is full.
   */
  maybeAppend(timestamp: number, offset: number, skipFullCheck = false): void {
    if (!skipFullCheck && this.isFull) {
      throw new Error(`Attempt to append to a full time index (size = ${this.entries}) ${this.path}`);
    }
    const last = this.lastEntry();
    if (this.entries > 0 && offset < last.offset) {
      throw new Error(`Attempt to append an offset (${offset}) to slot ${this.entries} no larger than the last offset appended (${last.offset}) to ${this.path}`);
    }
    if (this.entries > 0 && timestamp < last.timestamp) {
      throw new Error(`Attempt to append a timestamp (${timestamp}) to slot ${this.entries} no larger than the last timestamp appended (${last.timestamp}) to ${this.path}`);
    }
    if (timestamp <= last.timestamp) return;
    const entry = Buffer.allocUnsafe(ENTRY_SIZE);
    entry.writeBigInt64BE(BigInt(timestamp), 0);
    entry.writeInt32BE(offset - this.baseOffset, 8);
    this.timestamps.push(timestamp);
    this.appendEntry(entry, offset);
  }

  /** Removes every entry whose offset is ≥ `offset`. */
  truncateTo(offset: number): void {
    let keep = this.offsets.length;
    while (keep > 0 && this.offsets[keep - 1] >= offset) keep--;
    this.truncateToEntries(keep);
  }

  protected trimColumn(n: number): void {
    this.timestamps.length = n;
  }
}
