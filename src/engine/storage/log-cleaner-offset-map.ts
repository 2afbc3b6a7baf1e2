import { createHash } from 'node:crypto';

/** Kafka's log.cleaner.dedupe.buffer.size default (128 MiB) and log.cleaner.io.buffer.load.factor. */
export const DEFAULT_DEDUPE_BUFFER_SIZE = 128 * 1024 * 1024;
export const DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR = 0.9;
/** SkimpyOffsetMap's entry: a 16-byte MD5 of the key and an 8-byte offset. */
const BYTES_PER_ENTRY = 16 + 8;

/**
 * The cleaner's key → last offset map over the dirty section (Kafka's SkimpyOffsetMap): keys are
 * stored as their MD5 digest, so memory per entry is bounded whatever the key size, and the map has
 * a fixed number of slots derived from the dedupe buffer size. When it is full the cleaner stops
 * mapping and cleans only up to the last offset it mapped.
 */
export class OffsetMap {
  private readonly entries = new Map<string, number>();
  private lastOffset = -1;
  readonly slots: number;

  constructor(memoryBytes: number = DEFAULT_DEDUPE_BUFFER_SIZE) {
    this.slots = Math.max(1, Math.floor(memoryBytes / BYTES_PER_ENTRY));
  }

  /** How many distinct keys the cleaner may map before it counts the map as full. */
  maxDesiredSize(loadFactor: number = DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR): number {
    return Math.max(1, Math.floor(this.slots * loadFactor));
  }

  put(key: Buffer, offset: number): void {
    this.entries.set(digest(key), offset);
    if (offset > this.lastOffset) this.lastOffset = offset;
  }

  /** The last offset mapped for `key`, or -1. */
  get(key: Buffer): number {
    return this.entries.get(digest(key)) ?? -1;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The highest offset the map covers: records past it are newer than anything mapped. */
  get latestOffset(): number {
    return this.lastOffset;
  }

  updateLatestOffset(offset: number): void {
    if (offset > this.lastOffset) this.lastOffset = offset;
  }

  get utilization(): number {
    return this.entries.size / this.slots;
  }

  clear(): void {
    this.entries.clear();
    this.lastOffset = -1;
  }
}

function digest(key: Buffer): string {
  return createHash('md5').update(key).digest('base64');
}
