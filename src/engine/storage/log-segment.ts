import { closeSync, fstatSync, ftruncateSync, openSync } from 'node:fs';
import { BatchAttribute } from '../protocol/record-batch-header';
import { recordTimestamps } from './batch-records';
import { batchAt, readBatchForRecovery, type FileBatch } from './file-batches';
import { deleteFileIfExists, fsyncFile, readAt, writeFully } from './file-io';
import { logFile, offsetIndexFile, timeIndexFile } from './log-file-names';
import { OffsetIndex } from './offset-index';
import { TimeIndex, type TimestampOffset } from './time-index';
import type {
  EpochAssigner,
  LogOffsetMetadata,
  LogOffsetPosition,
  RecoveryResult,
  RollParams,
  SegmentAppendInfo,
  SegmentContext,
  SegmentReadResult,
  TimestampAndOffset,
} from './log-segment-types';

export type * from './log-segment-types';

const UNKNOWN: TimestampOffset = Object.freeze({ timestamp: -1, offset: -1 });

/**
 * One segment of a partition's log: a `.log` file of record batches exactly as produced, with its
 * sparse OffsetIndex and TimeIndex. Reads only ever see whole batches: `size` moves past a batch
 * after all its bytes are written.
 */
export class LogSegment {
  private fd: number | undefined;
  private sizeInBytes: number;
  private bytesSinceLastIndexEntry = 0;
  private rollingBasedTimestamp: number | undefined;
  private maxTimestampAndOffset: TimestampOffset = UNKNOWN;
  private cachedNextOffset: number | undefined;
  private created: number;
  private readonly rollJitterMs: number;

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    readonly offsetIndex: OffsetIndex,
    readonly timeIndex: TimeIndex,
    fd: number,
    size: number,
    private readonly ctx: SegmentContext,
  ) {
    this.fd = fd;
    this.sizeInBytes = size;
    this.created = ctx.clock.now();
    const jitter = ctx.config.segmentJitterMs;
    this.rollJitterMs = jitter === 0 ? 0 : Math.floor(Math.random() * Math.min(jitter, ctx.config.segmentMs));
  }

  /** Opens (or creates, when `fileAlreadyExists` is false) the segment at `baseOffset` in `dir`. */
  static open(dir: string, baseOffset: number, ctx: SegmentContext, fileAlreadyExists: boolean): LogSegment {
    const path = logFile(dir, baseOffset);
    const maxIndexSize = ctx.config.segmentIndexBytes;
    if (!fileAlreadyExists) {
      // A leftover index of an earlier segment at this offset would describe other data.
      deleteFileIfExists(offsetIndexFile(dir, baseOffset));
      deleteFileIfExists(timeIndexFile(dir, baseOffset));
    }
    const fd = openSync(path, fileAlreadyExists ? 'r+' : 'w+');
    const size = fstatSync(fd).size;
    const offsetIndex = OffsetIndex.open(offsetIndexFile(dir, baseOffset), baseOffset, maxIndexSize);
    const timeIndex = TimeIndex.open(timeIndexFile(dir, baseOffset), baseOffset, maxIndexSize);
    if (!fileAlreadyExists) {
      // Empty index files exist from the start, so a missing one always means a lost index.
      offsetIndex.reset();
      timeIndex.reset();
    }
    return new LogSegment(dir, baseOffset, offsetIndex, timeIndex, fd, size, ctx);
  }

  get logPath(): string {
    return logFile(this.dir, this.baseOffset);
  }

  get size(): number {
    return this.sizeInBytes;
  }

  private get file(): number {
    if (this.fd === undefined) throw new Error(`Log segment ${this.logPath} is closed`);
    return this.fd;
  }

  /** Whether both index files are on disk (a deleted index needs a rebuild). */
  indexesExist(): boolean {
    return this.offsetIndex.exists() && this.timeIndex.exists();
  }

  /** Throws CorruptIndexError when an index does not describe this log. */
  sanityCheckIndexes(): void {
    const next = this.readNextOffset();
    this.offsetIndex.sanityCheck(this.sizeInBytes, next);
    this.timeIndex.sanityCheck(next);
  }

  readMaxTimestampAndOffsetSoFar(): TimestampOffset {
    if (this.maxTimestampAndOffset === UNKNOWN) this.maxTimestampAndOffset = this.timeIndex.lastEntry();
    return this.maxTimestampAndOffset;
  }

  get maxTimestampSoFar(): number {
    return this.readMaxTimestampAndOffsetSoFar().timestamp;
  }

  /** The largest timestamp in the segment, or the file's modification time when none is known. */
  largestTimestamp(): number {
    const ts = this.maxTimestampSoFar;
    return ts >= 0 ? ts : this.lastModified();
  }

  lastModified(): number {
    return fstatSync(this.file).mtimeMs;
  }

  canConvertToRelativeOffset(offset: number): boolean {
    return this.offsetIndex.canAppendOffset(offset);
  }

  shouldRoll(p: RollParams): boolean {
    const reachedRollMs = this.timeWaitedForRoll(p.now, p.maxTimestampInMessages) > p.maxSegmentMs - this.rollJitterMs;
    return (
      this.sizeInBytes > p.maxSegmentBytes - p.messagesSize ||
      (this.sizeInBytes > 0 && reachedRollMs) ||
      this.offsetIndex.isFull ||
      this.timeIndex.isFull ||
      !this.canConvertToRelativeOffset(p.maxOffsetInMessages)
    );
  }

  /**
   * How long this segment has waited to roll: by record time when its first batch has a timestamp
   * (Kafka rolls on the gap between the new batch's and the first batch's timestamps), else by the
   * clock since the segment was created.
   */
  timeWaitedForRoll(now: number, messageTimestamp: number): number {
    if (this.rollingBasedTimestamp === undefined && this.sizeInBytes > 0) {
      this.rollingBasedTimestamp = batchAt(this.file, 0, this.sizeInBytes)?.maxTimestamp;
    }
    const ts = this.rollingBasedTimestamp ?? -1;
    return ts >= 0 ? messageTimestamp - ts : now - this.created;
  }

  append(batch: Buffer, info: SegmentAppendInfo): void {
    if (batch.length === 0) return;
    const position = this.sizeInBytes;
    if (position === 0) this.rollingBasedTimestamp = info.maxTimestamp;
    if (!this.canConvertToRelativeOffset(info.lastOffset)) {
      throw new Error(`Offset ${info.lastOffset} does not fit segment ${this.logPath} (base ${this.baseOffset})`);
    }
    writeFully(this.file, batch, position);
    this.sizeInBytes += batch.length;
    this.cachedNextOffset = info.lastOffset + 1;
    if (info.maxTimestamp > this.maxTimestampSoFar) {
      this.maxTimestampAndOffset = { timestamp: info.maxTimestamp, offset: info.offsetOfMaxTimestamp };
    }
    if (this.bytesSinceLastIndexEntry > this.ctx.config.indexIntervalBytes) {
      this.offsetIndex.append(info.lastOffset, position);
      const max = this.readMaxTimestampAndOffsetSoFar();
      this.timeIndex.maybeAppend(max.timestamp, max.offset);
      this.bytesSinceLastIndexEntry = 0;
    }
    this.bytesSinceLastIndexEntry += batch.length;
  }

  /** Header-only walk of the batches from `position` to the end of the segment. */
  *batches(position = 0): Generator<FileBatch> {
    let pos = position;
    for (;;) {
      const batch = batchAt(this.file, pos, this.sizeInBytes);
      if (!batch) return;
      yield batch;
      pos += batch.size;
    }
  }

  /** The batch holding the first offset ≥ `offset`, or undefined when the segment has none. */
  translateOffset(offset: number, startingPosition = 0): LogOffsetPosition | undefined {
    const mapping = this.offsetIndex.lookup(offset);
    for (const batch of this.batches(Math.max(mapping.position, startingPosition))) {
      if (batch.lastOffset >= offset) return { offset: batch.lastOffset, position: batch.position, size: batch.size };
    }
    return undefined;
  }

  /**
   * Whole batches from the one holding `startOffset`, up to `maxBytes` and never past
   * `maxPosition`; with `minOneBatch` the first batch comes back even when larger than maxBytes
   * (KIP-74). Undefined when no batch of this segment holds an offset ≥ startOffset.
   */
  read(startOffset: number, maxBytes: number, maxPosition: number = this.sizeInBytes, minOneBatch = false): SegmentReadResult | undefined {
    if (maxBytes < 0) throw new RangeError(`Invalid max size ${maxBytes} for log read from segment ${this.logPath}`);
    const start = this.translateOffset(startOffset);
    if (!start) return undefined;
    const offsetMetadata: LogOffsetMetadata = {
      messageOffset: startOffset,
      segmentBaseOffset: this.baseOffset,
      relativePositionInSegment: start.position,
    };
    const limit = minOneBatch ? Math.max(maxBytes, start.size) : maxBytes;
    const fetchSize = Math.min(Math.min(maxPosition, this.sizeInBytes) - start.position, limit);
    if (fetchSize < start.size) {
      return { records: Buffer.alloc(0), offsetMetadata, firstEntryIncomplete: fetchSize > 0 && limit < start.size };
    }
    const bytes = readAt(this.file, fetchSize, start.position);
    let whole = 0;
    while (whole + 12 <= bytes.length) {
      const size = bytes.readInt32BE(whole + 8) + 12;
      if (whole + size > bytes.length) break;
      whole += size;
    }
    return { records: bytes.subarray(0, whole), offsetMetadata, firstEntryIncomplete: false };
  }

  /**
   * The first record whose timestamp is ≥ `timestamp` and offset ≥ `startingOffset`. Record-level as
   * in Kafka, decompressing when needed; for a batch that cannot be decompressed synchronously (zstd)
   * the batch's first eligible offset and its max timestamp.
   */
  findOffsetByTimestamp(timestamp: number, startingOffset: number): TimestampAndOffset | undefined {
    const indexed = this.timeIndex.lookup(timestamp);
    const position = this.offsetIndex.lookup(Math.max(indexed.offset, startingOffset)).position;
    for (const batch of this.batches(position)) {
      if (batch.maxTimestamp < timestamp || batch.lastOffset < startingOffset) continue;
      const leaderEpoch = batch.partitionLeaderEpoch >= 0 ? batch.partitionLeaderEpoch : undefined;
      const records = recordTimestamps(readAt(this.file, batch.size, batch.position), this.ctx.decompress);
      if (!records) {
        return { timestamp: batch.maxTimestamp, offset: Math.max(batch.baseOffset, startingOffset), leaderEpoch };
      }
      const hit = records.find((r) => r.timestamp >= timestamp && r.offset >= startingOffset);
      if (hit) return { timestamp: hit.timestamp, offset: hit.offset, leaderEpoch };
    }
    return undefined;
  }

  /** The record holding this segment's max timestamp (ListOffsets MAX_TIMESTAMP, KIP-734). */
  findMaxTimestampRecord(): TimestampAndOffset | undefined {
    const max = this.readMaxTimestampAndOffsetSoFar();
    if (max.timestamp < 0 && this.sizeInBytes === 0) return undefined;
    const position = this.offsetIndex.lookup(max.offset).position;
    for (const batch of this.batches(position)) {
      if (batch.maxTimestamp !== max.timestamp) continue;
      const leaderEpoch = batch.partitionLeaderEpoch >= 0 ? batch.partitionLeaderEpoch : undefined;
      if ((batch.attributes & BatchAttribute.TimestampTypeLogAppend) !== 0) {
        return { timestamp: batch.maxTimestamp, offset: batch.baseOffset, leaderEpoch };
      }
      const records = recordTimestamps(readAt(this.file, batch.size, batch.position), this.ctx.decompress);
      const hit = records?.find((r) => r.timestamp === batch.maxTimestamp);
      return { timestamp: batch.maxTimestamp, offset: hit ? hit.offset : batch.baseOffset, leaderEpoch };
    }
    return undefined;
  }

  /** The offset after the last batch of this segment (its base offset when empty). */
  readNextOffset(): number {
    if (this.cachedNextOffset === undefined) {
      let next = this.baseOffset;
      const from = this.translateOffset(this.offsetIndex.lastOffset)?.position ?? 0;
      for (const batch of this.batches(from)) next = batch.lastOffset + 1;
      this.cachedNextOffset = next;
    }
    return this.cachedNextOffset;
  }

  /**
   * Rebuilds both indexes from the log and cuts the log after the last whole, valid batch: length,
   * magic, CRC32C, offsets inside this segment and increasing. Returns how many bytes were cut.
   */
  recover(epochs?: EpochAssigner): RecoveryResult {
    this.offsetIndex.reset();
    this.timeIndex.reset();
    this.maxTimestampAndOffset = { timestamp: -1, offset: this.baseOffset };
    let validBytes = 0;
    let lastIndexEntry = 0;
    let next = this.baseOffset;
    let reason = 'an incomplete batch at the end of the file';
    const fileSize = fstatSync(this.file).size;
    for (;;) {
      const read = readBatchForRecovery(this.file, validBytes, fileSize);
      if (read.kind === 'end') break;
      if (read.kind === 'corrupt') {
        reason = read.reason;
        break;
      }
      const batch = read.batch;
      if (batch.baseOffset < next || batch.lastOffset < batch.baseOffset || !this.canConvertToRelativeOffset(batch.lastOffset)) {
        reason = `batch offsets ${batch.baseOffset}..${batch.lastOffset} do not follow offset ${next - 1} in a segment based at ${this.baseOffset}`;
        break;
      }
      if (batch.maxTimestamp > this.maxTimestampAndOffset.timestamp) {
        this.maxTimestampAndOffset = { timestamp: batch.maxTimestamp, offset: batch.lastOffset };
      }
      // Indexes are hints: a rebuild that would overflow them (entries can fall differently than
      // they did across restarts) leaves the rest of the segment to be found by scanning.
      const roomInIndexes = !this.offsetIndex.isFull && !this.timeIndex.isFull;
      if (roomInIndexes && validBytes - lastIndexEntry > this.ctx.config.indexIntervalBytes) {
        this.offsetIndex.append(batch.lastOffset, validBytes);
        this.timeIndex.maybeAppend(this.maxTimestampAndOffset.timestamp, this.maxTimestampAndOffset.offset);
        lastIndexEntry = validBytes;
      }
      validBytes += batch.size;
      next = batch.lastOffset + 1;
      if (epochs && batch.partitionLeaderEpoch >= 0) {
        const latest = epochs.latestEpoch();
        if (latest === undefined || batch.partitionLeaderEpoch > latest) epochs.assign(batch.partitionLeaderEpoch, batch.baseOffset);
      }
    }
    const truncatedBytes = fileSize - validBytes;
    if (truncatedBytes > 0) {
      this.ctx.logger.warn(
        `Truncated ${truncatedBytes} invalid bytes at position ${validBytes} (offset ${next}) of ${this.logPath}: ${reason}`,
      );
      ftruncateSync(this.file, validBytes);
    }
    this.sizeInBytes = validBytes;
    this.cachedNextOffset = next;
    this.rollingBasedTimestamp = undefined;
    this.timeIndex.maybeAppend(this.maxTimestampAndOffset.timestamp, this.maxTimestampAndOffset.offset, true);
    return { truncatedBytes, nextOffset: next };
  }

  /** Removes every batch whose last offset is ≥ `offset`; returns the bytes cut. */
  truncateTo(offset: number): number {
    const mapping = this.translateOffset(offset);
    this.offsetIndex.truncateTo(offset);
    this.timeIndex.truncateTo(offset);
    let truncated = 0;
    if (mapping) {
      truncated = this.sizeInBytes - mapping.position;
      ftruncateSync(this.file, mapping.position);
      this.sizeInBytes = mapping.position;
    }
    if (this.sizeInBytes === 0) {
      this.created = this.ctx.clock.now();
      this.rollingBasedTimestamp = undefined;
    }
    this.bytesSinceLastIndexEntry = 0;
    this.cachedNextOffset = undefined;
    this.maxTimestampAndOffset = this.readLargestTimestamp();
    return truncated;
  }

  private readLargestTimestamp(): TimestampOffset {
    let best = this.timeIndex.lastEntry();
    const from = this.offsetIndex.lookup(best.offset).position;
    for (const batch of this.batches(from)) {
      if (batch.maxTimestamp > best.timestamp) best = { timestamp: batch.maxTimestamp, offset: batch.lastOffset };
    }
    return best;
  }

  /** Called when a newer segment takes over appends: the last time index entry, then idle descriptors go. */
  onBecomeInactiveSegment(): void {
    const max = this.readMaxTimestampAndOffsetSoFar();
    this.timeIndex.maybeAppend(max.timestamp, max.offset, true);
    this.offsetIndex.close();
    this.timeIndex.close();
  }

  flush(): void {
    fsyncFile(this.file, this.logPath, this.sizeInBytes, this.ctx.onDurable);
    this.offsetIndex.flush(this.ctx.onDurable);
    this.timeIndex.flush(this.ctx.onDurable);
  }

  close(): void {
    if (this.fd === undefined) return;
    if (this.maxTimestampAndOffset !== UNKNOWN) {
      try {
        const max = this.maxTimestampAndOffset;
        this.timeIndex.maybeAppend(max.timestamp, max.offset, true);
      } catch (err) {
        this.ctx.logger.warn(`Could not append the final time index entry of ${this.logPath}: ${String(err)}`);
      }
    }
    this.closeHandlers();
  }

  /** Closes descriptors without writing anything: what a crash leaves behind. */
  closeHandlers(): void {
    this.offsetIndex.close();
    this.timeIndex.close();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  deleteIfExists(): void {
    this.closeHandlers();
    deleteFileIfExists(this.logPath);
    this.offsetIndex.deleteIfExists();
    this.timeIndex.deleteIfExists();
  }
}
