import { CorruptIndexError } from './storage-errors';
import { largestLowerBound, SparseIndex } from './sparse-index';

export interface OffsetPosition {
  offset: number;
  position: number;
}

const ENTRY_SIZE = 8;
const MAX_RELATIVE = 0x7fffffff;

/**
 * Kafka's sparse offset index: 8-byte entries of (offset − baseOffset: int32, file position: int32),
 * big-endian, strictly increasing in offset. An entry (o, p) says the batch starting at byte p of the
 * log has its last offset at o. A lookup answers the last entry at or below a target, from where a
 * short scan of the log finds the exact batch. Entries are only hints: after a crash they are rebuilt
 * from the log.
 */
export class OffsetIndex extends SparseIndex {
  private readonly positions: number[] = [];

  constructor(path: string, baseOffset: number, maxIndexSize: number) {
    super(path, baseOffset, maxIndexSize, ENTRY_SIZE);
  }

  /** Opens the index and loads its entries; a length that is not whole entries is reported by sanityCheck. */
  static open(path: string, baseOffset: number, maxIndexSize: number): OffsetIndex {
    const index = new OffsetIndex(path, baseOffset, maxIndexSize);
    index.load();
    return index;
  }

  private load(): void {
    const bytes = this.file.readAll();
    this.fileLength = bytes.length;
    const n = Math.floor(bytes.length / ENTRY_SIZE);
    for (let i = 0; i < n; i++) {
      this.offsets.push(this.baseOffset + bytes.readInt32BE(i * ENTRY_SIZE));
      this.positions.push(bytes.readInt32BE(i * ENTRY_SIZE + 4));
    }
  }

  /** The last indexed offset, or the base offset when the index is empty. */
  get lastOffset(): number {
    return this.offsets.length === 0 ? this.baseOffset : this.offsets[this.offsets.length - 1];
  }

  entry(i: number): OffsetPosition {
    return { offset: this.offsets[i], position: this.positions[i] };
  }

  canAppendOffset(offset: number): boolean {
    const relative = offset - this.baseOffset;
    return relative >= 0 && relative <= MAX_RELATIVE;
  }

  /**
   * Kafka's checks on an index loaded from disk, plus two that need the log: positions must lie
   * inside it and offsets below its next offset.
   */
  sanityCheck(logSize?: number, nextOffset?: number): void {
    if (this.fileLength % ENTRY_SIZE !== 0) {
      throw new CorruptIndexError(
        `Index file ${this.path} is corrupt, found ${this.fileLength} bytes which is neither positive nor a multiple of ${ENTRY_SIZE}.`,
      );
    }
    for (let i = 0; i < this.offsets.length; i++) {
      if (this.offsets[i] < this.baseOffset || (i > 0 && this.offsets[i] <= this.offsets[i - 1])) {
        throw new CorruptIndexError(`Corrupt index found, index file (${this.path}) has non-increasing offset ${this.offsets[i]} at entry ${i}`);
      }
      if (this.positions[i] < 0 || (i > 0 && this.positions[i] <= this.positions[i - 1]) ||
        (logSize !== undefined && this.positions[i] >= logSize)) {
        throw new CorruptIndexError(`Corrupt index found, index file (${this.path}) has position ${this.positions[i]} out of order or past the log at entry ${i}`);
      }
    }
    if (nextOffset !== undefined && this.offsets.length > 0 && this.lastOffset >= nextOffset) {
      throw new CorruptIndexError(`Corrupt index found, index file (${this.path}) has last offset ${this.lastOffset} at or past the log end ${nextOffset}`);
    }
  }

  /** The last entry whose offset is ≤ target, or (baseOffset, 0) when there is none. */
  lookup(targetOffset: number): OffsetPosition {
    const slot = largestLowerBound(this.offsets, targetOffset);
    return slot < 0 ? { offset: this.baseOffset, position: 0 } : this.entry(slot);
  }

  append(offset: number, position: number): void {
    if (this.isFull) throw new Error(`Attempt to append to a full index (size = ${this.entries}) ${this.path}`);
    if (this.offsets.length > 0 && offset <= this.lastOffset) {
      throw new Error(`Attempt to append an offset (${offset}) to position ${this.entries} no larger than the last offset appended (${this.lastOffset}) to ${this.path}`);
    }
    if (!this.canAppendOffset(offset)) throw new Error(`Offset ${offset} cannot be indexed relative to base ${this.baseOffset}`);
    const entry = Buffer.allocUnsafe(ENTRY_SIZE);
    entry.writeInt32BE(offset - this.baseOffset, 0);
    entry.writeInt32BE(position, 4);
    this.positions.push(position);
    this.appendEntry(entry, offset);
  }

  /** Removes every entry whose offset is ≥ `offset`. */
  truncateTo(offset: number): void {
    const slot = largestLowerBound(this.offsets, offset);
    const keep = slot < 0 ? 0 : this.offsets[slot] === offset ? slot : slot + 1;
    this.truncateToEntries(keep);
  }

  protected trimColumn(n: number): void {
    this.positions.length = n;
  }
}
