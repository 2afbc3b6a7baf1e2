import { fsyncDir } from './file-io';
import { topicPartitionName, type TopicPartition } from './log-file-names';
import { LogSegment, type SegmentAppendInfo, type SegmentContext, type SegmentReadResult } from './log-segment';
import type { ReadOptions } from './partition-log-types';
import { readSegments } from './segment-reads';

/**
 * Kafka's LocalLog: the segments in one partition's folder and what only they decide — the log end
 * offset, the recovery point, rolling, flushing, truncating, and taking segments out or swapping
 * them. The log start offset, high watermark, epochs and producers belong to PartitionLog (Kafka's
 * UnifiedLog), which runs every file-touching call here inside its offline guard: no method here
 * guards itself, so one I/O error takes the whole partition offline, not just its segments.
 */
export class LocalLog {
  private segmentList: LogSegment[];
  private nextOffset: number;
  private recoveryPointOffset: number;
  private lastFlushedTime: number;
  /** A file was created or removed since the folder was last fsynced: the next sync point must sync it. */
  private dirNeedsSync = false;
  private readonly logIdent: string;

  constructor(
    readonly dir: string,
    readonly topicPartition: TopicPartition,
    private readonly ctx: SegmentContext,
    segments: LogSegment[],
    logEndOffset: number,
    recoveryPoint: number,
  ) {
    this.segmentList = segments;
    this.nextOffset = logEndOffset;
    this.recoveryPointOffset = recoveryPoint;
    this.lastFlushedTime = ctx.clock.now();
    this.logIdent = `[Log partition=${topicPartitionName(topicPartition)}] `;
  }

  /** Oldest first; do not mutate. */
  get segments(): readonly LogSegment[] {
    return this.segmentList;
  }

  get activeSegment(): LogSegment {
    return this.segmentList[this.segmentList.length - 1];
  }

  get logEndOffset(): number {
    return this.nextOffset;
  }

  get recoveryPoint(): number {
    return this.recoveryPointOffset;
  }

  get lastFlushTime(): number {
    return this.lastFlushedTime;
  }

  get sizeInBytes(): number {
    return this.segmentList.reduce((sum, s) => sum + s.size, 0);
  }

  get unflushedMessages(): number {
    return this.nextOffset - this.recoveryPointOffset;
  }

  updateLogEndOffset(offset: number): void {
    this.nextOffset = offset;
  }

  updateRecoveryPoint(offset: number): void {
    this.recoveryPointOffset = offset;
  }

  /** Appends to the active segment; the caller has rolled first when the batch would not fit. */
  append(batch: Buffer, info: SegmentAppendInfo): void {
    this.activeSegment.append(batch, info);
    this.nextOffset = info.lastOffset + 1;
  }

  /** An in-range read (the caller checks against the log start offset, which is not known here). */
  read(startOffset: number, options: ReadOptions): SegmentReadResult {
    return readSegments(this.segmentList, this.nextOffset, startOffset, options);
  }

  /**
   * Opens a new active segment at `expectedNextOffset` (never below the log end). An empty active
   * segment already there is returned as is, so the caller can tell that nothing rolled.
   */
  roll(expectedNextOffset: number): LogSegment {
    const previous = this.activeSegment;
    const newBase = Math.max(expectedNextOffset, this.nextOffset);
    if (previous.baseOffset === newBase && previous.size === 0) return previous;
    previous.onBecomeInactiveSegment();
    const segment = LogSegment.open(this.dir, newBase, this.ctx, false);
    this.segmentList.push(segment);
    this.dirNeedsSync = true;
    this.ctx.logger.info(`${this.logIdent}Rolled new log segment at offset ${newBase}`);
    return segment;
  }

  /** An empty active segment cannot hold offsets too far above its base: start it where they begin. */
  replaceEmptyActiveSegment(newBase: number): LogSegment {
    const old = this.segmentList.pop()!;
    old.deleteIfExists();
    const segment = LogSegment.open(this.dir, newBase, this.ctx, false);
    this.segmentList.push(segment);
    this.dirNeedsSync = true;
    return segment;
  }

  /**
   * Fsyncs the segments holding offsets below `offset` that may hold unflushed data, then the folder,
   * and only then moves the recovery point: a crash before that replays from the old one.
   */
  flush(offset: number): void {
    for (let i = 0; i < this.segmentList.length; i++) {
      const s = this.segmentList[i];
      const end = this.segmentList[i + 1]?.baseOffset ?? Number.MAX_SAFE_INTEGER;
      if (s.baseOffset < offset && end > this.recoveryPointOffset) s.flush();
    }
    this.syncDirIfNeeded();
    this.recoveryPointOffset = offset;
    this.lastFlushedTime = this.ctx.clock.now();
  }

  syncDirIfNeeded(): void {
    if (!this.dirNeedsSync) return;
    fsyncDir(this.dir);
    this.dirNeedsSync = false;
  }

  /**
   * Deletes the segments above `targetOffset` and cuts the active one there; the log end follows.
   * The cut is fsynced at once: the batches cut are ones the leader does not have, and a crash must
   * not bring them back.
   */
  truncateTo(targetOffset: number): void {
    while (this.segmentList.length > 1 && this.activeSegment.baseOffset > targetOffset) {
      this.segmentList.pop()!.deleteIfExists();
    }
    const active = this.activeSegment;
    active.truncateTo(targetOffset);
    active.flush();
    this.nextOffset = Math.max(active.readNextOffset(), active.baseOffset);
  }

  /**
   * Deletes every segment and opens an empty one at `newOffset`. The log end and recovery point stay
   * until updateLogEndOffset / updateRecoveryPoint, after the caller has reset the epoch and producer
   * files, so a failure there leaves the offsets where they were; the folder syncs after those too.
   */
  resetSegmentsAt(newOffset: number): void {
    for (const s of this.segmentList) s.deleteIfExists();
    this.segmentList = [LogSegment.open(this.dir, newOffset, this.ctx, false)];
    this.dirNeedsSync = true;
  }

  /** Deletes the oldest segments wholly below `offset`; the active segment always stays. */
  removeAndDeleteSegmentsBefore(offset: number): void {
    while (this.segmentList.length > 1 && this.segmentList[1].baseOffset <= offset) {
      this.segmentList.shift()!.deleteIfExists();
      this.dirNeedsSync = true;
    }
  }

  /** Takes the `count` oldest segments out without touching their files, which the caller now owns. */
  removeOldestSegments(count: number): LogSegment[] {
    const removed = this.segmentList.splice(0, count);
    this.dirNeedsSync = true;
    return removed;
  }

  /**
   * The log cleaner's swap: `oldSegments`, consecutive and below the active segment, leave the log;
   * `install` moves their files away and the cleaned file into place at the first one's base offset,
   * and that segment takes their place with indexes rebuilt from its batches. A RangeError (nothing
   * changed) when the segments are no longer in the log as given.
   */
  replaceSegments(oldSegments: readonly LogSegment[], install: () => void): LogSegment {
    const at = oldSegments.length === 0 ? -1 : this.segmentList.indexOf(oldSegments[0]);
    const inPlace = at >= 0 && oldSegments.every((s, i) => this.segmentList[at + i] === s);
    if (!inPlace || at + oldSegments.length >= this.segmentList.length) {
      throw new RangeError(`Cannot replace segments of partition ${topicPartitionName(this.topicPartition)}: they are no longer consecutive inactive segments of the log`);
    }
    install();
    const segment = LogSegment.open(this.dir, oldSegments[0].baseOffset, this.ctx, true);
    segment.recover();
    segment.flush();
    segment.onBecomeInactiveSegment();
    this.segmentList.splice(at, oldSegments.length, segment);
    this.dirNeedsSync = true;
    this.syncDirIfNeeded();
    return segment;
  }

  close(): void {
    for (const s of this.segmentList) s.close();
  }

  closeHandlers(): void {
    for (const s of this.segmentList) s.closeHandlers();
  }

  deleteAllSegments(): void {
    for (const s of this.segmentList) s.deleteIfExists();
  }
}
