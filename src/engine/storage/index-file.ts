import { closeSync, existsSync, ftruncateSync, openSync, readFileSync } from 'node:fs';
import { deleteFileIfExists, fsyncFile, writeFully } from './file-io';
import type { DurableListener } from './storage-context';

/**
 * The file under an OffsetIndex or TimeIndex: fixed-size entries, appended at the end.
 *
 * Unlike Kafka, the file is not preallocated to segment.index.bytes and not memory-mapped: the
 * entries live in memory and each new entry is one positioned write. Kafka preallocates so its mmap
 * has room; without mmap that buys nothing, and a file that is exactly its entries long means a
 * crashed broker's index holds no run of zero entries to tell apart from real ones, and the durable
 * length reported after fsync is meaningful. The capacity still follows segment.index.bytes, so
 * segments roll on a full index exactly when Kafka's would.
 */
export class IndexFile {
  private fd: number | undefined;

  constructor(
    private filePath: string,
    readonly entrySize: number,
  ) {}

  get path(): string {
    return this.filePath;
  }

  exists(): boolean {
    return existsSync(this.filePath);
  }

  /** The whole file, or an empty buffer when it does not exist. */
  readAll(): Buffer {
    try {
      return readFileSync(this.filePath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    }
  }

  writeEntry(slot: number, entry: Buffer): void {
    writeFully(this.open(), entry, slot * this.entrySize);
  }

  truncateToEntries(entries: number): void {
    ftruncateSync(this.open(), entries * this.entrySize);
  }

  flush(entries: number, onDurable: DurableListener | undefined): void {
    fsyncFile(this.open(), this.filePath, entries * this.entrySize, onDurable);
  }

  /** Releases the descriptor; a later write reopens it. */
  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  deleteIfExists(): boolean {
    this.close();
    return deleteFileIfExists(this.filePath);
  }

  private open(): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.filePath, existsSync(this.filePath) ? 'r+' : 'w+');
    }
    return this.fd;
  }
}
