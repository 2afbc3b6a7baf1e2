import { basename, join } from 'node:path';
import { prepareBatchForAppend } from './append-batch';
import { fsyncDir } from './file-io';
import type { EpochEndOffset, LeaderEpochCache } from './leader-epoch-cache';
import { NEVER, type LogConfig } from './log-config';
import { PARTITION_METADATA_FILE, parseTopicPartitionName, topicPartitionName, type TopicPartition } from './log-file-names';
import { loadLog } from './log-loader';
import { LogSegment, type SegmentContext, type TimestampAndOffset } from './log-segment';
import {
  EARLIEST_LOCAL_TIMESTAMP,
  EARLIEST_TIMESTAMP,
  LATEST_TIMESTAMP,
  type AppendOptions,
  type LogAppendInfo,
  type LogOffsets,
  type LogReadResult,
  type PartitionLogOptions,
  type ReadOptions,
} from './partition-log-types';
import { PartitionMetadataFile } from './partition-metadata-file';
import { ProducerStateManager } from './producer-state-manager';
import { producerBatchOf, rebuildProducerState } from './producer-state-rebuild';
import { silentLogger, systemClock } from './storage-context';
import { InconsistentTopicIdError, KafkaStorageError, OffsetOutOfRangeError, StorageError, errorMessage } from './storage-errors';
import { findOffsetByTimestamp } from './timestamp-lookup';
import { readSegments } from './segment-reads';

export * from './partition-log-types';

/**
 * One partition's local log (Kafka's UnifiedLog and LocalLog without replication state): an ordered
 * list of segments, the log start and end offsets, the high watermark, the recovery point, the
 * leader epoch cache and the flush policy. Every call is synchronous; an I/O failure takes the log
 * offline and every later call fails with KAFKA_STORAGE_ERROR.
 */
export class PartitionLog {
  private segmentList: LogSegment[];
  private nextOffset: number;
  private startOffset: number;
  private hw: number;
  private recoveryPointOffset: number;
  private lastFlushTime: number;
  private offlineCause: string | undefined;
  private dirNeedsSync = false;
  private readonly metadataFile: PartitionMetadataFile;
  private storedTopicId: string | undefined;
  readonly producerStateManager: ProducerStateManager;

  private constructor(
    readonly dir: string,
    readonly topicPartition: TopicPartition,
    private logConfig: LogConfig,
    private readonly ctx: SegmentContext,
    readonly leaderEpochCache: LeaderEpochCache,
    loaded: { segments: LogSegment[]; logEndOffset: number; logStartOffset: number; recoveryPoint: number },
    highWatermark: number | undefined,
    producerStateConfig: PartitionLogOptions['producerStateConfig'],
  ) {
    this.producerStateManager = new ProducerStateManager({
      dir,
      partitionName: topicPartitionName(topicPartition),
      config: producerStateConfig,
      logger: ctx.logger,
      onDurable: ctx.onDurable,
    });
    this.segmentList = loaded.segments;
    this.nextOffset = loaded.logEndOffset;
    this.startOffset = loaded.logStartOffset;
    this.recoveryPointOffset = loaded.recoveryPoint;
    this.hw = this.startOffset;
    this.lastFlushTime = ctx.clock.now();
    this.metadataFile = new PartitionMetadataFile(join(dir, PARTITION_METADATA_FILE), ctx.onDurable);
    this.storedTopicId = this.metadataFile.read();
    this.updateHighWatermark(highWatermark ?? this.startOffset);
  }

  /** Opens (creating if needed) the log in `dir`; recovery runs here. */
  static open(dir: string, config: LogConfig, options: PartitionLogOptions = {}): PartitionLog {
    const tp = options.topicPartition ?? parseTopicPartitionName(basename(dir));
    if (!tp) throw new RangeError(`Cannot open a log in ${dir}: the folder name is not <topic>-<partition>`);
    const logger = options.logger ?? silentLogger;
    const name = `[Log partition=${topicPartitionName(tp)}] `;
    const ctx: SegmentContext = {
      config,
      clock: options.clock ?? systemClock,
      logger,
      onDurable: options.onDurable,
      decompress: options.decompress,
      onOffline: options.onOffline,
    };
    let loaded;
    try {
      loaded = loadLog({
        dir,
        name,
        ctx,
        hadCleanShutdown: options.hadCleanShutdown ?? false,
        recoveryPoint: options.recoveryPoint,
        logStartOffset: options.logStartOffset,
      });
    } catch (err) {
      if (err instanceof StorageError) throw err;
      throw new KafkaStorageError(`Error while loading log ${dir}: ${errorMessage(err)}`, { cause: err });
    }
    const log = new PartitionLog(dir, tp, config, ctx, loaded.epochCache, loaded, options.highWatermark, options.producerStateConfig);
    if (log.startOffset > log.nextOffset) {
      logger.warn(`${name}Log start offset ${log.startOffset} is past the log end ${log.nextOffset}; starting the log at ${log.startOffset}`);
      log.truncateFullyAndStartAt(log.startOffset);
    }
    log.guard('loading producer state', () => log.rebuildProducerState(options.hadCleanShutdown ?? false));
    logger.info(
      `${name}Loaded log with ${log.segmentList.length} segments, log start offset ${log.startOffset}, log end offset ${log.nextOffset}, recovery point ${log.recoveryPointOffset}`,
    );
    return log;
  }

  get config(): LogConfig {
    return this.logConfig;
  }

  updateConfig(config: LogConfig): void {
    this.logConfig = config;
    this.ctx.config = config;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get logEndOffset(): number {
    return this.nextOffset;
  }

  get highWatermark(): number {
    return this.hw;
  }

  get recoveryPoint(): number {
    return this.recoveryPointOffset;
  }

  get offsets(): LogOffsets {
    return { logStartOffset: this.startOffset, logEndOffset: this.nextOffset, highWatermark: this.hw };
  }

  get isOffline(): boolean {
    return this.offlineCause !== undefined;
  }

  /** Segments oldest first, for retention and inspection; do not mutate. */
  get segments(): readonly LogSegment[] {
    return this.segmentList;
  }

  get activeSegment(): LogSegment {
    return this.segmentList[this.segmentList.length - 1];
  }

  get sizeInBytes(): number {
    return this.segmentList.reduce((sum, s) => sum + s.size, 0);
  }

  get unflushedMessages(): number {
    return this.nextOffset - this.recoveryPointOffset;
  }

  get topicId(): string | undefined {
    return this.storedTopicId;
  }

  /** Writes partition.metadata; a different id already stored means the folder belongs to another topic. */
  assignTopicId(topicId: string): void {
    if (this.storedTopicId === topicId) return;
    if (this.storedTopicId !== undefined) {
      throw new InconsistentTopicIdError(
        `Tried to assign topic ID ${topicId} to log for topic partition ${topicPartitionName(this.topicPartition)}, but log already contained topic ID ${this.storedTopicId}`,
      );
    }
    this.guard('writing partition.metadata', () => this.metadataFile.write(topicId));
    this.storedTopicId = topicId;
  }

  /** Sets the high watermark, clamped into [logStartOffset, logEndOffset]; returns the value set. */
  updateHighWatermark(offset: number): number {
    this.hw = Math.min(Math.max(offset, this.startOffset), this.nextOffset);
    return this.hw;
  }

  /** Raises the high watermark only; true when it moved. */
  maybeIncrementHighWatermark(offset: number): boolean {
    if (offset <= this.hw) return false;
    const before = this.hw;
    return this.updateHighWatermark(offset) > before;
  }

  /**
   * Appends ONE record batch v2 that the caller has validated. With assignOffsets, baseOffset and
   * partitionLeaderEpoch (both outside the CRC) are rewritten in place, plus attributes and
   * maxTimestamp with a new CRC when the batch gets LogAppendTime; the bytes are never re-encoded.
   */
  append(batch: Buffer, options: AppendOptions): LogAppendInfo {
    this.ensureOnline();
    const { firstOffset, lastOffset, maxTimestamp, logAppendTime, batchEpoch, recordCount } = prepareBatchForAppend(batch, {
      ...options,
      nextOffset: this.nextOffset,
      config: this.logConfig,
      clock: this.ctx.clock,
      partitionName: topicPartitionName(this.topicPartition),
    });
    const producer = producerBatchOf(batch);
    let producerUpdate: ReturnType<ProducerStateManager['prepareUpdate']> | undefined;
    if (producer.producerId >= 0n) {
      const analyzed = this.producerStateManager.analyzeAppend(producer, options.origin ?? (options.assignOffsets ? 'client' : 'replication'));
      if ('duplicate' in analyzed) {
        // A retry of a batch already in the log: Kafka answers with the original offsets and appends nothing.
        const d = analyzed.duplicate;
        return { firstOffset: d.firstOffset, lastOffset: d.lastOffset, logAppendTime: d.timestamp, maxTimestamp: d.timestamp, appendedBytes: 0, recordCount: 0, logStartOffset: this.startOffset, duplicate: true };
      }
      producerUpdate = analyzed.info;
    }
    return this.guard('appending', () => {
      const segment = this.maybeRoll(batch.length, maxTimestamp, firstOffset, lastOffset);
      segment.append(batch, { lastOffset, maxTimestamp, offsetOfMaxTimestamp: lastOffset });
      this.nextOffset = lastOffset + 1;
      if (producerUpdate) this.producerStateManager.update(producerUpdate);
      this.producerStateManager.updateMapEndOffset(this.nextOffset);
      if (batchEpoch >= 0) this.leaderEpochCache.assign(batchEpoch, firstOffset);
      if (this.unflushedMessages >= this.logConfig.flushMessages) this.flush();
      return {
        firstOffset,
        lastOffset,
        logAppendTime,
        maxTimestamp,
        appendedBytes: batch.length,
        recordCount,
        logStartOffset: this.startOffset,
      };
    });
  }

  /**
   * Whole batches from the one holding `startOffset`. Offsets outside [logStartOffset, logEndOffset]
   * give an offsetOutOfRange result (not an exception), as fetch handlers answer per partition.
   */
  read(startOffset: number, options: ReadOptions): LogReadResult {
    this.ensureOnline();
    const offsets = this.offsets;
    if (startOffset < this.startOffset || startOffset > this.nextOffset) {
      const error = new OffsetOutOfRangeError(
        `Received request for offset ${startOffset} for partition ${topicPartitionName(this.topicPartition)}, but we only have log segments from offset ${this.startOffset} up to ${this.nextOffset}.`,
      );
      return { kind: 'offsetOutOfRange', error, ...offsets };
    }
    return this.guard('reading', () => {
      const read = readSegments(this.segmentList, this.nextOffset, startOffset, options);
      return { kind: 'records', ...read, ...offsets };
    });
  }

  /**
   * ListOffsets: -1 latest (the log end), -2 earliest (the log start), -3 the record with the max
   * timestamp, otherwise the first record whose timestamp is ≥ `timestamp`. Undefined when no record
   * qualifies. Capping by the high watermark for consumers is the caller's job, as in Kafka.
   */
  offsetForTimestamp(timestamp: number): TimestampAndOffset | undefined {
    this.ensureOnline();
    if (timestamp === LATEST_TIMESTAMP) {
      return { timestamp: -1, offset: this.nextOffset, leaderEpoch: this.leaderEpochCache.latestEpoch() };
    }
    if (timestamp === EARLIEST_TIMESTAMP || timestamp === EARLIEST_LOCAL_TIMESTAMP) {
      return { timestamp: -1, offset: this.startOffset, leaderEpoch: this.leaderEpochCache.epochForOffset(this.startOffset) };
    }
    return this.guard('searching by timestamp', () => findOffsetByTimestamp(this.segmentList, timestamp, this.startOffset));
  }

  /** OffsetForLeaderEpoch: the end offset of the largest epoch ≤ `leaderEpoch`. */
  endOffsetForEpoch(leaderEpoch: number): EpochEndOffset {
    return this.leaderEpochCache.endOffsetFor(leaderEpoch, this.nextOffset);
  }

  /**
   * Removes every batch whose last offset is ≥ `targetOffset` (a follower truncating to the leader).
   * Returns false when there was nothing to remove. Unlike Kafka, a target inside a batch leaves the
   * log end at that batch's start rather than at the target, so the log end is always a real boundary.
   */
  truncateTo(targetOffset: number): boolean {
    this.ensureOnline();
    if (targetOffset < 0) throw new RangeError(`Cannot truncate partition ${topicPartitionName(this.topicPartition)} to a negative offset (${targetOffset}).`);
    if (targetOffset >= this.nextOffset) {
      // As Kafka does: drop epoch entries at the log end even when no data goes. A broker that became
      // leader and appended nothing before losing leadership has such an entry; kept, it would make
      // every fetch claim that epoch and the leader answer the same divergence forever.
      this.leaderEpochCache.truncateFromEnd(this.nextOffset);
      return false;
    }
    if (this.segmentList[0].baseOffset > targetOffset) {
      this.truncateFullyAndStartAt(targetOffset);
      return true;
    }
    this.ctx.logger.info(`[Log partition=${topicPartitionName(this.topicPartition)}] Truncating to offset ${targetOffset}`);
    this.guard('truncating', () => {
      while (this.segmentList.length > 1 && this.activeSegment.baseOffset > targetOffset) {
        this.segmentList.pop()!.deleteIfExists();
      }
      const active = this.activeSegment;
      active.truncateTo(targetOffset);
      active.flush();
      this.nextOffset = Math.max(active.readNextOffset(), active.baseOffset);
      this.leaderEpochCache.truncateFromEnd(this.nextOffset);
      this.startOffset = Math.min(this.startOffset, this.nextOffset);
      this.recoveryPointOffset = Math.min(this.recoveryPointOffset, this.nextOffset);
      this.hw = Math.min(this.hw, this.nextOffset);
      this.rebuildProducerState(false);
    });
    return true;
  }

  /** Deletes every segment and starts an empty log at `newOffset` (log start, end, HW all there). */
  truncateFullyAndStartAt(newOffset: number): void {
    this.ensureOnline();
    if (newOffset < 0) throw new RangeError(`Cannot start partition ${topicPartitionName(this.topicPartition)} at a negative offset (${newOffset}).`);
    this.ctx.logger.info(`[Log partition=${topicPartitionName(this.topicPartition)}] Truncating fully and starting at offset ${newOffset}`);
    this.guard('truncating fully', () => {
      for (const s of this.segmentList) s.deleteIfExists();
      this.segmentList = [LogSegment.open(this.dir, newOffset, this.ctx, false)];
      this.dirNeedsSync = true;
      this.leaderEpochCache.clearAndFlush();
      this.producerStateManager.truncateFullyAndStartAt(newOffset);
      this.nextOffset = newOffset;
      this.startOffset = newOffset;
      this.recoveryPointOffset = newOffset;
      this.hw = newOffset;
      this.syncDirIfNeeded();
    });
  }

  /**
   * DeleteRecords: advances the log start offset (never past the high watermark) and deletes the
   * segments wholly below it. Returns the log start offset after the call.
   */
  deleteRecordsBefore(offset: number): number {
    this.ensureOnline();
    if (offset > this.hw) {
      throw new OffsetOutOfRangeError(
        `Cannot increment the log start offset to ${offset} of partition ${topicPartitionName(this.topicPartition)} since it is larger than the high watermark ${this.hw}`,
      );
    }
    if (offset <= this.startOffset) return this.startOffset;
    this.guard('deleting records', () => {
      this.startOffset = offset;
      this.leaderEpochCache.truncateFromStart(offset);
      while (this.segmentList.length > 1 && this.segmentList[1].baseOffset <= offset) {
        this.segmentList.shift()!.deleteIfExists();
        this.dirNeedsSync = true;
      }
      this.producerStateManager.onLogStartOffsetIncremented(offset);
      this.producerStateManager.deleteSnapshotsBefore(this.segmentList[0].baseOffset);
    });
    return this.startOffset;
  }

  /**
   * Retention (UnifiedLog.deleteSegments): takes the `count` oldest segments out of the log, never
   * the last one, and moves the log start offset to the first segment left. The caller owns the
   * detached segments' files: Kafka renames them `.deleted` and removes them after a delay.
   */
  detachOldestSegments(count: number): LogSegment[] {
    this.ensureOnline();
    const n = Math.min(count, this.segmentList.length - 1);
    if (n <= 0) return [];
    const newStart = this.segmentList[n].baseOffset;
    if (newStart > this.hw) {
      throw new OffsetOutOfRangeError(
        `Cannot delete segments of partition ${topicPartitionName(this.topicPartition)} up to offset ${newStart}: it is past the high watermark ${this.hw}`,
      );
    }
    const detached = this.segmentList.splice(0, n);
    this.dirNeedsSync = true;
    if (newStart > this.startOffset) {
      this.startOffset = newStart;
      this.leaderEpochCache.truncateFromStart(newStart);
      this.recoveryPointOffset = Math.max(this.recoveryPointOffset, newStart);
      this.producerStateManager.onLogStartOffsetIncremented(newStart);
    }
    this.producerStateManager.deleteSnapshotsBefore(this.segmentList[0].baseOffset);
    return detached;
  }

  /**
   * The log cleaner's swap (LocalLog.replaceSegments): `oldSegments`, consecutive and below the
   * active segment, leave the log; `install` moves their files away and the cleaned file into place
   * at the first one's base offset, and that segment takes their place with indexes rebuilt from its
   * batches. A RangeError (nothing changed) when the segments are no longer in the log as given.
   */
  replaceSegments(oldSegments: readonly LogSegment[], install: () => void): LogSegment {
    this.ensureOnline();
    const at = oldSegments.length === 0 ? -1 : this.segmentList.indexOf(oldSegments[0]);
    const inPlace = at >= 0 && oldSegments.every((s, i) => this.segmentList[at + i] === s);
    if (!inPlace || at + oldSegments.length >= this.segmentList.length) {
      throw new RangeError(`Cannot replace segments of partition ${topicPartitionName(this.topicPartition)}: they are no longer consecutive inactive segments of the log`);
    }
    return this.guard('replacing cleaned segments', () => {
      install();
      const segment = LogSegment.open(this.dir, oldSegments[0].baseOffset, this.ctx, true);
      segment.recover();
      segment.flush();
      segment.onBecomeInactiveSegment();
      this.segmentList.splice(at, oldSegments.length, segment);
      this.dirNeedsSync = true;
      this.syncDirIfNeeded();
      return segment;
    });
  }

  /** Fsyncs everything up to the log end and moves the recovery point there. */
  flush(): void {
    this.flushUpTo(this.nextOffset);
  }

  /** flush.ms: called periodically by the LogManager. */
  maybeFlushOnTime(): void {
    if (this.logConfig.flushMs >= NEVER || this.unflushedMessages <= 0) return;
    if (this.ctx.clock.now() - this.lastFlushTime >= this.logConfig.flushMs) this.flush();
  }

  /** Clean close: flush, final time index entries, descriptors closed. */
  close(): void {
    if (this.offlineCause === undefined) {
      this.flush();
      try {
        this.producerStateManager.takeSnapshot();
      } catch (err) {
        // Only costs a longer replay of the log at the next start.
        this.ctx.logger.warn(`[Log partition=${topicPartitionName(this.topicPartition)}] Could not write the producer snapshot: ${errorMessage(err)}`);
      }
    }
    for (const s of this.segmentList) s.close();
  }

  /** Closes descriptors without flushing or writing anything, as a crash would leave the files. */
  closeHandlers(): void {
    for (const s of this.segmentList) s.closeHandlers();
  }

  /** Closes and deletes every segment file (the folder is removed by the LogManager). */
  deleteAllSegments(): void {
    for (const s of this.segmentList) s.deleteIfExists();
  }

  private flushUpTo(offset: number): void {
    this.ensureOnline();
    if (offset <= this.recoveryPointOffset) return;
    this.guard('flushing', () => {
      for (let i = 0; i < this.segmentList.length; i++) {
        const s = this.segmentList[i];
        const end = this.segmentList[i + 1]?.baseOffset ?? Number.MAX_SAFE_INTEGER;
        if (s.baseOffset < offset && end > this.recoveryPointOffset) s.flush();
      }
      this.syncDirIfNeeded();
      this.recoveryPointOffset = offset;
      this.lastFlushTime = this.ctx.clock.now();
    });
  }

  private syncDirIfNeeded(): void {
    if (!this.dirNeedsSync) return;
    fsyncDir(this.dir);
    this.dirNeedsSync = false;
  }

  private maybeRoll(messagesSize: number, maxTimestamp: number, firstOffset: number, lastOffset: number): LogSegment {
    const segment = this.activeSegment;
    if (segment.size === 0) {
      // An empty active segment cannot hold offsets too far above its base: start it where they begin.
      if (!segment.canConvertToRelativeOffset(lastOffset)) return this.replaceEmptyActiveSegment(firstOffset);
      return segment;
    }
    const roll = segment.shouldRoll({
      maxSegmentMs: this.logConfig.segmentMs,
      maxSegmentBytes: this.logConfig.segmentBytes,
      maxTimestampInMessages: maxTimestamp,
      maxOffsetInMessages: lastOffset,
      messagesSize,
      now: this.ctx.clock.now(),
    });
    return roll ? this.roll(firstOffset) : segment;
  }

  /** Starts a new active segment; the previous one is flushed and the recovery point moves past it. */
  roll(expectedNextOffset = this.nextOffset): LogSegment {
    const previous = this.activeSegment;
    const newBase = Math.max(expectedNextOffset, this.nextOffset);
    if (previous.baseOffset === newBase && previous.size === 0) return previous;
    previous.onBecomeInactiveSegment();
    const segment = LogSegment.open(this.dir, newBase, this.ctx, false);
    this.segmentList.push(segment);
    this.dirNeedsSync = true;
    this.ctx.logger.info(`[Log partition=${topicPartitionName(this.topicPartition)}] Rolled new log segment at offset ${newBase}`);
    // The state as of the new segment's base: a restart replays at most the active segment.
    this.producerStateManager.updateMapEndOffset(newBase);
    this.producerStateManager.takeSnapshot();
    // Kafka schedules this flush right after the roll; doing it here keeps the log single-threaded.
    this.flushUpTo(newBase);
    return segment;
  }

  private replaceEmptyActiveSegment(newBase: number): LogSegment {
    const old = this.segmentList.pop()!;
    old.deleteIfExists();
    const segment = LogSegment.open(this.dir, newBase, this.ctx, false);
    this.segmentList.push(segment);
    this.dirNeedsSync = true;
    return segment;
  }

  /** Loads the latest producer snapshot and replays the log after it (start, truncation). */
  private rebuildProducerState(reloadFromCleanShutdown: boolean): void {
    rebuildProducerState(this.producerStateManager, {
      segments: this.segmentList,
      logStartOffset: this.startOffset,
      lastOffset: this.nextOffset,
      reloadFromCleanShutdown,
      now: this.ctx.clock.now(),
    });
  }

  private ensureOnline(): void {
    if (this.offlineCause !== undefined) {
      throw new KafkaStorageError(`Log for partition ${topicPartitionName(this.topicPartition)} is offline: ${this.offlineCause}`);
    }
  }

  /** Takes the log offline because its folder failed elsewhere (Kafka's LogDirFailureChannel). */
  takeOffline(cause: string): void {
    this.offlineCause ??= cause;
  }

  /** Runs file work; an I/O error takes the log offline and the folder with it (Kafka's log dir failure). */
  private guard<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof StorageError || err instanceof RangeError) throw err;
      this.offlineCause = `error while ${what}: ${errorMessage(err)}`;
      this.ctx.logger.error(`[Log partition=${topicPartitionName(this.topicPartition)}] Taken offline, ${this.offlineCause}`);
      this.ctx.onOffline?.(this.offlineCause);
      throw new KafkaStorageError(`Error while ${what} in ${this.dir}: ${errorMessage(err)}`, { cause: err });
    }
  }
}
