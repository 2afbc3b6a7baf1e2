import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { DeletedSegmentFiles } from '../storage/deleted-segment-files';
import { deleteOldSegments } from '../storage/log-retention';
import type { PartitionLog } from '../storage/partition-log';
import { errorMessage } from '../storage/storage-errors';

/** Kafka's log.retention.check.interval.ms default. */
export const DEFAULT_RETENTION_CHECK_INTERVAL_MS = 300_000;
const MAX_TIMER_MS = 2_147_483_647;

export interface LogRetentionSchedulerOptions {
  /** The logs to check, read at every pass (partitions come and go). */
  logs: () => Iterable<PartitionLog>;
  clock: Clock;
  logger: Logger;
  /** log.retention.check.interval.ms; 0 runs no timers (tests call checkNow and purgeDeletedFiles). */
  checkIntervalMs: number;
}

/**
 * The broker's periodic retention work (LogManager.cleanupLogs on the kafka-log-retention schedule):
 * every interval each online log drops the segments retention allows, and their `.deleted` files
 * are removed `file.delete.delay.ms` later. Times come from the injected clock.
 */
export class LogRetentionScheduler {
  private readonly deletedFiles: DeletedSegmentFiles;
  private checkTimer: NodeJS.Timeout | undefined;
  private purgeTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  private readonly checkIntervalMs: number;

  constructor(private readonly options: LogRetentionSchedulerOptions) {
    this.deletedFiles = new DeletedSegmentFiles(options.logger);
    const interval = options.checkIntervalMs;
    // A value that is not a whole number of milliseconds falls back to Kafka's default.
    this.checkIntervalMs = Number.isSafeInteger(interval) && interval >= 0 ? interval : DEFAULT_RETENTION_CHECK_INTERVAL_MS;
  }

  /**
   * Starts the periodic check. Kafka waits 30 s before the first; here the first check comes after
   * one interval, so a short interval takes effect at once.
   */
  start(): void {
    if (this.checkIntervalMs <= 0 || this.checkTimer || this.stopped) return;
    this.checkTimer = setInterval(() => this.checkNow(), Math.min(MAX_TIMER_MS, this.checkIntervalMs));
    this.checkTimer.unref();
  }

  /** One pass over every log; returns how many segments were deleted. Never throws. */
  checkNow(): number {
    if (this.stopped) return 0;
    const now = this.options.clock.now();
    let total = 0;
    for (const log of this.options.logs()) {
      if (log.isOffline) continue;
      try {
        const result = deleteOldSegments(log, now, this.options.logger);
        if (result.segments.length === 0) continue;
        total += result.segments.length;
        this.deletedFiles.schedule(result.segments, now + log.config.fileDeleteDelayMs);
      } catch (err) {
        this.options.logger.error(`Retention of ${log.dir} failed: ${errorMessage(err)}`);
      }
    }
    this.purgeDeletedFiles();
    return total;
  }

  /** Removes the `.deleted` files whose delay has passed and re-arms the timer for the next ones. */
  purgeDeletedFiles(): number {
    const removed = this.deletedFiles.purgeDue(this.options.clock.now());
    this.armPurgeTimer();
    return removed;
  }

  get intervalMs(): number {
    return this.checkIntervalMs;
  }

  get pendingDeletedFiles(): readonly string[] {
    return this.deletedFiles.pendingFiles;
  }

  /** Stops the timers. Files still waiting stay `.deleted` on disk; the next start's loader removes them. */
  stop(): void {
    this.stopped = true;
    if (this.checkTimer) clearInterval(this.checkTimer);
    if (this.purgeTimer) clearTimeout(this.purgeTimer);
    this.checkTimer = undefined;
    this.purgeTimer = undefined;
  }

  private armPurgeTimer(): void {
    if (this.purgeTimer) clearTimeout(this.purgeTimer);
    this.purgeTimer = undefined;
    const due = this.deletedFiles.nextDueAt();
    if (due === undefined || this.stopped || this.checkIntervalMs <= 0) return;
    // setTimeout cannot wait longer than 2^31-1 ms; a later due time is looked at again then.
    const delay = Math.min(MAX_TIMER_MS, Math.max(1, due - this.options.clock.now()));
    this.purgeTimer = setTimeout(() => {
      this.purgeTimer = undefined;
      this.purgeDeletedFiles();
    }, delay);
    this.purgeTimer.unref();
  }
}
