import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecordsDecompressor } from './batch-records';
import { BrokerDirLock } from './broker-dir-lock';
import { OffsetCheckpointFile, type TopicPartitionOffset } from './checkpoint-file';
import { deleteFileIfExists, fsyncDir, writeFileAtomically } from './file-io';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import {
  CLEAN_SHUTDOWN_FILE,
  DELETE_DIR_SUFFIX,
  LOG_START_OFFSET_CHECKPOINT_FILE,
  META_PROPERTIES_FILE,
  RECOVERY_POINT_CHECKPOINT_FILE,
  REPLICATION_OFFSET_CHECKPOINT_FILE,
  logDeleteDirName,
  parseTopicPartitionName,
  topicNameProblem,
  topicPartitionName,
  type TopicPartition,
} from './log-file-names';
import { MetaPropertiesFile, randomUuidText, type MetaProperties } from './meta-properties';
import { PartitionLog } from './partition-log';
import { DEFAULT_PRODUCER_STATE_CONFIG, type ProducerStateConfig } from './producer-state-manager';
import { silentLogger, systemClock, type Clock, type DurableListener, type StorageLogger } from './storage-context';
import { KafkaStorageError, errorMessage } from './storage-errors';

export interface LogManagerOptions {
  /** The broker folder, DATA/broker-<id>. Created when missing. */
  dir: string;
  nodeId: number;
  /** Checked against meta.properties; written there on first start. */
  clusterId: string;
  clock?: Clock;
  logger?: StorageLogger;
  onDurable?: DurableListener;
  decompress?: RecordsDecompressor;
  /** The config of each topic's logs; defaults to Kafka's defaults. */
  configFor?: (topic: string) => LogConfig;
  /** How often checkpoints are written and flush.ms is checked (Kafka: HW every 5 s). 0 disables the timer. */
  checkpointIntervalMs?: number;
  /** producer.id.expiration.ms and its check interval, shared by every log (mutate it to reconfigure). */
  producerStateConfig?: ProducerStateConfig;
}

export class MetaPropertiesMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MetaPropertiesMismatchError';
  }
}

const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;

/**
 * The logs of one broker folder (Kafka's LogManager for a single log dir): the folder lock,
 * meta.properties, loading every partition folder (recovering after an unclean stop), the three
 * offset checkpoints, partition deletion, and the clean-shutdown marker.
 */
export class LogManager {
  private readonly logs = new Map<string, PartitionLog>();
  private readonly recoveryPointFile: OffsetCheckpointFile;
  private readonly logStartFile: OffsetCheckpointFile;
  private readonly replicationFile: OffsetCheckpointFile;
  private readonly lastWritten = new Map<string, string>();
  private readonly pendingDeletes = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Why the folder is offline (an I/O error in any of its logs), or undefined while it is online. */
  private offlineCause: string | undefined;
  /** No meta.properties before this start: there was no earlier shutdown, clean or not. */
  private newFolder = false;
  private lastProducerExpirationCheck: number;
  readonly producerStateConfig: ProducerStateConfig;
  readonly clock: Clock;
  readonly logger: StorageLogger;
  readonly hadCleanShutdown: boolean;
  /** The broker epoch stored in `.kafka_cleanshutdown` (KIP-966), when the last stop was clean. */
  readonly previousBrokerEpoch: number | undefined;
  readonly meta: MetaProperties;

  private constructor(
    readonly dir: string,
    private readonly lock: BrokerDirLock,
    private readonly options: LogManagerOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.producerStateConfig = options.producerStateConfig ?? { ...DEFAULT_PRODUCER_STATE_CONFIG };
    this.lastProducerExpirationCheck = this.clock.now();
    this.recoveryPointFile = new OffsetCheckpointFile(join(dir, RECOVERY_POINT_CHECKPOINT_FILE), options.onDurable);
    this.logStartFile = new OffsetCheckpointFile(join(dir, LOG_START_OFFSET_CHECKPOINT_FILE), options.onDurable);
    this.replicationFile = new OffsetCheckpointFile(join(dir, REPLICATION_OFFSET_CHECKPOINT_FILE), options.onDurable);
    this.meta = this.checkMetaProperties();
    const marker = join(dir, CLEAN_SHUTDOWN_FILE);
    this.hadCleanShutdown = existsSync(marker);
    this.previousBrokerEpoch = this.hadCleanShutdown ? readCleanShutdownEpoch(marker) : undefined;
    this.loadLogs();
    // The marker only vouches for the stop before this start.
    if (deleteFileIfExists(marker)) fsyncDir(dir);
    const interval = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => this.tickSafely(), interval);
      this.timer.unref();
    }
  }

  /** Locks the folder, checks meta.properties and loads every log. Throws when another broker owns it. */
  static open(options: LogManagerOptions): LogManager {
    mkdirSync(options.dir, { recursive: true });
    const lock = BrokerDirLock.acquire(options.dir);
    try {
      return new LogManager(options.dir, lock, options);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  private checkMetaProperties(): MetaProperties {
    const file = new MetaPropertiesFile(join(this.dir, META_PROPERTIES_FILE), this.options.onDurable);
    const existing = file.read();
    if (!existing) {
      const meta: MetaProperties = { version: 1, nodeId: this.options.nodeId, clusterId: this.options.clusterId, directoryId: randomUuidText() };
      file.write(meta);
      this.newFolder = true;
      return meta;
    }
    if (existing.nodeId !== this.options.nodeId) {
      throw new MetaPropertiesMismatchError(
        `Stored node id ${existing.nodeId} in ${file.path} doesn't match the configured node id ${this.options.nodeId}: this data folder belongs to another broker`,
      );
    }
    if (existing.clusterId !== this.options.clusterId) {
      throw new MetaPropertiesMismatchError(
        `Invalid cluster.id in ${file.path}. Expected ${this.options.clusterId}, but read ${existing.clusterId}: this data folder belongs to another cluster`,
      );
    }
    return existing;
  }

  private configFor(topic: string): LogConfig {
    return this.options.configFor?.(topic) ?? { ...DEFAULT_LOG_CONFIG };
  }

  private loadLogs(): void {
    const recoveryPoints = this.readCheckpoint(this.recoveryPointFile);
    const logStarts = this.readCheckpoint(this.logStartFile);
    const highWatermarks = this.readCheckpoint(this.replicationFile);
    for (const name of readdirSync(this.dir)) {
      const path = join(this.dir, name);
      if (!statSync(path).isDirectory()) continue;
      if (name.endsWith(DELETE_DIR_SUFFIX)) {
        this.removeInBackground(path);
        continue;
      }
      const tp = parseTopicPartitionName(name);
      if (!tp) {
        this.logger.warn(`Ignoring folder ${path}: its name is not <topic>-<partition>`);
        continue;
      }
      const key = topicPartitionName(tp);
      const log = PartitionLog.open(path, this.configFor(tp.topic), {
        ...this.logOptions(tp),
        hadCleanShutdown: this.hadCleanShutdown,
        recoveryPoint: recoveryPoints.get(key),
        logStartOffset: logStarts.get(key),
        highWatermark: highWatermarks.get(key),
      });
      this.logs.set(key, log);
    }
    this.logger.info(`Loaded ${this.logs.size} logs from ${this.dir} (${this.newFolder ? 'new folder' : this.hadCleanShutdown ? 'clean shutdown before' : 'unclean shutdown before'})`);
  }

  private logOptions(tp: TopicPartition) {
    return {
      clock: this.clock,
      logger: this.logger,
      onDurable: this.options.onDurable,
      decompress: this.options.decompress,
      onOffline: (cause: string) => this.markOffline(cause),
      topicPartition: tp,
      producerStateConfig: this.producerStateConfig,
    };
  }

  /** A damaged checkpoint costs a full recovery, not a failed start. */
  private readCheckpoint(file: OffsetCheckpointFile): Map<string, number> {
    try {
      return new Map(file.read().map((e) => [topicPartitionName(e), e.offset]));
    } catch (err) {
      this.logger.warn(`Ignoring unreadable checkpoint ${file.path}: ${errorMessage(err)}`);
      return new Map();
    }
  }

  getLog(topic: string, partition: number): PartitionLog | undefined {
    return this.logs.get(topicPartitionName({ topic, partition }));
  }

  allLogs(): IterableIterator<PartitionLog> {
    return this.logs.values();
  }

  /**
   * The log of a partition, created (folder, first segment, partition.metadata) when missing. An
   * existing log with another topic id throws InconsistentTopicIdError.
   */
  get isOffline(): boolean {
    return this.offlineCause !== undefined;
  }

  /**
   * An I/O error in one log takes the whole folder offline, as Kafka's LogDirFailureChannel does:
   * every log answers KAFKA_STORAGE_ERROR from then on and nothing more is written to the folder.
   */
  markOffline(cause: string): void {
    if (this.offlineCause !== undefined) return;
    this.offlineCause = cause;
    this.logger.error(`Log directory ${this.dir} is offline: ${cause}`);
    for (const log of this.logs.values()) log.takeOffline(`log directory ${this.dir} is offline: ${cause}`);
  }

  getOrCreateLog(topic: string, partition: number, topicId: string, config?: LogConfig): PartitionLog {
    this.ensureOpen();
    if (this.offlineCause !== undefined) throw new KafkaStorageError(`Log directory ${this.dir} is offline: ${this.offlineCause}`);
    const problem = topicNameProblem(topic);
    if (problem) throw new RangeError(problem);
    if (!Number.isInteger(partition) || partition < 0) throw new RangeError(`Invalid partition ${partition}`);
    const tp = { topic, partition };
    const key = topicPartitionName(tp);
    let log = this.logs.get(key);
    if (!log) {
      const path = join(this.dir, key);
      log = PartitionLog.open(path, config ?? this.configFor(topic), { ...this.logOptions(tp), hadCleanShutdown: true });
      fsyncDir(this.dir);
      this.logs.set(key, log);
      this.logger.info(`Created log for partition ${key} in ${path}`);
    } else if (config) {
      log.updateConfig(config);
    }
    log.assignTopicId(topicId);
    return log;
  }

  /**
   * Closes the log, renames its folder to `<topic>-<partition>.<uuid>-delete` (atomic: a crash leaves
   * either the live folder or one marked for deletion) and removes it in the background.
   */
  deleteLog(topic: string, partition: number): Promise<void> {
    const key = topicPartitionName({ topic, partition });
    const log = this.logs.get(key);
    if (!log) return Promise.resolve();
    this.logs.delete(key);
    log.closeHandlers();
    const target = join(this.dir, logDeleteDirName({ topic, partition }));
    try {
      renameSync(log.dir, target);
      fsyncDir(this.dir);
    } catch (err) {
      throw new KafkaStorageError(`Error while renaming ${log.dir} for deletion: ${errorMessage(err)}`, { cause: err });
    }
    this.logger.info(`Log for partition ${key} is renamed to ${target} and is scheduled for deletion`);
    this.writeCheckpoints();
    return this.removeInBackground(target);
  }

  private removeInBackground(path: string): Promise<void> {
    const work = rm(path, { recursive: true, force: true }).then(
      () => this.logger.info(`Deleted log folder ${path}`),
      (err: unknown) => this.logger.warn(`Could not delete ${path}: ${errorMessage(err)}`),
    );
    this.pendingDeletes.add(work);
    void work.finally(() => this.pendingDeletes.delete(work));
    return work;
  }

  /** Resolves when every background folder removal has finished. */
  async awaitDeletions(): Promise<void> {
    await Promise.all([...this.pendingDeletes]);
  }

  /** The periodic work: flush.ms flushes and checkpoints (written only when they changed). */
  tick(): void {
    this.ensureOpen();
    for (const log of this.logs.values()) {
      if (!log.isOffline) log.maybeFlushOnTime();
    }
    this.writeCheckpoints();
    this.maybeRemoveExpiredProducers();
  }

  /** producer.id.expiration.check.interval.ms: forget producers idle longer than producer.id.expiration.ms. */
  private maybeRemoveExpiredProducers(): void {
    const now = this.clock.now();
    if (now - this.lastProducerExpirationCheck < this.producerStateConfig.producerIdExpirationCheckIntervalMs) return;
    this.lastProducerExpirationCheck = now;
    for (const log of this.logs.values()) {
      if (!log.isOffline) log.producerStateManager.removeExpiredProducers(now);
    }
  }

  private tickSafely(): void {
    try {
      this.tick();
    } catch (err) {
      this.logger.error(`Periodic log work failed in ${this.dir}: ${errorMessage(err)}`);
    }
  }

  /** Writes the recovery-point, log-start-offset and replication-offset checkpoints when they changed. */
  writeCheckpoints(): void {
    // An offline folder is not written to at all: its checkpoints keep what they said before the failure.
    if (this.offlineCause !== undefined) return;
    const online = [...this.logs.values()].filter((l) => !l.isOffline);
    const entry = (log: PartitionLog, offset: number): TopicPartitionOffset => ({ ...log.topicPartition, offset });
    this.writeIfChanged(this.recoveryPointFile, online.map((l) => entry(l, l.recoveryPoint)));
    // As Kafka: only logs whose start moved past their first segment need a log start entry.
    this.writeIfChanged(
      this.logStartFile,
      online.filter((l) => l.logStartOffset > l.segments[0].baseOffset).map((l) => entry(l, l.logStartOffset)),
    );
    this.writeIfChanged(this.replicationFile, online.map((l) => entry(l, l.highWatermark)));
  }

  private writeIfChanged(file: OffsetCheckpointFile, entries: TopicPartitionOffset[]): void {
    const text = OffsetCheckpointFile.format(entries);
    if (this.lastWritten.get(file.path) === text && existsSync(file.path)) return;
    try {
      writeFileAtomically(file.path, text, this.options.onDurable);
      this.lastWritten.set(file.path, text);
    } catch (err) {
      throw new KafkaStorageError(`Error while writing ${file.path}: ${errorMessage(err)}`, { cause: err });
    }
  }

  /**
   * Clean shutdown: flush and close every log, write the checkpoints (recovery points now at the log
   * ends), then `.kafka_cleanshutdown` so the next start skips recovery, and release the lock.
   */
  close(options: { brokerEpoch?: number } = {}): void {
    if (this.closed) return;
    this.stopTimer();
    let clean = this.offlineCause === undefined;
    for (const log of this.logs.values()) {
      try {
        log.close();
      } catch (err) {
        clean = false;
        this.logger.error(`Error while closing ${log.dir}: ${errorMessage(err)}`);
      }
    }
    try {
      this.writeCheckpoints();
      if (clean) {
        // Kafka's CleanShutdownFileHandler payload: a JSON map of strings.
        const payload = JSON.stringify({ broker_epoch: String(options.brokerEpoch ?? -1), version: '0' });
        writeFileAtomically(join(this.dir, CLEAN_SHUTDOWN_FILE), payload, this.options.onDurable);
      }
    } finally {
      this.closed = true;
      this.lock.release();
    }
  }

  /**
   * What a killed broker leaves: descriptors closed, nothing flushed or checkpointed, no marker.
   * For tests and fault drills in the same process; the lock is released as the OS would on exit.
   */
  abandon(): void {
    if (this.closed) return;
    this.stopTimer();
    for (const log of this.logs.values()) log.closeHandlers();
    this.closed = true;
    this.lock.release();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private ensureOpen(): void {
    if (this.closed) throw new KafkaStorageError(`Log manager for ${this.dir} is closed`);
  }
}

function readCleanShutdownEpoch(path: string): number | undefined {
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as { broker_epoch?: unknown };
    const epoch = Number(content.broker_epoch ?? -1);
    return Number.isSafeInteger(epoch) ? epoch : undefined;
  } catch {
    return undefined;
  }
}
