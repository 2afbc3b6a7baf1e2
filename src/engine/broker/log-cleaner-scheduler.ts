import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { DeletedSegmentFiles } from '../storage/deleted-segment-files';
import { LogCleaner, LogCleaningAbortedError, type CleanResult } from '../storage/log-cleaner';
import { CleanerOffsetCheckpoint } from '../storage/log-cleaner-checkpoint';
import { filthiestLog, isCompacted, logToClean, type LogToClean } from '../storage/log-cleaner-manager';
import { topicPartitionName } from '../storage/log-file-names';
import type { PartitionLog } from '../storage/partition-log';
import type { DurableListener } from '../storage/storage-context';
import { errorMessage } from '../storage/storage-errors';

/** Kafka's log.cleaner.backoff.ms default. */
export const DEFAULT_CLEANER_BACKOFF_MS = 15_000;
const MAX_TIMER_MS = 2_147_483_647;

export interface LogCleanerSchedulerOptions {
  /** The logs to consider, read at every pass (partitions come and go). */
  logs: () => Iterable<PartitionLog>;
  /** The broker folder, where `cleaner-offset-checkpoint` lives. */
  brokerDir: string;
  clock: Clock;
  logger: Logger;
  /** log.cleaner.backoff.ms: the sleep after a pass that found nothing to clean. */
  backoffMs: number;
  /** log.cleaner.dedupe.buffer.size and log.cleaner.io.buffer.load.factor. */
  dedupeBufferSize?: number;
  loadFactor?: number;
  onDurable?: DurableListener;
}

/**
 * The broker's log cleaner thread (Kafka's LogCleaner.CleanerThread with one thread): pick the
 * filthiest compacted log, clean it, record the new first dirty offset in `cleaner-offset-checkpoint`,
 * and when no log qualifies sleep log.cleaner.backoff.ms. The cleaning itself is asynchronous and
 * gives the event loop turns, so the broker keeps serving; replaced segment files are renamed
 * `.deleted` and removed after file.delete.delay.ms. Retention of `compact,delete` logs stays with
 * the retention scheduler, which applies the delete part of every policy.
 */
export class LogCleanerScheduler {
  private readonly cleaner: LogCleaner;
  private readonly checkpoint: CleanerOffsetCheckpoint;
  private readonly deletedFiles: DeletedSegmentFiles;
  /** Logs whose cleaning failed unexpectedly are skipped until the broker restarts, as in Kafka. */
  private readonly uncleanable = new WeakSet<PartitionLog>();
  private readonly topicIds = new Map<string, string | undefined>();
  private readonly backoffMs: number;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastCleaned: { partition: string; result: CleanResult } | undefined;

  constructor(private readonly options: LogCleanerSchedulerOptions) {
    const backoff = options.backoffMs;
    this.backoffMs = Number.isSafeInteger(backoff) && backoff >= 0 ? backoff : DEFAULT_CLEANER_BACKOFF_MS;
    this.checkpoint = new CleanerOffsetCheckpoint(options.brokerDir, options.logger, options.onDurable);
    this.deletedFiles = new DeletedSegmentFiles(options.logger);
    this.cleaner = new LogCleaner({
      logger: options.logger,
      dedupeBufferSize: options.dedupeBufferSize,
      loadFactor: options.loadFactor,
      checkDone: (log) => {
        if (this.stopped) throw new LogCleaningAbortedError('The log cleaner is stopping');
        if (!this.isLive(log)) throw new LogCleaningAbortedError(`Log ${log.dir} was removed while being cleaned`);
      },
      retireSegments: (segments) => {
        const delay = segments[0] ? this.fileDeleteDelayOf(segments[0].dir) : 0;
        this.deletedFiles.schedule(segments, this.options.clock.now() + delay);
      },
    });
  }

  /** Starts the cleaner loop. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.loop();
  }

  /** The last log cleaned and how (for tests and the console). */
  get lastCleanedLog(): { partition: string; result: CleanResult } | undefined {
    return this.lastCleaned;
  }

  get checkpointPath(): string {
    return this.checkpoint.path;
  }

  /**
   * One pass (CleanerThread.cleanFilthiestLog): true when a log was picked. Never throws; an
   * unexpected failure marks the log uncleanable.
   */
  async cleanFilthiestLog(): Promise<boolean> {
    if (this.stopped) return false;
    const now = this.options.clock.now();
    const picked = this.grabFilthiestCompactedLog(now);
    if (!picked) return false;
    const { log } = picked;
    const partition = topicPartitionName(log.topicPartition);
    try {
      const result = await this.cleaner.clean(picked, now);
      if (!this.stopped && this.isLive(log)) {
        this.checkpoint.update(log.topicPartition, result.endOffset, this.liveNames());
        this.lastCleaned = { partition, result };
      }
    } catch (err) {
      if (err instanceof LogCleaningAbortedError) {
        this.options.logger.info(`Cleaning of ${partition} aborted: ${err.message}`);
      } else {
        this.uncleanable.add(log);
        this.options.logger.error(`Unexpected error while cleaning ${partition}; it is marked uncleanable until restart: ${errorMessage(err)}`);
      }
    }
    return true;
  }

  /** Removes the replaced segments' `.deleted` files whose delay has passed. */
  purgeDeletedFiles(): number {
    return this.deletedFiles.purgeDue(this.options.clock.now());
  }

  /** Stops the loop; a cleaning in progress is aborted and its `.cleaned` file removed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.sleepTimer = undefined;
    this.wake?.();
    await this.running;
  }

  private grabFilthiestCompactedLog(now: number): LogToClean | undefined {
    const lastClean = this.checkpoint.read();
    const candidates: LogToClean[] = [];
    for (const log of this.options.logs()) {
      if (log.isOffline || !isCompacted(log.config) || this.uncleanable.has(log)) continue;
      const name = topicPartitionName(log.topicPartition);
      try {
        // A topic deleted and created again under the same name starts dirty from its log start.
        const seenId = this.topicIds.get(name);
        if (this.topicIds.has(name) && seenId !== log.topicId) lastClean.delete(name);
        this.topicIds.set(name, log.topicId);
        const candidate = logToClean(log, lastClean.get(name), now, this.options.logger);
        if (candidate.forceUpdateCheckpoint) this.checkpoint.update(log.topicPartition, candidate.firstDirtyOffset, this.liveNames());
        candidates.push(candidate);
      } catch (err) {
        this.uncleanable.add(log);
        this.options.logger.error(`Failed to calculate log cleaning stats for partition ${name}: ${errorMessage(err)}`);
      }
    }
    return filthiestLog(candidates);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const cleaned = await this.cleanFilthiestLog();
      this.purgeDeletedFiles();
      if (!cleaned && !this.stopped) await this.sleep(this.backoffMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
      this.sleepTimer = setTimeout(() => this.wake?.(), Math.min(MAX_TIMER_MS, Math.max(1, ms)));
      this.sleepTimer.unref();
    });
  }

  private isLive(log: PartitionLog): boolean {
    for (const l of this.options.logs()) if (l === log) return true;
    return false;
  }

  private liveNames(): Set<string> {
    const names = new Set<string>();
    for (const log of this.options.logs()) names.add(topicPartitionName(log.topicPartition));
    return names;
  }

  private fileDeleteDelayOf(dir: string): number {
    for (const log of this.options.logs()) if (log.dir === dir) return log.config.fileDeleteDelayMs;
    return 0;
  }
}
