import { basename, join } from 'node:path';
import { prepareBatchForAppend } from './append-batch';
import type { EpochEndOffset, LeaderEpochCache } from './leader-epoch-cache';
import { LocalLog } from './local-log';
import { NEVER, type LogConfig } from './log-config';
import { PARTITION_METADATA_FILE, parseTopicPartitionName, topicPartitionName, type TopicPartition } from './log-file-names';
import { loadLog, type LoadedLog } from './log-loader';
import type { LogSegment, SegmentContext, TimestampAndOffset } from './log-segment';
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
import { TransactionIndexes, type AbortedTxn } from './transaction-index';
import type { CompletedTxn } from './transaction-marker';

export * from './partition-log-types';

/**
 * One partition's log as the broker sees it (Kafka's UnifiedLog without replication state): the
 * log start offset, the high watermark, the leader epoch cache, producer state, the topic id and
 * the flush policy, over a LocalLog that holds the segments, the log end and the recovery point.
 * Every call is synchronous; an I/O failure takes the log offline and every later call fails with
 * KAFKA_STORAGE_ERROR.
 */
export class PartitionLog {
  private readonly local: LocalLog;
  private startOffset: number;
  private hw: number;
  private offlineCause: string | undefined;
  private readonly metadataFile: PartitionMetadataFile;
  private storedTopicId: string | undefined;
  readonly producerStateManager: ProducerStateManager;
  readonly leaderEpochCache: LeaderEpochCache;
  /** Aborted transactions, per segment in `.txnindex` files (read_committed fetches). */
  readonly txnIndexes: TransactionIndexes;

  private constructor(
    readonly dir: string,
    readonly topicPartition: TopicPartition,
    private logConfig: LogConfig,
    private readonly ctx: SegmentContext,
    loaded: LoadedLog,
    highWatermark: number | undefined,
    producerStateConfig: PartitionLogOptions['producerStateConfig'],
  ) {
    this.leaderEpochCache = loaded.epochCache;
    this.producerStateManager = new ProducerStateManager({
      dir,
      partitionName: topicPartitionName(topicPartition),
      config: producerStateConfig,
      logger: ctx.logger,
      onDurable: ctx.onDurable,
    });
    this.local = new LocalLog(dir, topicPartition, ctx, loaded.segments, loaded.logEndOffset, loaded.recoveryPoint);
    this.txnIndexes = new TransactionIndexes(dir);
    this.txnIndexes.load(loaded.segments.map((s) => s.baseOffset));
    // Index entries past the log end describe markers a crash or truncation took away.
    this.txnIndexes.truncateFrom(loaded.logEndOffset);
    this.producerStateManager.onTxnCompleted = (txn) => this.indexCompletedTxn(txn);
    this.startOffset = loaded.logStartOffset;
    this.hw = this.startOffset;
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
    const { onDurable, decompress, onOffline, recoveryPoint, logStartOffset } = options;
    const ctx: SegmentContext = { config, clock: options.clock ?? systemClock, logger, onDurable, decompress, onOffline };
    let loaded;
    try {
      loaded = loadLog({ dir, name, ctx, hadCleanShutdown: options.hadCleanShutdown ?? false, recoveryPoint, logStartOffset });
    } catch (err) {
      if (err instanceof StorageError) throw err;
      throw new KafkaStorageError(`Error while loading log ${dir}: ${errorMessage(err)}`, { cause: err });
    }
    const log = new PartitionLog(dir, tp, config, ctx, loaded, options.highWatermark, options.producerStateConfig);
    if (log.startOffset > log.logEndOffset) {
      logger.warn(`${name}Log start offset ${log.startOffset} is past the log end ${log.logEndOffset}; starting the log at ${log.startOffset}`);
      log.truncateFullyAndStartAt(log.startOffset);
    }
    log.guard('loading producer state', () => log.rebuildProducerState(options.hadCleanShutdown ?? false));
    logger.info(
      `${name}Loaded log with ${log.segments.length} segments, log start offset ${log.startOffset}, log end offset ${log.logEndOffset}, recovery point ${log.recoveryPoint}`,
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
    return this.local.logEndOffset;
  }

  get highWatermark(): number {
    return this.hw;
  }

  get recoveryPoint(): number {
    return this.local.recoveryPoint;
  }

  get offsets(): LogOffsets {
    return { logStartOffset: this.startOffset, logEndOffset: this.logEndOffset, highWatermark: this.hw };
  }

  get isOffline(): boolean {
    return this.offlineCause !== undefined;
  }

  /** Segments oldest first, for retention and inspection; do not mutate. */
  get segments(): readonly LogSegment[] {
    return this.local.segments;
  }

  get activeSegment(): LogSegment {
    return this.local.activeSegment;
  }

  get sizeInBytes(): number {
    return this.local.sizeInBytes;
  }

  get unflushedMessages(): number {
    return this.local.unflushedMessages;
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
    this.hw = Math.min(Math.max(offset, this.startOffset), this.logEndOffset);
    this.producerStateManager.onHighWatermarkUpdated(this.hw);
    return this.hw;
  }

  /**
   * The last stable offset: below it every transaction is decided and its marker replicated, so a
   * read_committed consumer may read up to here (the high watermark when no transaction is open).
   */
  get lastStableOffset(): number {
    const firstUnstable = this.producerStateManager.firstUnstableOffset();
    return firstUnstable === undefined ? this.hw : Math.min(firstUnstable, this.hw);
  }

  /** The aborted transactions a read_committed fetch from `fetchOffset` up to `upperBound` must name. */
  collectAbortedTransactions(fetchOffset: number, upperBound: number): AbortedTxn[] {
    return this.txnIndexes.collect(fetchOffset, upperBound);
  }

  /** An ABORT marker entered the log (appended, replicated or replayed): its segment's .txnindex gets the transaction once. */
  private indexCompletedTxn(txn: CompletedTxn): void {
    if (!txn.isAborted) return;
    const lastStableOffset = this.producerStateManager.firstUnstableOffset() ?? txn.lastOffset + 1;
    this.txnIndexes.indexAborted(this.segments.map((s) => s.baseOffset), { producerId: txn.producerId, firstOffset: txn.firstOffset, lastOffset: txn.lastOffset, lastStableOffset });
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
      nextOffset: this.logEndOffset,
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
      this.maybeRoll(batch.length, maxTimestamp, firstOffset, lastOffset);
      this.local.append(batch, { lastOffset, maxTimestamp, offsetOfMaxTimestamp: lastOffset });
      if (producerUpdate) this.producerStateManager.update(producerUpdate);
      this.producerStateManager.updateMapEndOffset(this.logEndOffset);
      if (batchEpoch >= 0) this.leaderEpochCache.assign(batchEpoch, firstOffset);
      if (this.unflushedMessages >= this.logConfig.flushMessages) this.flush();
      return { firstOffset, lastOffset, logAppendTime, maxTimestamp, appendedBytes: batch.length, recordCount, logStartOffset: this.startOffset };
    });
  }

  /**
   * Whole batches from the one holding `startOffset`. Offsets outside [logStartOffset, logEndOffset]
   * give an offsetOutOfRange result (not an exception), as fetch handlers answer per partition.
   */
  read(startOffset: number, options: ReadOptions): LogReadResult {
    this.ensureOnline();
    const offsets = this.offsets;
    if (startOffset < this.startOffset || startOffset > this.logEndOffset) {
      const error = new OffsetOutOfRangeError(
        `Received request for offset ${startOffset} for partition ${topicPartitionName(this.topicPartition)}, but we only have log segments from offset ${this.startOffset} up to ${this.logEndOffset}.`,
      );
      return { kind: 'offsetOutOfRange', error, ...offsets };
    }
    return this.guard('reading', () => {
      const read = this.local.read(startOffset, options);
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
      return { timestamp: -1, offset: this.logEndOffset, leaderEpoch: this.leaderEpochCache.latestEpoch() };
    }
    if (timestamp === EARLIEST_TIMESTAMP || timestamp === EARLIEST_LOCAL_TIMESTAMP) {
      return { timestamp: -1, offset: this.startOffset, leaderEpoch: this.leaderEpochCache.epochForOffset(this.startOffset) };
    }
    return this.guard('searching by timestamp', () => findOffsetByTimestamp(this.segments, timestamp, this.startOffset));
  }

  /** OffsetForLeaderEpoch: the end offset of the largest epoch ≤ `leaderEpoch`. */
  endOffsetForEpoch(leaderEpoch: number): EpochEndOffset {
    return this.leaderEpochCache.endOffsetFor(leaderEpoch, this.logEndOffset);
  }

  /**
   * Removes every batch whose last offset is ≥ `targetOffset` (a follower truncating to the leader).
   * Returns false when there was nothing to remove. Unlike Kafka, a target inside a batch leaves the
   * log end at that batch's start rather than at the target, so the log end is always a real boundary.
   */
  truncateTo(targetOffset: number): boolean {
    this.ensureOnline();
    if (targetOffset < 0) throw new RangeError(`Cannot truncate partition ${topicPartitionName(this.topicPartition)} to a negative offset (${targetOffset}).`);
    if (targetOffset >= this.logEndOffset) {
      // As Kafka does: drop epoch entries at the log end even when no data goes. A broker that became
      // leader and appended nothing before losing leadership has such an entry; kept, it would make
      // every fetch claim that epoch and the leader answer the same divergence forever.
      this.leaderEpochCache.truncateFromEnd(this.logEndOffset);
      return false;
    }
    if (this.segments[0].baseOffset > targetOffset) {
      this.truncateFullyAndStartAt(targetOffset);
      return true;
    }
    this.ctx.logger.info(`[Log partition=${topicPartitionName(this.topicPartition)}] Truncating to offset ${targetOffset}`);
    this.guard('truncating', () => {
      this.local.truncateTo(targetOffset);
      const end = this.logEndOffset;
      this.leaderEpochCache.truncateFromEnd(end);
      this.txnIndexes.truncateFrom(end);
      this.startOffset = Math.min(this.startOffset, end);
      this.local.updateRecoveryPoint(Math.min(this.local.recoveryPoint, end));
      this.hw = Math.min(this.hw, end);
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
      this.local.resetSegmentsAt(newOffset);
      this.txnIndexes.truncateFrom(0);
      this.leaderEpochCache.clearAndFlush();
      this.producerStateManager.truncateFullyAndStartAt(newOffset);
      this.local.updateLogEndOffset(newOffset);
      this.startOffset = newOffset;
      this.local.updateRecoveryPoint(newOffset);
      this.hw = newOffset;
      this.local.syncDirIfNeeded();
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
      this.local.removeAndDeleteSegmentsBefore(offset);
      this.producerStateManager.onLogStartOffsetIncremented(offset);
      this.producerStateManager.deleteSnapshotsBefore(this.segments[0].baseOffset);
      this.txnIndexes.retainSegments(this.segments.map((s) => s.baseOffset));
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
    const n = Math.min(count, this.segments.length - 1);
    if (n <= 0) return [];
    const newStart = this.segments[n].baseOffset;
    if (newStart > this.hw) {
      throw new OffsetOutOfRangeError(
        `Cannot delete segments of partition ${topicPartitionName(this.topicPartition)} up to offset ${newStart}: it is past the high watermark ${this.hw}`,
      );
    }
    const detached = this.local.removeOldestSegments(n);
    if (newStart > this.startOffset) {
      this.startOffset = newStart;
      this.leaderEpochCache.truncateFromStart(newStart);
      this.local.updateRecoveryPoint(Math.max(this.local.recoveryPoint, newStart));
      this.producerStateManager.onLogStartOffsetIncremented(newStart);
    }
    this.producerStateManager.deleteSnapshotsBefore(this.segments[0].baseOffset);
    this.txnIndexes.retainSegments(this.segments.map((s) => s.baseOffset));
    return detached;
  }

  /**
   * The log cleaner's swap of `oldSegments` for the cleaned segment `install` puts in place (see
   * LocalLog.replaceSegments); its RangeError passes the guard, as nothing failed on disk.
   */
  replaceSegments(oldSegments: readonly LogSegment[], install: () => void): LogSegment {
    this.ensureOnline();
    return this.guard('replacing cleaned segments', () => this.local.replaceSegments(oldSegments, install));
  }

  /** Fsyncs everything up to the log end and moves the recovery point there. */
  flush(): void {
    this.flushUpTo(this.logEndOffset);
  }

  /** flush.ms: called periodically by the LogManager. */
  maybeFlushOnTime(): void {
    if (this.logConfig.flushMs >= NEVER || this.unflushedMessages <= 0) return;
    if (this.ctx.clock.now() - this.local.lastFlushTime >= this.logConfig.flushMs) this.flush();
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
    this.local.close();
  }

  /** Closes descriptors without flushing or writing anything, as a crash would leave the files. */
  closeHandlers(): void {
    this.local.closeHandlers();
  }

  /** Closes and deletes every segment file (the folder is removed by the LogManager). */
  deleteAllSegments(): void {
    this.local.deleteAllSegments();
  }

  private flushUpTo(offset: number): void {
    this.ensureOnline();
    if (offset <= this.recoveryPoint) return;
    this.guard('flushing', () => this.local.flush(offset));
  }

  /** Makes the active segment the one the next batch goes to (Kafka's UnifiedLog.maybeRoll). */
  private maybeRoll(messagesSize: number, maxTimestamp: number, firstOffset: number, lastOffset: number): LogSegment {
    const segment = this.activeSegment;
    if (segment.size === 0) {
      if (!segment.canConvertToRelativeOffset(lastOffset)) return this.local.replaceEmptyActiveSegment(firstOffset);
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
  roll(expectedNextOffset = this.logEndOffset): LogSegment {
    const previous = this.activeSegment;
    const segment = this.local.roll(expectedNextOffset);
    if (segment === previous) return segment;
    // The state as of the new segment's base: a restart replays at most the active segment.
    this.producerStateManager.updateMapEndOffset(segment.baseOffset);
    this.producerStateManager.takeSnapshot();
    // Kafka schedules this flush right after the roll; doing it here keeps the log single-threaded.
    this.flushUpTo(segment.baseOffset);
    return segment;
  }

  /** Loads the latest producer snapshot and replays the log after it (start, truncation). */
  private rebuildProducerState(reloadFromCleanShutdown: boolean): void {
    rebuildProducerState(this.producerStateManager, {
      segments: this.segments,
      logStartOffset: this.startOffset,
      lastOffset: this.logEndOffset,
      reloadFromCleanShutdown,
      now: this.ctx.clock.now(),
    });
    // Replayed markers below the high watermark are replicated already: those transactions are stable.
    this.producerStateManager.onHighWatermarkUpdated(this.hw);
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
