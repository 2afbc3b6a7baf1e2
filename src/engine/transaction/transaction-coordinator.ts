import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { ErrorCode } from '../protocol/errors';
import { TransactionMetadata, NO_PRODUCER_EPOCH, isEpochExhausted, type TopicPartitionRef } from './transaction-metadata';
import { decodeTxnLogKey, decodeTxnLogValue, txnLogRecord, type StoredTxn, type TxnLogRecord } from './transaction-records-codec';
import { isPrepare, type TxnState } from './transaction-state';

/** Stores records in this coordinator's __transaction_state partition; resolves once replicated. */
export interface TxnLogAppender {
  append(records: readonly TxnLogRecord[]): Promise<void>;
}

export interface TxnMarkers {
  transactionalId: string;
  producerId: bigint;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
  partitions: TopicPartitionRef[];
}

/**
 * Writes a transaction's markers to the leaders of its partitions (Kafka's
 * TransactionMarkerChannelManager): retried until every partition has its marker or its topic is
 * gone; rejects only when `stillCurrent` says this coordinator was replaced.
 */
export interface TxnMarkerWriter {
  writeMarkers(markers: TxnMarkers, stillCurrent: () => boolean): Promise<void>;
}

export interface TransactionCoordinatorOptions {
  /** The __transaction_state partition and its leader epoch (the coordinator epoch in markers). */
  partitionIndex: number;
  coordinatorEpoch: number;
  persistence: TxnLogAppender;
  markers: TxnMarkerWriter;
  producerIds: { generateProducerId(): Promise<bigint> };
  clock: Clock;
  logger: Logger;
  /** transaction.max.timeout.ms */
  maxTimeoutMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms */
  abortIntervalMs: number;
  /** The __consumer_offsets partition of a group (AddOffsetsToTxn adds it to the transaction). */
  groupPartition(groupId: string): TopicPartitionRef;
}

export interface InitProducerIdResult {
  errorCode: number;
  producerId: bigint;
  producerEpoch: number;
}

export interface TxnDescription {
  transactionalId: string;
  state: TxnState;
  producerId: bigint;
  producerEpoch: number;
  txnTimeoutMs: number;
  txnStartTimestamp: number;
  txnLastUpdateTimestamp: number;
  partitions: TopicPartitionRef[];
}

const RETRY_BACKOFF_MS = 100;

/** Errors of the __transaction_state append as a client is told them (TransactionStateManager.appendTransactionToLog). */
function appendErrorCode(err: unknown): number {
  const code = typeof err === 'object' && err !== null && typeof (err as { errorCode?: unknown }).errorCode === 'number' ? (err as { errorCode: number }).errorCode : ErrorCode.UNKNOWN_SERVER_ERROR;
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The transaction coordinator of one __transaction_state partition (Kafka's TransactionCoordinator
 * with the TransactionStateManager's share for that partition). Everything runs on the event loop:
 * a handler reads and changes metadata synchronously and marks it pending across each await.
 */
export class TransactionCoordinator {
  private readonly txns = new Map<string, TransactionMetadata>();
  private closed = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: TransactionCoordinatorOptions) {}

  get coordinatorEpoch(): number {
    return this.options.coordinatorEpoch;
  }

  /** Replays the partition's records (last one per id wins, a tombstone removes), then finishes what was being decided. */
  loadFrom(records: Iterable<{ key: Buffer | null; value: Buffer | null }>): void {
    let skipped = 0;
    for (const r of records) {
      if (r.key === null) continue;
      try {
        const id = decodeTxnLogKey(r.key);
        if (r.value === null) this.txns.delete(id);
        else this.txns.set(id, new TransactionMetadata(id, decodeTxnLogValue(r.value)));
      } catch {
        skipped++;
      }
    }
    this.options.logger.info(`loaded ${this.txns.size} transactional ids (${skipped} records skipped)`);
    for (const meta of this.txns.values()) {
      // A coordinator that failed over mid-commit or mid-abort completes it (markers are idempotent per epoch).
      if (isPrepare(meta.state)) void this.completeWithMarkers(meta);
    }
    this.timer = setInterval(() => this.abortTimedOutTransactions(), this.options.abortIntervalMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  async initProducerId(transactionalId: string, timeoutMs: number, expected: { producerId: bigint; producerEpoch: number } | null): Promise<InitProducerIdResult> {
    const fail = (errorCode: number): InitProducerIdResult => ({ errorCode, producerId: -1n, producerEpoch: NO_PRODUCER_EPOCH });
    if (this.closed) return fail(ErrorCode.NOT_COORDINATOR);
    if (timeoutMs <= 0 || timeoutMs > this.options.maxTimeoutMs) return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    const now = this.options.clock.now();
    let meta = this.txns.get(transactionalId);
    if (!meta) {
      let producerId: bigint;
      try {
        producerId = await this.options.producerIds.generateProducerId();
      } catch (err) {
        const code = (err as { kafkaError?: string }).kafkaError === 'COORDINATOR_LOAD_IN_PROGRESS' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : ErrorCode.COORDINATOR_NOT_AVAILABLE;
        return fail(code);
      }
      if (this.closed) return fail(ErrorCode.NOT_COORDINATOR);
      meta = this.txns.get(transactionalId);
      if (!meta) {
        meta = new TransactionMetadata(transactionalId, {
          producerId,
          producerEpoch: NO_PRODUCER_EPOCH,
          txnTimeoutMs: timeoutMs,
          state: 'Empty',
          partitions: new Map(),
          txnStartTimestamp: -1,
          txnLastUpdateTimestamp: now,
        });
        this.txns.set(transactionalId, meta);
      }
    }
    if (meta.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
    if (expected && !this.isValidProducerId(meta, expected)) return fail(ErrorCode.PRODUCER_FENCED);
    switch (meta.state) {
      case 'PrepareCommit':
      case 'PrepareAbort':
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case 'Ongoing':
        // A new producer instance: fence the old one and abort its transaction; this one retries.
        meta.fenceProducerEpoch();
        void this.endTransactionInternal(meta, false);
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      case 'Dead':
      case 'PrepareEpochFence':
        return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      default:
        break;
    }
    let transit: StoredTxn | number;
    if (meta.isProducerEpochExhausted && (expected === null || expected.producerEpoch === meta.producerEpoch)) {
      let newId: bigint;
      try {
        newId = await this.options.producerIds.generateProducerId();
      } catch {
        return fail(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      if (meta.pendingState !== null) return fail(ErrorCode.CONCURRENT_TRANSACTIONS);
      transit = meta.prepareProducerIdRotation(newId, timeoutMs, now, expected !== null);
    } else {
      transit = meta.prepareIncrementProducerEpoch(timeoutMs, expected?.producerEpoch ?? null, now);
    }
    if (typeof transit === 'number') return fail(transit);
    const code = await this.write(meta, transit);
    if (code !== ErrorCode.NONE) return fail(code);
    return { errorCode: ErrorCode.NONE, producerId: meta.producerId, producerEpoch: meta.producerEpoch };
  }

  /** AddPartitionsToTxn (and AddOffsetsToTxn's group partition): one error for all the partitions. */
  async addPartitions(transactionalId: string, producerId: bigint, producerEpoch: number, partitions: readonly TopicPartitionRef[]): Promise<number> {
    if (this.closed) return ErrorCode.NOT_COORDINATOR;
    const meta = this.txns.get(transactionalId);
    const check = this.checkProducer(meta, producerId, producerEpoch);
    if (check !== ErrorCode.NONE || !meta) return check;
    if (meta.pendingState !== null || isPrepare(meta.state)) return ErrorCode.CONCURRENT_TRANSACTIONS;
    if (meta.state === 'Ongoing' && partitions.every((tp) => meta.hasPartition(tp))) return ErrorCode.NONE;
    return this.write(meta, meta.prepareAddPartitions(partitions, this.options.clock.now()));
  }

  addOffsets(transactionalId: string, producerId: bigint, producerEpoch: number, groupId: string): Promise<number> {
    return this.addPartitions(transactionalId, producerId, producerEpoch, [this.options.groupPartition(groupId)]);
  }

  /** KIP-890's verify-only AddPartitionsToTxn from a partition leader: is each partition in the open transaction? */
  verifyPartitions(transactionalId: string, producerId: bigint, producerEpoch: number, partitions: readonly TopicPartitionRef[]): Map<TopicPartitionRef, number> {
    const out = new Map<TopicPartitionRef, number>();
    const meta = this.txns.get(transactionalId);
    let all: number = this.closed ? ErrorCode.NOT_COORDINATOR : this.checkProducer(meta, producerId, producerEpoch);
    // As Kafka: a pending transit is not checked (partitions join the metadata once their write is in the log).
    if (all === ErrorCode.NONE && meta && isPrepare(meta.state)) all = ErrorCode.CONCURRENT_TRANSACTIONS;
    for (const tp of partitions) {
      if (all !== ErrorCode.NONE) out.set(tp, all);
      else out.set(tp, meta && meta.state === 'Ongoing' && meta.hasPartition(tp) ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE);
    }
    return out;
  }

  async endTxn(transactionalId: string, producerId: bigint, producerEpoch: number, commit: boolean): Promise<number> {
    if (this.closed) return ErrorCode.NOT_COORDINATOR;
    const meta = this.txns.get(transactionalId);
    const check = this.checkProducer(meta, producerId, producerEpoch);
    if (check !== ErrorCode.NONE || !meta) return check;
    if (meta.pendingState !== null) return ErrorCode.CONCURRENT_TRANSACTIONS;
    switch (meta.state) {
      case 'Ongoing':
        return this.endTransactionInternal(meta, commit);
      case 'CompleteCommit':
        return commit ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
      case 'CompleteAbort':
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.NONE;
      case 'PrepareCommit':
        return commit ? ErrorCode.CONCURRENT_TRANSACTIONS : ErrorCode.INVALID_TXN_STATE;
      case 'PrepareAbort':
        return commit ? ErrorCode.INVALID_TXN_STATE : ErrorCode.CONCURRENT_TRANSACTIONS;
      default:
        return ErrorCode.INVALID_TXN_STATE;
    }
  }

  describe(transactionalId: string): TxnDescription | undefined {
    const meta = this.txns.get(transactionalId);
    if (!meta) return undefined;
    return {
      transactionalId,
      state: meta.state,
      producerId: meta.producerId,
      producerEpoch: meta.producerEpoch,
      txnTimeoutMs: meta.txnTimeoutMs,
      txnStartTimestamp: meta.txnStartTimestamp,
      txnLastUpdateTimestamp: meta.txnLastUpdateTimestamp,
      partitions: meta.partitionList(),
    };
  }

  list(): TxnDescription[] {
    return [...this.txns.keys()].flatMap((id) => this.describe(id) ?? []);
  }

  /** Ongoing transactions past their timeout are aborted under a bumped epoch (the producer is fenced). */
  abortTimedOutTransactions(): void {
    if (this.closed) return;
    const now = this.options.clock.now();
    for (const meta of this.txns.values()) {
      if (meta.state !== 'Ongoing' || meta.pendingState !== null) continue;
      if (meta.txnStartTimestamp + meta.txnTimeoutMs > now) continue;
      this.options.logger.info(`aborting transaction ${meta.transactionalId} (producer ${meta.producerId}): it passed its timeout of ${meta.txnTimeoutMs} ms`);
      meta.fenceProducerEpoch();
      void this.endTransactionInternal(meta, false);
    }
  }

  private isValidProducerId(meta: TransactionMetadata, expected: { producerId: bigint; producerEpoch: number }): boolean {
    return (
      meta.producerEpoch === NO_PRODUCER_EPOCH ||
      expected.producerId === meta.producerId ||
      (expected.producerId === meta.lastProducerId && isEpochExhausted(expected.producerEpoch))
    );
  }

  private checkProducer(meta: TransactionMetadata | undefined, producerId: bigint, producerEpoch: number): number {
    if (!meta || meta.producerId !== producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (meta.producerEpoch !== producerEpoch) return ErrorCode.PRODUCER_FENCED;
    return ErrorCode.NONE;
  }

  /** Ongoing → PrepareCommit/PrepareAbort in the log; the client is answered then, the markers follow. */
  private async endTransactionInternal(meta: TransactionMetadata, commit: boolean): Promise<number> {
    const transit = meta.prepareAbortOrCommit(commit ? 'PrepareCommit' : 'PrepareAbort', this.options.clock.now());
    const code = await this.write(meta, transit);
    if (code === ErrorCode.NONE) void this.completeWithMarkers(meta);
    return code;
  }

  private async completeWithMarkers(meta: TransactionMetadata): Promise<void> {
    const commit = meta.state === 'PrepareCommit';
    const stillCurrent = (): boolean => !this.closed && this.txns.get(meta.transactionalId) === meta;
    const started = this.options.clock.now();
    try {
      await this.options.markers.writeMarkers(
        {
          transactionalId: meta.transactionalId,
          producerId: meta.producerId,
          producerEpoch: meta.producerEpoch,
          commit,
          coordinatorEpoch: this.options.coordinatorEpoch,
          partitions: meta.partitionList(),
        },
        stillCurrent,
      );
    } catch (err) {
      this.options.logger.info(`stopped writing the markers of ${meta.transactionalId}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const tookMs = this.options.clock.now() - started;
    if (tookMs > 1_000) this.options.logger.info(`${commit ? 'COMMIT' : 'ABORT'} markers of ${meta.transactionalId} took ${tookMs} ms`);
    // The Complete record: retried while this coordinator lasts (markers are in, the outcome is decided).
    while (stillCurrent()) {
      if (meta.pendingState !== null) {
        await sleep(RETRY_BACKOFF_MS);
        continue;
      }
      const code = await this.write(meta, meta.prepareComplete(this.options.clock.now()));
      if (code === ErrorCode.NONE || code === ErrorCode.NOT_COORDINATOR) return;
      await sleep(RETRY_BACKOFF_MS);
    }
  }

  /** Writes a transit and applies it; the error a client gets otherwise. */
  private async write(meta: TransactionMetadata, transit: StoredTxn): Promise<number> {
    try {
      await this.options.persistence.append([txnLogRecord(meta.transactionalId, transit)]);
    } catch (err) {
      meta.abandon();
      const code = appendErrorCode(err);
      this.options.logger.warn(`storing ${transit.state} of ${meta.transactionalId} failed: ${err instanceof Error ? err.message : String(err)}`);
      return code;
    }
    if (this.closed) {
      meta.abandon();
      return ErrorCode.NOT_COORDINATOR;
    }
    meta.complete(transit);
    return ErrorCode.NONE;
  }
}
