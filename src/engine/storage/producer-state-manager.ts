import { deleteFileIfExists, writeFileAtomically } from './file-io';
import { ProducerAppendInfo, type AppendOrigin, type ProducerBatch } from './producer-append-info';
import { ProducerStateEntry, type BatchMetadata } from './producer-state-entry';
import {
  CorruptSnapshotError,
  encodeProducerSnapshot,
  listSnapshotOffsets,
  producerSnapshotFile,
  readProducerSnapshot,
} from './producer-state-snapshot';
import { silentLogger, type DurableListener, type StorageLogger } from './storage-context';
import { errorMessage } from './storage-errors';
import type { CompletedTxn } from './transaction-marker';

/** Broker-wide settings of producer state; one object shared by every log, so changes apply to all. */
export interface ProducerStateConfig {
  /** producer.id.expiration.ms: a producer idle this long is forgotten (Kafka: 1 day). */
  producerIdExpirationMs: number;
  /** producer.id.expiration.check.interval.ms (Kafka: 10 minutes). */
  producerIdExpirationCheckIntervalMs: number;
}

export const DEFAULT_PRODUCER_STATE_CONFIG: Readonly<ProducerStateConfig> = {
  producerIdExpirationMs: 86_400_000,
  producerIdExpirationCheckIntervalMs: 600_000,
};

export interface ProducerStateManagerOptions {
  dir: string;
  partitionName: string;
  config?: ProducerStateConfig;
  logger?: StorageLogger;
  onDurable?: DurableListener;
}

/**
 * The producers of one partition (Kafka's ProducerStateManager): per
 * producer id its epoch and last batches, valid for the log up to `mapEndOffset`, persisted as
 * `.snapshot` files so a restart only replays the log after the latest one.
 */
export class ProducerStateManager {
  private readonly producers = new Map<bigint, ProducerStateEntry>();
  /** Transactions whose marker is in the log but not yet below the high watermark: still unstable. */
  private unreplicatedTxns: CompletedTxn[] = [];
  /** Told of every transaction a marker closes (the log keeps aborted ones in its .txnindex). */
  onTxnCompleted: ((txn: CompletedTxn) => void) | null = null;
  private snapshots: number[];
  private lastMapOffset = 0;
  private lastSnapOffset = 0;
  private readonly logger: StorageLogger;
  private readonly prefix: string;
  readonly config: ProducerStateConfig;

  constructor(private readonly options: ProducerStateManagerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.prefix = `[ProducerStateManager partition=${options.partitionName}] `;
    this.config = options.config ?? { ...DEFAULT_PRODUCER_STATE_CONFIG };
    this.snapshots = listSnapshotOffsets(options.dir);
  }

  /** The log offset (exclusive) up to which the state is known. */
  get mapEndOffset(): number {
    return this.lastMapOffset;
  }

  get isEmpty(): boolean {
    return this.producers.size === 0;
  }

  get activeProducers(): ReadonlyMap<bigint, ProducerStateEntry> {
    return this.producers;
  }

  get latestSnapshotOffset(): number | undefined {
    return this.snapshots[this.snapshots.length - 1];
  }

  get snapshotOffsets(): readonly number[] {
    return this.snapshots;
  }

  lastEntry(producerId: bigint): ProducerStateEntry | undefined {
    return this.producers.get(producerId);
  }

  prepareUpdate(producerId: bigint, origin: AppendOrigin): ProducerAppendInfo {
    const current = this.producers.get(producerId) ?? ProducerStateEntry.empty(producerId);
    return new ProducerAppendInfo(this.options.partitionName, producerId, current, origin);
  }

  /**
   * Kafka's analyzeAndValidateProducerState for one batch of a producer: a client's retry of one of
   * the producer's retained batches comes back as `duplicate` (answered with the original offsets,
   * appended nothing); otherwise the checked update, to apply once the batch is in the log. Throws
   * OutOfOrderSequenceError / InvalidProducerEpochError for a batch that must be refused.
   */
  analyzeAppend(batch: ProducerBatch, origin: AppendOrigin): { duplicate: BatchMetadata } | { info: ProducerAppendInfo } {
    if (origin === 'client') {
      const duplicate = this.producers.get(batch.producerId)?.findDuplicateBatch(batch.producerEpoch, batch.baseSequence, batch.lastSequence);
      if (duplicate) return { duplicate };
    }
    const info = this.prepareUpdate(batch.producerId, origin);
    info.append(batch);
    return { info };
  }

  /** Applies what an append learned, once its batches are in the log. */
  update(info: ProducerAppendInfo): void {
    const current = this.producers.get(info.producerId);
    if (current) current.update(info.updatedEntry);
    else this.producers.set(info.producerId, info.updatedEntry);
    if (info.completedTxn) {
      this.unreplicatedTxns.push(info.completedTxn);
      this.onTxnCompleted?.(info.completedTxn);
    }
  }

  /**
   * The first offset of a transaction not yet decided for readers (Kafka's firstUnstableOffset): an
   * open transaction, or one whose marker is not yet below the high watermark. undefined when none.
   */
  firstUnstableOffset(): number | undefined {
    let first: number | undefined;
    for (const entry of this.producers.values()) {
      if (entry.currentTxnFirstOffset >= 0 && (first === undefined || entry.currentTxnFirstOffset < first)) first = entry.currentTxnFirstOffset;
    }
    for (const txn of this.unreplicatedTxns) if (first === undefined || txn.firstOffset < first) first = txn.firstOffset;
    return first;
  }

  /** Markers below the high watermark are replicated: their transactions are stable. */
  onHighWatermarkUpdated(highWatermark: number): void {
    if (this.unreplicatedTxns.length === 0) return;
    this.unreplicatedTxns = this.unreplicatedTxns.filter((t) => t.lastOffset >= highWatermark);
  }

  /** Producers with an open transaction on this partition, by producer id (DescribeProducers, the LSO). */
  ongoingTransactions(): { producerId: bigint; firstOffset: number }[] {
    const out: { producerId: bigint; firstOffset: number }[] = [];
    for (const entry of this.producers.values()) if (entry.currentTxnFirstOffset >= 0) out.push({ producerId: entry.producerId, firstOffset: entry.currentTxnFirstOffset });
    return out;
  }

  updateMapEndOffset(offset: number): void {
    this.lastMapOffset = offset;
  }

  /** Writes `<mapEndOffset>.snapshot` unless the state at that offset is already on disk. */
  takeSnapshot(): void {
    if (this.lastMapOffset <= this.lastSnapOffset) return;
    const offset = this.lastMapOffset;
    writeFileAtomically(producerSnapshotFile(this.options.dir, offset), encodeProducerSnapshot(this.producers.values()), this.options.onDurable);
    this.logger.info(`${this.prefix}Wrote producer snapshot at offset ${offset} with ${this.producers.size} producer ids`);
    if (!this.snapshots.includes(offset)) {
      this.snapshots.push(offset);
      this.snapshots.sort((a, b) => a - b);
    }
    this.lastSnapOffset = offset;
  }

  /**
   * Brings the state to a log now spanning [logStartOffset, logEndOffset): snapshots outside it are
   * deleted and, when the state does not end where the log does, it is reloaded from the latest
   * snapshot left (the caller then replays the log after it).
   */
  truncateAndReload(logStartOffset: number, logEndOffset: number, now: number): void {
    for (const offset of [...this.snapshots]) {
      if (offset > logEndOffset || offset <= logStartOffset) this.removeAndDeleteSnapshot(offset);
    }
    this.unreplicatedTxns = this.unreplicatedTxns.filter((t) => t.lastOffset < logEndOffset);
    if (logEndOffset !== this.lastMapOffset) {
      this.producers.clear();
      this.unreplicatedTxns = [];
      this.loadFromSnapshot(logStartOffset, now);
    } else {
      this.onLogStartOffsetIncremented(logStartOffset);
    }
  }

  onLogStartOffsetIncremented(logStartOffset: number): void {
    if (this.lastMapOffset < logStartOffset) this.lastMapOffset = logStartOffset;
    this.lastSnapOffset = this.latestSnapshotOffset ?? logStartOffset;
  }

  /** Forgets every producer and deletes every snapshot (the log was emptied). */
  truncateFullyAndStartAt(offset: number): void {
    this.producers.clear();
    this.unreplicatedTxns = [];
    for (const s of [...this.snapshots]) this.removeAndDeleteSnapshot(s);
    this.lastSnapOffset = 0;
    this.lastMapOffset = offset;
  }

  /** Snapshots below `offset` describe deleted segments. */
  deleteSnapshotsBefore(offset: number): void {
    for (const s of this.snapshots.filter((o) => o < offset)) this.removeAndDeleteSnapshot(s);
  }

  /** producer.id.expiration.ms: producers without an open transaction, idle that long, are forgotten. */
  removeExpiredProducers(now: number): number {
    let removed = 0;
    for (const [id, entry] of this.producers) {
      if (this.isExpired(now, entry)) {
        this.producers.delete(id);
        removed++;
      }
    }
    return removed;
  }

  private isExpired(now: number, entry: ProducerStateEntry): boolean {
    return entry.currentTxnFirstOffset < 0 && now - entry.lastTimestamp >= this.config.producerIdExpirationMs;
  }

  private loadFromSnapshot(logStartOffset: number, now: number): void {
    for (;;) {
      const offset = this.latestSnapshotOffset;
      if (offset === undefined) {
        this.lastSnapOffset = logStartOffset;
        this.lastMapOffset = logStartOffset;
        return;
      }
      const path = producerSnapshotFile(this.options.dir, offset);
      try {
        this.logger.info(`${this.prefix}Loading producer state from snapshot file '${path}'`);
        for (const entry of readProducerSnapshot(path)) {
          if (!this.isExpired(now, entry)) this.producers.set(entry.producerId, entry);
        }
        this.lastSnapOffset = offset;
        this.lastMapOffset = offset;
        return;
      } catch (err) {
        // A damaged or vanished snapshot costs a longer replay, never a failed start.
        if (!(err instanceof CorruptSnapshotError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        this.logger.warn(`${this.prefix}Failed to load producer snapshot from '${path}': ${errorMessage(err)}`);
        this.producers.clear();
        this.removeAndDeleteSnapshot(offset);
      }
    }
  }

  private removeAndDeleteSnapshot(offset: number): void {
    this.snapshots = this.snapshots.filter((o) => o !== offset);
    deleteFileIfExists(producerSnapshotFile(this.options.dir, offset));
  }
}

/** producer.id.expiration.ms and producer.id.expiration.check.interval.ms from broker properties; bad values keep Kafka's defaults. */
export function producerStateConfigFrom(get: (name: string) => string | null | undefined): ProducerStateConfig {
  const read = (name: string, fallback: number): number => {
    const value = Number(get(name) ?? NaN);
    return Number.isSafeInteger(value) && value >= 1 ? value : fallback;
  };
  return {
    producerIdExpirationMs: read('producer.id.expiration.ms', DEFAULT_PRODUCER_STATE_CONFIG.producerIdExpirationMs),
    producerIdExpirationCheckIntervalMs: read('producer.id.expiration.check.interval.ms', DEFAULT_PRODUCER_STATE_CONFIG.producerIdExpirationCheckIntervalMs),
  };
}
