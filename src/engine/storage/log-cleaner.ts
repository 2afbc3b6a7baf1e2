import { closeSync, fsyncSync, openSync } from 'node:fs';
import { BATCH_HEADER_SIZE, BATCH_LOG_OVERHEAD, BatchAttribute, readBatchHeader, type RecordBatchHeader } from '../protocol/record-batch-header';
import { deleteFileIfExists, readAt, writeFully } from './file-io';
import { logSegmentsBetween, type LogToClean } from './log-cleaner-manager';
import { DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR, OffsetMap } from './log-cleaner-offset-map';
import { deleteHorizonOf, filterBatch, readRawRecords, type BatchRetention, type RawRecord } from './log-cleaner-records';
import { cleanedLogPath, swapInCleanedSegment } from './log-cleaner-swap';
import { topicPartitionName } from './log-file-names';
import type { LogSegment } from './log-segment';
import type { PartitionLog } from './partition-log';
import { silentLogger, type StorageLogger } from './storage-context';
import { CorruptRecordError } from './storage-errors';

const INT32_MAX = 0x7fffffff;
const READ_CHUNK_BYTES = 1024 * 1024;
/** Give the event loop a turn after this many bytes: the broker keeps serving while a log is cleaned. */
const YIELD_EVERY_BYTES = 256 * 1024;

/** Kafka's LogCleaningAbortedException: the cleaning stopped on purpose, nothing of it stays. */
export class LogCleaningAbortedError extends Error {
  constructor(message = 'Log cleaning aborted') {
    super(message);
    this.name = 'LogCleaningAbortedError';
  }
}

export interface CleanerStats {
  mapMessagesRead: number;
  messagesRead: number;
  messagesRetained: number;
  bytesRead: number;
  bytesRetained: number;
  segmentsReplaced: number;
  mapUtilization: number;
}

export interface CleanResult {
  /** The new first dirty offset: everything below it is clean. */
  endOffset: number;
  stats: CleanerStats;
}

/** Where a crash test stops the swap (see log-cleaner-swap.ts for the steps). */
export type SwapStep = 'cleaned-written' | 'swap-renamed' | 'old-retired';

export interface CleanerOptions {
  logger?: StorageLogger;
  /** log.cleaner.dedupe.buffer.size: memory for the key → offset map (one cleaner here). */
  dedupeBufferSize?: number;
  loadFactor?: number;
  /** Called often while cleaning; throws LogCleaningAbortedError to stop (shutdown, log deleted). */
  checkDone?: (log: PartitionLog) => void;
  /** How the replaced segments' files leave their live names; default: deleted at once. */
  retireSegments?: (segments: readonly LogSegment[]) => void;
  /** Tests only: called at each swap step; throwing there leaves the files as a crash would. */
  onSwapStep?: (step: SwapStep, baseOffset: number) => void;
}

/**
 * The cleaning of one log (Kafka's Cleaner.doClean): map every key of the dirty section to its last
 * offset, then rewrite the log from its first segment up to the end of what was mapped, group by
 * group (consecutive segments whose sizes add up to at most segment.bytes), keeping a record only if
 * no later record has its key, dropping keyless records, and dropping tombstones whose batch delete
 * horizon has passed (KIP-534: a tombstone's batch is stamped `now + delete.retention.ms` the first
 * time it is cleaned, and the tombstone goes at a clean after that time). Offsets never change;
 * each group becomes one segment through a `.cleaned` → `.swap` → live file swap.
 */
export class LogCleaner {
  private readonly offsetMap: OffsetMap;
  private readonly logger: StorageLogger;

  constructor(private readonly options: CleanerOptions = {}) {
    this.offsetMap = new OffsetMap(options.dedupeBufferSize);
    this.logger = options.logger ?? silentLogger;
  }

  async clean(toClean: LogToClean, now: number): Promise<CleanResult> {
    const { log } = toClean;
    const name = topicPartitionName(log.topicPartition);
    const stats: CleanerStats = { mapMessagesRead: 0, messagesRead: 0, messagesRetained: 0, bytesRead: 0, bytesRetained: 0, segmentsReplaced: 0, mapUtilization: 0 };
    this.logger.info(`Beginning cleaning of log ${name}`);
    const upperBound = toClean.firstUncleanableOffset;
    await this.buildOffsetMap(log, toClean.firstDirtyOffset, upperBound, stats);
    const endOffset = this.offsetMap.latestOffset + 1;
    stats.mapUtilization = this.offsetMap.utilization;
    const groups = groupSegmentsBySize(logSegmentsBetween(log, 0, endOffset), log.config.segmentBytes, log.config.segmentIndexBytes, upperBound);
    this.logger.info(`Cleaning log ${name} up to offset ${endOffset} in ${groups.length} group(s), discarding tombstones whose delete horizon is before ${new Date(now).toISOString()}`);
    for (const group of groups) await this.cleanSegments(log, group, now, upperBound, stats);
    this.logger.info(
      `Cleaned log ${name}: ${stats.messagesRead} records read, ${stats.messagesRetained} kept, ${stats.bytesRead} bytes in, ${stats.bytesRetained} bytes out, ${stats.segmentsReplaced} segment(s) replaced`,
    );
    return { endOffset, stats };
  }

  private checkDone(log: PartitionLog, group?: readonly LogSegment[], sizes?: readonly number[]): void {
    this.options.checkDone?.(log);
    if (log.isOffline) throw new LogCleaningAbortedError(`Log ${log.dir} went offline`);
    if (group && !stillInLog(log, group, sizes)) {
      // Retention, DeleteRecords or a follower's truncation changed these segments meanwhile.
      throw new LogCleaningAbortedError(`Segments ${group.map((s) => s.baseOffset).join(',')} of ${log.dir} changed while being cleaned`);
    }
  }

  /** Cleaner.buildOffsetMap: keys of [start, end), stopping early when the map is full. */
  private async buildOffsetMap(log: PartitionLog, start: number, end: number, stats: CleanerStats): Promise<void> {
    const map = this.offsetMap;
    map.clear();
    const dirty = logSegmentsBetween(log, start, end);
    const maxDesired = map.maxDesiredSize(this.options.loadFactor ?? DEFAULT_DEDUPE_BUFFER_LOAD_FACTOR);
    for (let i = 0; i < dirty.length; i++) {
      const segment = dirty[i];
      const nextSegmentStart = dirty[i + 1]?.baseOffset ?? end;
      this.checkDone(log, [segment]);
      const from = start <= segment.baseOffset ? 0 : segment.translateOffset(start)?.position;
      let sinceYield = 0;
      let full = false;
      if (from !== undefined) {
        for (const batch of segmentBatches(segment, from)) {
          const header = readBatchHeader(batch, 0);
          const lastOffset = Number(header.baseOffset) + header.lastOffsetDelta;
          if ((header.attributes & BatchAttribute.Control) === 0) {
            const { records } = await readRawRecords(batch);
            for (const record of records) {
              stats.mapMessagesRead++;
              if (record.key === null || record.offset < start) continue;
              if (map.size >= maxDesired) {
                full = true;
                break;
              }
              map.put(record.key, record.offset);
            }
          }
          if (full) break;
          if (lastOffset >= start) map.updateLatestOffset(lastOffset);
          sinceYield += batch.length;
          if (sinceYield >= YIELD_EVERY_BYTES) {
            sinceYield = 0;
            await yieldToEventLoop();
            this.checkDone(log, [segment]);
          }
        }
      }
      if (full) {
        this.logger.debug(`Offset map for ${log.dir} is full; segment ${segment.baseOffset} is partly mapped`);
        return;
      }
      // Offsets missing at the end of a segment (cleaned away) are still covered.
      map.updateLatestOffset(nextSegmentStart - 1);
    }
  }

  /** Cleaner.cleanSegments: one group of segments into one cleaned segment, then the swap. */
  private async cleanSegments(log: PartitionLog, group: readonly LogSegment[], now: number, upperBound: number, stats: CleanerStats): Promise<void> {
    const base = group[0].baseOffset;
    const sizes = group.map((s) => s.size);
    const path = cleanedLogPath(log.dir, base);
    this.checkDone(log, group, sizes);
    deleteFileIfExists(path);
    const lastRecords = lastRecordsOfActiveProducers(log);
    const newDeleteHorizonMs = now + log.config.deleteRetentionMs;
    const fd = openSync(path, 'w');
    let written = 0;
    let closed = false;
    try {
      for (const segment of group) {
        let sinceYield = 0;
        for (const batch of segmentBatches(segment, 0)) {
          const header = readBatchHeader(batch, 0);
          const retention = batchRetention(header, lastRecords, upperBound);
          const result = await filterBatch(batch, {
            retention,
            newDeleteHorizonMs,
            shouldRetainRecord: (record) => this.shouldRetainRecord(header, record, now),
          });
          stats.messagesRead += result.recordsRead;
          stats.messagesRetained += result.recordsRetained;
          stats.bytesRead += batch.length;
          if (result.bytes) {
            writeFully(fd, result.bytes, written);
            written += result.bytes.length;
            stats.bytesRetained += result.bytes.length;
          }
          sinceYield += batch.length;
          if (sinceYield >= YIELD_EVERY_BYTES) {
            sinceYield = 0;
            await yieldToEventLoop();
            this.checkDone(log, group, sizes);
          }
        }
      }
      fsyncSync(fd);
      closeSync(fd);
      closed = true;
      this.options.onSwapStep?.('cleaned-written', base);
      this.checkDone(log, group, sizes);
      const retire = this.options.retireSegments ?? ((segments) => segments.forEach((s) => s.deleteIfExists()));
      const mtime = group[group.length - 1].lastModified();
      swapInCleanedSegment(
        log,
        group,
        (old) => {
          retire(old);
          this.options.onSwapStep?.('old-retired', base);
        },
        mtime,
        () => this.options.onSwapStep?.('swap-renamed', base),
      );
      stats.segmentsReplaced += group.length;
      this.logger.info(`Swapped in cleaned segment ${base} (${written} bytes) for segment(s) ${group.map((s) => s.baseOffset).join(',')} in ${log.dir}`);
    } catch (err) {
      if (!closed) closeSync(fd);
      if (err instanceof LogCleaningAbortedError) deleteFileIfExists(path);
      throw err;
    }
  }

  /** Cleaner.shouldRetainRecord for a data record. */
  private shouldRetainRecord(header: RecordBatchHeader, record: RawRecord, now: number): boolean {
    if (record.offset > this.offsetMap.latestOffset) return true;
    if (record.key === null) return false;
    const latestForKey = record.offset >= this.offsetMap.get(record.key);
    if (!latestForKey) return false;
    if (record.hasValue) return true;
    const horizon = deleteHorizonOf(header);
    return horizon === undefined || now < horizon;
  }
}

/** Each active producer's last data offset and epoch: the batch holding it must stay (maybe empty). */
function lastRecordsOfActiveProducers(log: PartitionLog): Map<bigint, { lastDataOffset: number; producerEpoch: number }> {
  const out = new Map<bigint, { lastDataOffset: number; producerEpoch: number }>();
  for (const [id, entry] of log.producerStateManager.activeProducers) {
    out.set(id, { lastDataOffset: entry.lastDataOffset, producerEpoch: entry.producerEpoch });
  }
  return out;
}

function batchRetention(
  h: RecordBatchHeader,
  lastRecords: ReadonlyMap<bigint, { lastDataOffset: number; producerEpoch: number }>,
  upperBound: number,
): BatchRetention {
  const lastOffset = Number(h.baseOffset) + h.lastOffsetDelta;
  const last = h.producerId >= 0n ? lastRecords.get(h.producerId) : undefined;
  const isControl = (h.attributes & BatchAttribute.Control) !== 0;
  const lastOfProducer =
    last !== undefined && (last.lastDataOffset >= 0 ? lastOffset === last.lastDataOffset : isControl && h.producerEpoch === last.producerEpoch);
  // The producer's last sequence, and the end of this cleaning round, must stay readable in the log.
  if (lastOfProducer || lastOffset + 1 === upperBound) return 'retainEmpty';
  return 'deleteEmpty';
}

/**
 * Cleaner.groupSegmentsBySize: consecutive segments whose log bytes and index bytes stay within
 * the limits and whose offsets fit one segment's 32-bit relative offsets.
 */
export function groupSegmentsBySize(segments: readonly LogSegment[], maxSize: number, maxIndexSize: number, firstUncleanableOffset: number): LogSegment[][] {
  const groups: LogSegment[][] = [];
  let i = 0;
  while (i < segments.length) {
    const group = [segments[i]];
    let logSize = segments[i].size;
    let indexSize = segments[i].offsetIndex.entries * 8;
    let timeIndexSize = segments[i].timeIndex.entries * 12;
    i++;
    while (i < segments.length) {
      const next = segments[i];
      const lastOffsetOfNext = i + 1 < segments.length ? segments[i + 1].baseOffset - 1 : firstUncleanableOffset - 1;
      const fits =
        logSize + next.size <= maxSize &&
        indexSize + next.offsetIndex.entries * 8 <= maxIndexSize &&
        timeIndexSize + next.timeIndex.entries * 12 <= maxIndexSize &&
        (next.size === 0 || lastOffsetOfNext - group[0].baseOffset <= INT32_MAX);
      if (!fits) break;
      group.push(next);
      logSize += next.size;
      indexSize += next.offsetIndex.entries * 8;
      timeIndexSize += next.timeIndex.entries * 12;
      i++;
    }
    groups.push(group);
  }
  return groups;
}

function stillInLog(log: PartitionLog, group: readonly LogSegment[], sizes?: readonly number[]): boolean {
  const segments = log.segments;
  const at = segments.indexOf(group[0]);
  if (at < 0 || at + group.length >= segments.length) return false;
  return group.every((s, i) => segments[at + i] === s && (sizes === undefined || s.size === sizes[i]));
}

/** Whole batches of a segment from `position`, read through a descriptor of our own in large chunks. */
export function* segmentBatches(segment: LogSegment, position: number): Generator<Buffer> {
  const end = segment.size;
  const fd = openSync(segment.logPath, 'r');
  try {
    let pos = position;
    while (pos + BATCH_LOG_OVERHEAD <= end) {
      let chunk = readAt(fd, Math.min(READ_CHUNK_BYTES, end - pos), pos);
      let off = 0;
      while (off + BATCH_LOG_OVERHEAD <= chunk.length) {
        const size = chunk.readInt32BE(off + 8) + BATCH_LOG_OVERHEAD;
        if (size < BATCH_HEADER_SIZE) throw new CorruptRecordError(`Invalid batch size ${size} at position ${pos + off} of ${segment.logPath}`);
        if (off + size > chunk.length) break;
        yield chunk.subarray(off, off + size);
        off += size;
      }
      if (off === 0) {
        // One batch larger than the chunk.
        const size = chunk.readInt32BE(8) + BATCH_LOG_OVERHEAD;
        if (pos + size > end) return;
        chunk = readAt(fd, size, pos);
        yield chunk;
        off = size;
      }
      pos += off;
    }
  } finally {
    closeSync(fd);
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
