import { existsSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from './file-io';
import { DELETED_FILE_SUFFIX, TXN_INDEX_FILE_SUFFIX, filenamePrefixFromOffset } from './log-file-names';
import type { LogSegment } from './log-segment';
import { errorMessage } from './storage-errors';
import type { StorageLogger } from './storage-context';

interface PendingDeletion {
  files: string[];
  dueAt: number;
}

/**
 * Segment files waiting for `file.delete.delay.ms` after retention took them out of a log, as
 * Kafka's LocalLog.deleteSegmentFiles: renamed `<name>.deleted` first (a crash then leaves files the
 * loader removes on the next start, never a half-deleted segment), unlinked when due. Time is the
 * caller's clock, so a manual clock drives it in tests.
 */
export class DeletedSegmentFiles {
  private readonly pending: PendingDeletion[] = [];

  constructor(private readonly logger: StorageLogger) {}

  /** Closes the segments, renames their files `.deleted` and queues them for removal at `dueAt`. */
  schedule(segments: readonly LogSegment[], dueAt: number): string[] {
    const renamed: string[] = [];
    const dirs = new Set<string>();
    for (const segment of segments) {
      segment.closeHandlers();
      dirs.add(segment.dir);
      for (const path of segmentFiles(segment)) {
        if (!existsSync(path)) continue;
        const target = path + DELETED_FILE_SUFFIX;
        try {
          renameSync(path, target);
          renamed.push(target);
        } catch (err) {
          // The segment is already out of the log: better gone now than left under its live name.
          this.logger.warn(`Could not rename ${path} for deletion (${errorMessage(err)}); deleting it now`);
          unlinkQuietly(path, this.logger);
        }
      }
    }
    for (const dir of dirs) fsyncDir(dir);
    if (renamed.length > 0) this.pending.push({ files: renamed, dueAt });
    return renamed;
  }

  /** Unlinks every file whose delay has passed; returns how many files were removed. */
  purgeDue(now: number): number {
    let removed = 0;
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const entry = this.pending[i];
      if (entry.dueAt > now) continue;
      this.pending.splice(i, 1);
      for (const file of entry.files) if (unlinkQuietly(file, this.logger)) removed++;
    }
    return removed;
  }

  /** The earliest due time still waiting, or undefined when nothing is queued. */
  nextDueAt(): number | undefined {
    return this.pending.length === 0 ? undefined : Math.min(...this.pending.map((p) => p.dueAt));
  }

  get pendingFiles(): readonly string[] {
    return this.pending.flatMap((p) => p.files);
  }
}

function segmentFiles(segment: LogSegment): string[] {
  const txnIndex = join(segment.dir, filenamePrefixFromOffset(segment.baseOffset) + TXN_INDEX_FILE_SUFFIX);
  return [segment.logPath, segment.offsetIndex.path, segment.timeIndex.path, txnIndex];
}

/** A file already gone (its log folder deleted meanwhile) is not an error. */
function unlinkQuietly(path: string, logger: StorageLogger): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn(`Could not delete ${path}: ${errorMessage(err)}`);
    return false;
  }
}
