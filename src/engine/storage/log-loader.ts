import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LeaderEpochCheckpointFile, type EpochEntry } from './checkpoint-file';
import { deleteFileIfExists } from './file-io';
import { LeaderEpochCache } from './leader-epoch-cache';
import { completeInterruptedSwaps } from './log-cleaner-swap';
import {
  CLEANED_FILE_SUFFIX,
  DELETED_FILE_SUFFIX,
  LEADER_EPOCH_CHECKPOINT_FILE,
  LOG_FILE_SUFFIX,
  SWAP_FILE_SUFFIX,
  TMP_FILE_SUFFIX,
  parseSegmentFileName,
} from './log-file-names';
import { LogSegment, type SegmentContext } from './log-segment';
import { errorMessage } from './storage-errors';

export interface LoadParams {
  dir: string;
  name: string;
  ctx: SegmentContext;
  hadCleanShutdown: boolean;
  /** From recovery-point-offset-checkpoint; absent means recover every segment after an unclean stop. */
  recoveryPoint: number | undefined;
  logStartOffset: number | undefined;
}

export interface LoadedLog {
  segments: LogSegment[];
  logEndOffset: number;
  recoveryPoint: number;
  logStartOffset: number;
  epochCache: LeaderEpochCache;
}

/**
 * Kafka's LogLoader for one partition folder: finish an interrupted cleaner swap, drop leftovers of
 * other interrupted operations, open every segment, rebuild missing or corrupt indexes, and after
 * an unclean shutdown recover every segment from the recovery point on — cutting the log after its
 * last valid batch and discarding the segments that follow a corruption.
 */
export function loadLog(p: LoadParams): LoadedLog {
  const { dir, ctx } = p;
  const log = ctx.logger;
  mkdirSync(dir, { recursive: true });
  // A log cleaning cut short: a `.swap` file is a finished cleaned segment, a `.cleaned` one is not.
  completeInterruptedSwaps(dir, log, p.name);
  const bases = listSegmentBases(p);
  const segments = bases.map((base) => LogSegment.open(dir, base, ctx, true));

  const epochCache = loadEpochCache(p, segments);
  const recoveryPointCheckpoint = p.recoveryPoint ?? 0;

  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const next = segments[i + 1];
    const unflushed = !p.hadCleanShutdown && (!next || next.baseOffset > recoveryPointCheckpoint);
    if (unflushed) {
      log.info(`${p.name}Recovering unflushed segment ${segment.baseOffset} of ${dir}`);
      const { truncatedBytes, nextOffset } = segment.recover(epochCache);
      if (truncatedBytes > 0 && i < segments.length - 1) {
        const dropped = segments.splice(i + 1);
        log.warn(
          `${p.name}Corruption found in segment ${segment.baseOffset}, truncating to offset ${nextOffset}: deleting later segments ${dropped.map((s) => s.baseOffset).join(', ')}`,
        );
        for (const s of dropped) s.deleteIfExists();
      }
      if (truncatedBytes > 0) segment.flush();
      continue;
    }
    if (!segment.indexesExist()) {
      log.warn(`${p.name}Could not find an index file of segment ${segment.logPath}, rebuilding the indexes`);
      segment.recover();
      segment.flush();
      continue;
    }
    try {
      segment.sanityCheckIndexes();
    } catch (err) {
      log.warn(`${p.name}Found a corrupted index file of segment ${segment.logPath} (${errorMessage(err)}), rebuilding the indexes`);
      segment.recover();
      segment.flush();
    }
  }

  if (segments.length === 0) {
    const base = p.logStartOffset ?? 0;
    segments.push(LogSegment.open(dir, base, ctx, false));
  }
  // Only the newest segment takes appends; the others keep no index descriptors open.
  for (const s of segments.slice(0, -1)) s.onBecomeInactiveSegment();

  const active = segments[segments.length - 1];
  const logEndOffset = Math.max(active.readNextOffset(), active.baseOffset);
  const logStartOffset = Math.max(p.logStartOffset ?? 0, segments[0].baseOffset);
  const recoveryPoint = p.hadCleanShutdown ? logEndOffset : Math.min(p.recoveryPoint ?? 0, logEndOffset);
  epochCache.truncateFromEnd(logEndOffset);
  epochCache.truncateFromStart(logStartOffset);
  return { segments, logEndOffset, recoveryPoint, logStartOffset, epochCache };
}

function listSegmentBases(p: LoadParams): number[] {
  const names = readdirSync(p.dir);
  const logs = new Set<number>();
  for (const name of names) {
    const parsed = parseSegmentFileName(name);
    if (parsed && name.endsWith(LOG_FILE_SUFFIX)) logs.add(parsed.baseOffset);
  }
  for (const name of names) {
    const path = join(p.dir, name);
    if (name.endsWith(TMP_FILE_SUFFIX) || name.endsWith(DELETED_FILE_SUFFIX) || name.endsWith(CLEANED_FILE_SUFFIX) || name.endsWith(SWAP_FILE_SUFFIX)) {
      // A write or delete interrupted by a crash; the real file (if any) is intact.
      p.ctx.logger.info(`${p.name}Deleting leftover file ${path}`);
      deleteFileIfExists(path);
      continue;
    }
    const parsed = parseSegmentFileName(name);
    if (parsed && (parsed.kind === 'index' || parsed.kind === 'timeindex') && !logs.has(parsed.baseOffset)) {
      p.ctx.logger.warn(`${p.name}Found an orphaned index file ${path}, with no corresponding log file; deleting it`);
      deleteFileIfExists(path);
    }
  }
  return [...logs].sort((a, b) => a - b);
}

function loadEpochCache(p: LoadParams, segments: readonly LogSegment[]): LeaderEpochCache {
  const file = new LeaderEpochCheckpointFile(join(p.dir, LEADER_EPOCH_CHECKPOINT_FILE), p.ctx.onDurable);
  let entries: EpochEntry[];
  try {
    entries = file.read();
  } catch (err) {
    p.ctx.logger.warn(`${p.name}Unreadable ${file.path} (${errorMessage(err)}); rebuilding it from the batches`);
    entries = epochsFromBatches(segments);
    file.write(entries);
  }
  return new LeaderEpochCache(file, entries, p.ctx.logger, p.name);
}

function epochsFromBatches(segments: readonly LogSegment[]): EpochEntry[] {
  const entries: EpochEntry[] = [];
  for (const segment of segments) {
    for (const batch of segment.batches()) {
      const latest = entries[entries.length - 1];
      if (batch.partitionLeaderEpoch >= 0 && (!latest || batch.partitionLeaderEpoch > latest.epoch)) {
        entries.push({ epoch: batch.partitionLeaderEpoch, startOffset: batch.baseOffset });
      }
    }
  }
  return entries;
}
