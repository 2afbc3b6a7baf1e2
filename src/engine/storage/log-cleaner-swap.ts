import { closeSync, fstatSync, openSync, readdirSync, renameSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { readBatchForRecovery } from './file-batches';
import { deleteFileIfExists, fsyncDir } from './file-io';
import { CLEANED_FILE_SUFFIX, SWAP_FILE_SUFFIX, logFile, parseSegmentFileName } from './log-file-names';
import type { LogSegment } from './log-segment';
import type { PartitionLog } from './partition-log';
import type { StorageLogger } from './storage-context';

/**
 * The crash-safe replacement of cleaned segments, by file names alone as Kafka does it:
 *
 *   1. the cleaned data is written to `<base>.log.cleaned` and fsynced — a crash now leaves a
 *      `.cleaned` file the loader deletes, and the old segments are untouched;
 *   2. it is renamed `<base>.log.swap` — from here a restart completes the swap: the loader deletes
 *      the live segments the swap file covers and renames it to `<base>.log`;
 *   3. the old segments' files are renamed `.deleted` (or removed), the `.swap` file becomes
 *      `<base>.log`, and the log's segment list takes the new segment with rebuilt indexes.
 *
 * Unlike Kafka no `.index.cleaned`/`.timeindex.cleaned` files are written: the indexes of the new
 * segment are rebuilt from its batches at step 3 (and by the loader if a crash comes first).
 */
export function cleanedLogPath(dir: string, baseOffset: number): string {
  return logFile(dir, baseOffset) + CLEANED_FILE_SUFFIX;
}

export function swapLogPath(dir: string, baseOffset: number): string {
  return logFile(dir, baseOffset) + SWAP_FILE_SUFFIX;
}

/**
 * Steps 2 and 3 for a fsynced `.cleaned` file. `retire` takes the old segments' files out of their
 * live names (renaming them `.deleted` for a delayed removal, or deleting them). `mtimeMs` keeps the
 * replaced segments' last modification time, as Kafka does, so a time fallback still sees their age.
 */
export function swapInCleanedSegment(
  log: PartitionLog,
  oldSegments: readonly LogSegment[],
  retire: (segments: readonly LogSegment[]) => void,
  mtimeMs: number,
  afterSwapRename?: () => void,
): LogSegment {
  const base = oldSegments[0].baseOffset;
  const cleaned = cleanedLogPath(log.dir, base);
  const swap = swapLogPath(log.dir, base);
  const seconds = mtimeMs / 1000;
  utimesSync(cleaned, seconds, seconds);
  renameSync(cleaned, swap);
  fsyncDir(log.dir);
  afterSwapRename?.();
  return log.replaceSegments(oldSegments, () => {
    retire(oldSegments);
    renameSync(swap, logFile(log.dir, base));
  });
}

interface SuffixedFile {
  name: string;
  baseOffset: number;
  kind: string;
}

function suffixed(name: string, suffix: string): SuffixedFile | undefined {
  if (!name.endsWith(suffix)) return undefined;
  const parsed = parseSegmentFileName(name.slice(0, -suffix.length));
  return parsed ? { name, ...parsed } : undefined;
}

/**
 * The loader's first passes (LogLoader.removeTempFilesAndCollectSwapFiles and the swap handling
 * of load): `.cleaned` files go; `.swap` files at or above the lowest `.cleaned` base offset are
 * from an unfinished operation and go too; the remaining `.swap` logs are complete, so the live
 * segment files they cover are deleted and every `.swap` file is renamed to its live name.
 * Returns the base offsets of the segments swapped in.
 */
export function completeInterruptedSwaps(dir: string, logger: StorageLogger, prefix = ''): number[] {
  const names = readdirSync(dir);
  let minCleanedOffset = Number.MAX_SAFE_INTEGER;
  const swaps: SuffixedFile[] = [];
  for (const name of names) {
    const cleaned = suffixed(name, CLEANED_FILE_SUFFIX);
    if (cleaned || name.endsWith(CLEANED_FILE_SUFFIX)) {
      if (cleaned) minCleanedOffset = Math.min(minCleanedOffset, cleaned.baseOffset);
      logger.info(`${prefix}Deleting leftover file ${join(dir, name)} of an interrupted log cleaning`);
      deleteFileIfExists(join(dir, name));
      continue;
    }
    const swap = suffixed(name, SWAP_FILE_SUFFIX);
    if (swap) swaps.push(swap);
    else if (name.endsWith(SWAP_FILE_SUFFIX)) deleteFileIfExists(join(dir, name));
  }
  const valid: SuffixedFile[] = [];
  for (const swap of swaps) {
    if (swap.baseOffset >= minCleanedOffset) {
      logger.info(`${prefix}Deleting swap file ${join(dir, swap.name)} of an unfinished operation`);
      deleteFileIfExists(join(dir, swap.name));
    } else {
      valid.push(swap);
    }
  }
  if (valid.length === 0) {
    if (swaps.length > 0 || minCleanedOffset !== Number.MAX_SAFE_INTEGER) fsyncDir(dir);
    return [];
  }
  // The live segments in [lowest swap base, highest swap end) were replaced but not yet removed.
  let from = Number.MAX_SAFE_INTEGER;
  let to = -1;
  for (const swap of valid.filter((s) => s.kind === 'log')) {
    logger.info(`${prefix}Found log file ${join(dir, swap.name)} from an interrupted swap operation; completing it`);
    from = Math.min(from, swap.baseOffset);
    // A swap file that ends up empty still replaces the segment at its own base offset.
    to = Math.max(to, nextOffsetOfFile(join(dir, swap.name), swap.baseOffset), swap.baseOffset + 1);
  }
  for (const name of readdirSync(dir)) {
    const live = parseSegmentFileName(name);
    if (!live || live.kind === 'snapshot') continue;
    if (live.baseOffset >= from && live.baseOffset < to) {
      logger.info(`${prefix}Deleting ${join(dir, name)}: replaced by the swapped-in cleaned segment`);
      deleteFileIfExists(join(dir, name));
    }
  }
  for (const swap of valid) renameSync(join(dir, swap.name), join(dir, swap.name.slice(0, -SWAP_FILE_SUFFIX.length)));
  fsyncDir(dir);
  return valid.filter((s) => s.kind === 'log').map((s) => s.baseOffset);
}

/** The offset after the last whole, valid batch of a log file (its base offset when it has none). */
function nextOffsetOfFile(path: string, baseOffset: number): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let position = 0;
    let next = baseOffset;
    for (;;) {
      const read = readBatchForRecovery(fd, position, size);
      if (read.kind !== 'batch') return next;
      next = read.batch.lastOffset + 1;
      position += read.batch.size;
    }
  } finally {
    closeSync(fd);
  }
}
