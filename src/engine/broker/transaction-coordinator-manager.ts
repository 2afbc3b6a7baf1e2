import type { Clock } from '../clock';
import { childLogger, type Logger } from '../logger';
import { ErrorCode } from '../protocol/errors';
import { TransactionCoordinator, type TxnMarkerWriter } from '../transaction/transaction-coordinator';
import { PartitionGroupPersistence, readGroupRecords } from './group-partition-log';
import { OFFSETS_TOPIC, type BrokerConfigReader, type OffsetsTopic } from './offsets-topic';
import type { Partition } from './partition';
import type { ProducerIdManager } from './producer-id-manager';
import type { ReplicaManager } from './replica-manager';
import { TRANSACTION_STATE_TOPIC, type TransactionStateTopic } from './transaction-state-topic';

export interface TransactionCoordinatorManagerOptions {
  replicaManager: ReplicaManager;
  topic: TransactionStateTopic;
  offsetsTopic: OffsetsTopic;
  producerIds: ProducerIdManager;
  markers: TxnMarkerWriter;
  brokerConfig: BrokerConfigReader;
  clock: Clock;
  logger: Logger;
}

interface CoordinatorEntry {
  readonly partitionIndex: number;
  readonly partition: Partition;
  readonly leaderEpoch: number;
  readonly coordinator: TransactionCoordinator;
  loaded: boolean;
}

export type TxnCoordinatorLookup = { coordinator: TransactionCoordinator } | { errorCode: number };

function intConfig(read: BrokerConfigReader, name: string, fallback: number): number {
  const n = Number(read(name) ?? NaN);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * The transaction coordinators this broker runs: one per __transaction_state partition it leads,
 * with the partition's leader epoch as the coordinator epoch. Becoming leader loads the partition
 * (COORDINATOR_LOAD_IN_PROGRESS meanwhile) and finishes the transactions it finds mid-commit or
 * mid-abort; losing leadership closes it (NOT_COORDINATOR).
 */
export class TransactionCoordinatorManager {
  private readonly entries = new Map<number, CoordinatorEntry>();
  private stopped = false;

  constructor(private readonly options: TransactionCoordinatorManagerOptions) {}

  get topic(): TransactionStateTopic {
    return this.options.topic;
  }

  onMetadataUpdate(): void {
    if (this.stopped) return;
    const { replicaManager } = this.options;
    const indexes = new Set<number>(this.entries.keys());
    for (const p of replicaManager.allPartitions()) if (p.topicName === TRANSACTION_STATE_TOPIC) indexes.add(p.partitionIndex);
    for (const index of indexes) {
      const partition = replicaManager.getPartition(TRANSACTION_STATE_TOPIC, index);
      const entry = this.entries.get(index);
      const leads = partition !== undefined && partition.isLeader;
      if (entry && (!leads || entry.partition !== partition || entry.leaderEpoch !== partition.leaderEpoch)) {
        this.unload(entry, leads ? 'a new leader epoch' : 'leadership moved');
      }
      if (leads && !this.entries.has(index)) this.load(index, partition);
    }
  }

  lookup(transactionalId: string): TxnCoordinatorLookup {
    if (transactionalId === '') return { errorCode: ErrorCode.INVALID_REQUEST };
    const entry = this.entries.get(this.options.topic.partitionFor(transactionalId));
    if (!entry) return { errorCode: ErrorCode.NOT_COORDINATOR };
    if (!entry.loaded) return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS };
    return { coordinator: entry.coordinator };
  }

  loadedCoordinators(): { coordinators: TransactionCoordinator[]; loading: boolean } {
    const coordinators: TransactionCoordinator[] = [];
    let loading = false;
    for (const entry of this.entries.values()) {
      if (entry.loaded) coordinators.push(entry.coordinator);
      else loading = true;
    }
    return { coordinators, loading };
  }

  coordinatedPartitions(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b);
  }

  shutdown(): void {
    this.stopped = true;
    for (const entry of [...this.entries.values()]) this.unload(entry, 'the broker is stopping');
  }

  private load(index: number, partition: Partition): void {
    const { clock, logger, brokerConfig } = this.options;
    const leaderEpoch = partition.leaderEpoch;
    const coordinator = new TransactionCoordinator({
      partitionIndex: index,
      coordinatorEpoch: leaderEpoch,
      persistence: new PartitionGroupPersistence({
        replicaManager: this.options.replicaManager,
        topic: TRANSACTION_STATE_TOPIC,
        partitionIndex: index,
        leaderEpoch,
        clock,
        commitTimeoutMs: intConfig(brokerConfig, 'request.timeout.ms', 30_000),
      }),
      markers: this.options.markers,
      producerIds: this.options.producerIds,
      clock,
      logger: childLogger(logger, `[transaction coordinator ${TRANSACTION_STATE_TOPIC}-${index}]`),
      maxTimeoutMs: intConfig(brokerConfig, 'transaction.max.timeout.ms', 900_000),
      abortIntervalMs: intConfig(brokerConfig, 'transaction.abort.timed.out.transaction.cleanup.interval.ms', 10_000),
      groupPartition: (groupId) => ({ topic: OFFSETS_TOPIC, partition: this.options.offsetsTopic.partitionFor(groupId) }),
    });
    const entry: CoordinatorEntry = { partitionIndex: index, partition, leaderEpoch, coordinator, loaded: false };
    this.entries.set(index, entry);
    const current = (): boolean => this.entries.get(index) === entry;
    const endOffset = partition.log.logEndOffset;
    void readGroupRecords(partition.log, endOffset, current).then(
      (records) => {
        if (records === null || !current()) return;
        coordinator.loadFrom(records);
        entry.loaded = true;
      },
      (err: unknown) => {
        logger.error(`loading ${TRANSACTION_STATE_TOPIC}-${index} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (current()) this.unload(entry, 'its load failed');
      },
    );
  }

  private unload(entry: CoordinatorEntry, why: string): void {
    if (this.entries.get(entry.partitionIndex) === entry) this.entries.delete(entry.partitionIndex);
    entry.coordinator.close();
    this.options.logger.info(`stopped coordinating ${TRANSACTION_STATE_TOPIC}-${entry.partitionIndex}: ${why}`);
  }
}
