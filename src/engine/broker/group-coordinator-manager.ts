import type { Clock } from '../clock';
import { GroupCoordinator, type GroupRequestContext } from '../group';
import { childLogger, type Logger } from '../logger';
import type { RequestContext } from '../network/api-handler';
import { ErrorCode } from '../protocol/errors';
import { PartitionGroupPersistence, readGroupRecords } from './group-partition-log';
import { OFFSETS_TOPIC, coordinatorConfigFromBroker, type BrokerConfigReader, type OffsetsTopic } from './offsets-topic';
import type { Partition } from './partition';
import type { ReplicaManager } from './replica-manager';

export interface GroupCoordinatorManagerOptions {
  replicaManager: ReplicaManager;
  offsetsTopic: OffsetsTopic;
  brokerConfig: BrokerConfigReader;
  clock: Clock;
  logger: Logger;
}

interface CoordinatorEntry {
  readonly partitionIndex: number;
  readonly partition: Partition;
  readonly leaderEpoch: number;
  readonly coordinator: GroupCoordinator;
  loaded: boolean;
  /** Transaction markers written while the partition was loading past the load's end offset. */
  readonly markersDuringLoad: { producerId: bigint; commit: boolean }[];
}

/** What a group's request is routed to: its coordinator, or the error that says why there is none here. */
export type CoordinatorLookup = { coordinator: GroupCoordinator } | { errorCode: number };

/**
 * The coordinators this broker runs: one GroupCoordinator per __consumer_offsets partition it
 * leads (Kafka's CoordinatorRuntime for classic groups). Becoming leader loads the partition's
 * records (requests meanwhile get COORDINATOR_LOAD_IN_PROGRESS); losing leadership closes the
 * coordinator (requests get NOT_COORDINATOR and the client looks again).
 */
export class GroupCoordinatorManager {
  private readonly entries = new Map<number, CoordinatorEntry>();
  private stopped = false;

  readonly offsetsTopic: OffsetsTopic;

  constructor(private readonly options: GroupCoordinatorManagerOptions) {
    this.offsetsTopic = options.offsetsTopic;
  }

  /** Call after the replica manager applied a metadata change (or the first image). */
  onMetadataUpdate(): void {
    if (this.stopped) return;
    const { replicaManager } = this.options;
    const indexes = new Set<number>(this.entries.keys());
    for (const p of replicaManager.allPartitions()) if (p.topicName === OFFSETS_TOPIC) indexes.add(p.partitionIndex);
    for (const index of indexes) {
      const partition = replicaManager.getPartition(OFFSETS_TOPIC, index);
      const entry = this.entries.get(index);
      const leads = partition !== undefined && partition.isLeader;
      if (entry && (!leads || entry.partition !== partition || entry.leaderEpoch !== partition.leaderEpoch)) {
        this.unload(entry, leads ? 'a new leader epoch' : 'leadership moved');
      }
      if (leads && !this.entries.has(index)) this.load(index, partition);
    }
  }

  /** The coordinator of `groupId`'s partition, if this broker runs it and it is loaded. */
  lookup(groupId: string): CoordinatorLookup {
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID };
    const entry = this.entries.get(this.options.offsetsTopic.partitionFor(groupId));
    if (!entry) return { errorCode: ErrorCode.NOT_COORDINATOR };
    if (!entry.loaded) return { errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS };
    return { coordinator: entry.coordinator };
  }

  /** A transaction marker is in this __consumer_offsets partition: settle the producer's pending offsets. */
  onTxnMarker(partitionIndex: number, producerId: bigint, commit: boolean): void {
    const entry = this.entries.get(partitionIndex);
    if (entry?.loaded) entry.coordinator.completeTransaction(producerId, commit);
    else entry?.markersDuringLoad.push({ producerId, commit });
  }

  /** Every loaded coordinator, and whether some partition is still loading (ListGroups). */
  loadedCoordinators(): { coordinators: GroupCoordinator[]; loading: boolean } {
    const coordinators: GroupCoordinator[] = [];
    let loading = false;
    for (const entry of this.entries.values()) {
      if (entry.loaded) coordinators.push(entry.coordinator);
      else loading = true;
    }
    return { coordinators, loading };
  }

  /** The partitions whose coordinator runs here (loaded or loading), for tests and the console. */
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
    const commitTimeoutMs = Number(brokerConfig('offsets.commit.timeout.ms') ?? 5000) || 5000;
    const coordinator = new GroupCoordinator({
      persistence: new PartitionGroupPersistence({
        replicaManager: this.options.replicaManager,
        topic: OFFSETS_TOPIC,
        partitionIndex: index,
        leaderEpoch,
        clock,
        commitTimeoutMs,
      }),
      config: coordinatorConfigFromBroker(brokerConfig),
      clock,
      logger: childLogger(logger, `[group coordinator ${OFFSETS_TOPIC}-${index}]`),
    });
    const entry: CoordinatorEntry = { partitionIndex: index, partition, leaderEpoch, coordinator, loaded: false, markersDuringLoad: [] };
    this.entries.set(index, entry);
    const current = (): boolean => this.entries.get(index) === entry;
    // The log end when leadership was gained: everything this coordinator wrote before is below it.
    const endOffset = partition.log.logEndOffset;
    void readGroupRecords(partition.log, endOffset, current).then(
      (records) => {
        if (records === null || !current()) return;
        coordinator.loadFrom(records);
        for (const m of entry.markersDuringLoad.splice(0)) coordinator.completeTransaction(m.producerId, m.commit);
        entry.loaded = true;
      },
      (err: unknown) => {
        logger.error(`loading ${OFFSETS_TOPIC}-${index} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (current()) this.unload(entry, 'its load failed');
      },
    );
  }

  private unload(entry: CoordinatorEntry, why: string): void {
    if (this.entries.get(entry.partitionIndex) === entry) this.entries.delete(entry.partitionIndex);
    entry.coordinator.close();
    this.options.logger.info(`stopped coordinating ${OFFSETS_TOPIC}-${entry.partitionIndex}: ${why}`);
  }
}

/** The request header's facts the coordinator needs; Kafka shows the client host as "/address". */
export function groupRequestContext(context: RequestContext): GroupRequestContext {
  const remote = context.connection.remote;
  const colon = remote.lastIndexOf(':');
  const address = colon > 0 ? remote.slice(0, colon) : remote;
  return {
    apiVersion: context.header.apiVersion,
    clientId: context.header.clientId ?? '',
    clientHost: `/${address.replace(/^::ffff:/, '')}`,
  };
}
