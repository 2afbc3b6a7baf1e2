import { IndexFile } from './index-file';
import { maxIndexEntries } from './log-config';
import type { DurableListener } from './storage-context';

/**
 * What Kafka's offset and time indexes share (its AbstractIndex): a file of fixed-size entries kept
 * in memory, each entry naming an offset of the segment, with a capacity from segment.index.bytes.
 * Subclasses hold the entries' other column and say how an entry is written.
 */
export abstract class SparseIndex {
  protected readonly file: IndexFile;
  /** The offset each entry names (absolute), increasing. */
  protected readonly offsets: number[] = [];
  protected fileLength = 0;
  readonly maxEntries: number;

  protected constructor(
    path: string,
    readonly baseOffset: number,
    maxIndexSize: number,
    protected readonly entrySize: number,
  ) {
    this.file = new IndexFile(path, entrySize);
    this.maxEntries = maxIndexEntries(maxIndexSize, entrySize);
  }

  get path(): string {
    return this.file.path;
  }

  get entries(): number {
    return this.offsets.length;
  }

  get isFull(): boolean {
    return this.offsets.length >= this.maxEntries;
  }

  exists(): boolean {
    return this.file.exists();
  }

  reset(): void {
    this.truncateToEntries(0);
  }

  flush(onDurable?: DurableListener): void {
    this.file.flush(this.offsets.length, onDurable);
  }

  close(): void {
    this.file.close();
  }

  deleteIfExists(): boolean {
    return this.file.deleteIfExists();
  }

  /** Writes entry number `entries` and records its offset. */
  protected appendEntry(entry: Buffer, offset: number): void {
    this.file.writeEntry(this.offsets.length, entry);
    this.offsets.push(offset);
    this.fileLength = this.offsets.length * this.entrySize;
  }

  /** Keeps the first `n` entries, in memory and in the file. */
  protected truncateToEntries(n: number): void {
    this.offsets.length = n;
    this.trimColumn(n);
    this.file.truncateToEntries(n);
    this.fileLength = n * this.entrySize;
  }

  /** Cuts the subclass's own column to `n` entries. */
  protected abstract trimColumn(n: number): void;
}

/** The index of the last value ≤ target in an increasing array, or -1. */
export function largestLowerBound(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
