import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { MetadataDelta } from '../controller/metadata-delta';
import type { MetadataImage, PartitionRegistration, TopicImage } from '../controller/metadata-image';
import type { FetchPartitionResult } from './fetch-reader';
import type { IsrChangeSender } from './isr-change-sender';
import type { ReplicaFetcherManager } from './replica-fetcher-manager';
import { awaitReplication, type ReplicationOutcome, type ReplicationWait } from './delayed-produce';
import type { LogConfig } from '../storage/log-config';
import type { LogManager } from '../storage/log-manager';
import { StorageError, errorMessage } from '../storage/storage-errors';
import { InvalidProducerEpochError, OutOfOrderSequenceError, type AppendOrigin } from '../storage/producer-append-info';
import { validateProducedBatch } from '../protocol/record-batch-validator';
import { DelayedOperationPurgatory } from '../network/delayed-operation-purgatory';
import { Partition, partitionKey } from './partition';
import type { KafkaErrorName } from './kafka-error';
import { isInternalTopic } from '../controller/topic-names';

export interface ProduceResult {
  error: KafkaErrorName;
  errorMessage: string | null;
  baseOffset: number;
  /** The last offset of the appended batch; -1 on error. acks=all waits for the high watermark to pass it. */
  lastOffset: number;
  logAppendTime: number;
  logStartOffset: number;
  recordErrors: { batchIndex: number; batchIndexErrorMessage: string | null }[];
}

export interface DeleteRecordsResult {
  error: KafkaErrorName;
  errorMessage: string | null;
  /** The log start offset after the call; -1 on error. */
  lowWatermark: number;
}

export interface ReplicationDeps {
  fetchers: ReplicaFetcherManager;
  isrSender: IsrChangeSender;
  /** replica.lag.time.max.ms */
  replicaLagTimeMaxMs: number;
}

export interface ReplicaManagerOptions {
  nodeId: number;
  logManager: LogManager;
  logger: Logger;
  clock: Clock;
  /** The effective log config of a topic (its overrides over the broker's defaults). */
  logConfigFor(topic: string, image: MetadataImage): LogConfig;
}

/**
 * Owns this broker's partitions (Kafka's ReplicaManager): creates and deletes their logs as the
 * metadata image says, appends produced batches on the leader, and wakes fetches waiting for data.
 */
export class ReplicaManager {
  private readonly partitions = new Map<string, Partition>();
  readonly fetchPurgatory = new DelayedOperationPurgatory();
  readonly producePurgatory = new DelayedOperationPurgatory();
  private image: MetadataImage | null = null;
  private replication: ReplicationDeps | null = null;
  private shrinkTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ReplicaManagerOptions) {}

  get nodeId(): number {
    return this.options.nodeId;
  }

  getPartition(topic: string, partition: number): Partition | undefined {
    return this.partitions.get(partitionKey(topic, partition));
  }

  hasTopic(name: string): boolean {
    return this.image?.topicsByName.has(name) ?? false;
  }

  allPartitions(): IterableIterator<Partition> {
    return this.partitions.values();
  }

  /** Brings local partitions in line with the image; called for every metadata change. */
  applyDelta(delta: MetadataDelta, image: MetadataImage): void {
    this.image = image;
    for (const topic of delta.deletedTopics) this.removeTopic(topic.name, topic.topicId);
    for (const change of delta.partitionChanges) {
      const topic = image.topicsById.get(change.topicId);
      if (topic) this.applyPartition(topic, change.partitionId, image);
    }
    const reconfigured = new Set(delta.configChanges.map((c) => c.resourceType === 'TOPIC' ? c.resourceName : null));
    const brokerWide = delta.configChanges.some((c) => c.resourceType === 'BROKER');
    for (const partition of this.partitions.values()) {
      if (brokerWide || reconfigured.has(partition.topicName)) {
        partition.log.updateConfig(this.options.logConfigFor(partition.topicName, image));
      }
    }
  }

  /** Loads every partition of the image this broker is a replica of (startup). */
  applyImage(image: MetadataImage): void {
    this.image = image;
    for (const topic of image.topicsById.values()) {
      for (const partitionId of topic.partitions.keys()) this.applyPartition(topic, partitionId, image);
    }
  }

  async appendToLeader(
    topic: string,
    partitionIndex: number,
    records: Buffer | null,
    produceVersion: number,
    /** The producer's acks: only acks=all (-1) is held to min.insync.replicas, as Kafka's Partition.appendRecordsToLeader. */
    requiredAcks: -1 | 0 | 1 = -1,
    /** 'coordinator' for the group coordinator's own transactional batches: epoch checked, no sequences. */
    origin: AppendOrigin = 'client',
  ): Promise<ProduceResult> {
    const partition = this.getPartition(topic, partitionIndex);
    const fail = (error: KafkaErrorName, message: string | null): ProduceResult => ({
      error,
      errorMessage: message,
      baseOffset: -1,
      lastOffset: -1,
      logAppendTime: -1,
      logStartOffset: -1,
      recordErrors: [],
    });
    if (!partition) {
      return this.image?.topicsByName.has(topic)
        ? fail('NOT_LEADER_OR_FOLLOWER', `This broker is not a replica of ${topic}-${partitionIndex}`)
        : fail('UNKNOWN_TOPIC_OR_PARTITION', `This server does not host this topic-partition.`);
    }
    if (!partition.isLeader) {
      return fail('NOT_LEADER_OR_FOLLOWER', `Broker ${this.nodeId} is not the leader of ${partition.key}`);
    }
    if (records === null || records.length === 0) return fail('INVALID_RECORD', 'Produce request without records');
    const config = partition.log.config;
    const validated = await validateProducedBatch(records, {
      produceVersion,
      now: this.options.clock.now(),
      maxMessageBytes: config.maxMessageBytes,
      segmentBytes: config.segmentBytes,
      timestampType: config.messageTimestampType,
      compactedTopic: config.cleanupPolicy.includes('compact'),
    });
    if (!validated.ok) {
      return {
        ...fail(validated.error, validated.message),
        recordErrors: validated.recordErrors.map((e) => ({ batchIndex: e.batchIndex, batchIndexErrorMessage: e.message })),
      };
    }
    // The partition may have lost leadership while a compressed batch was being validated.
    if (!partition.isLeader || this.getPartition(topic, partitionIndex) !== partition) {
      return fail('NOT_LEADER_OR_FOLLOWER', `Broker ${this.nodeId} is no longer the leader of ${partition.key}`);
    }
    if (requiredAcks === -1 && partition.isr.length < config.minInsyncReplicas) {
      return fail(
        'NOT_ENOUGH_REPLICAS',
        `The size of the current ISR [${partition.isr.join(', ')}] is insufficient to satisfy the min.isr requirement of ${config.minInsyncReplicas} for partition ${partition.key}`,
      );
    }
    try {
      const info = partition.log.append(validated.batch, { leaderEpoch: partition.leaderEpoch, assignOffsets: true, origin });
      partition.maybeIncrementHighWatermark();
      // Followers' fetches wait for new data below the high watermark too, so wake them on every append.
      this.fetchPurgatory.checkAndComplete(partition.key);
      return {
        error: 'NONE',
        errorMessage: null,
        baseOffset: info.firstOffset,
        lastOffset: info.lastOffset,
        logAppendTime: info.logAppendTime,
        logStartOffset: info.logStartOffset,
        recordErrors: [],
      };
    } catch (err) {
      if (err instanceof StorageError) {
        // A producer's stale epoch or sequence gap is the client's fault, not the broker's.
        const producerFault = err instanceof OutOfOrderSequenceError || err instanceof InvalidProducerEpochError;
        this.options.logger[producerFault ? 'info' : 'error'](`append to ${partition.key} failed: ${err.message}`);
        return fail(err.kafkaError, err.message);
      }
      this.options.logger.error(`append to ${partition.key} failed: ${errorMessage(err)}`);
      return fail('UNKNOWN_SERVER_ERROR', errorMessage(err));
    }
  }

  /**
   * DeleteRecords on the leader (Partition.deleteRecordsOnLeader): moves the log start offset to
   * `offset` (-1 = the high watermark). Segments wholly below it go at once; retention takes the
   * rest. With one replica the low watermark is the leader's log start offset.
   */
  deleteRecords(topic: string, partitionIndex: number, offset: number): DeleteRecordsResult {
    const fail = (error: KafkaErrorName, message: string): DeleteRecordsResult => ({ error, errorMessage: message, lowWatermark: -1 });
    const partition = this.getPartition(topic, partitionIndex);
    const known = this.image?.topicsByName.get(topic)?.partitions.has(partitionIndex) ?? false;
    if (!known) return fail('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition.');
    if (isInternalTopic(topic)) return fail('INVALID_TOPIC_EXCEPTION', `Cannot delete records of internal topic ${topic}`);
    if (!partition) return fail('NOT_LEADER_OR_FOLLOWER', `Broker ${this.nodeId} is not a replica of ${topic}-${partitionIndex}`);
    if (!partition.isLeader) return fail('NOT_LEADER_OR_FOLLOWER', `Leader not local for partition ${partition.key} on broker ${this.nodeId}`);
    const log = partition.log;
    if (!log.config.cleanupPolicy.split(',').includes('delete')) {
      return fail('POLICY_VIOLATION', `Records of partition ${partition.key} can not be deleted due to the configured policy`);
    }
    const target = offset === -1 ? log.highWatermark : offset;
    if (target < 0) return fail('OFFSET_OUT_OF_RANGE', `The offset ${target} for partition ${partition.key} is not valid`);
    try {
      const lowWatermark = log.deleteRecordsBefore(target);
      return { error: 'NONE', errorMessage: null, lowWatermark };
    } catch (err) {
      if (err instanceof StorageError) return fail(err.kafkaError, err.message);
      this.options.logger.error(`delete records of ${partition.key} failed: ${errorMessage(err)}`);
      return fail('UNKNOWN_SERVER_ERROR', errorMessage(err));
    }
  }

  /**
   * Turns on replication: followers fetch from their leaders, leaders track followers and send ISR
   * changes, and an ISR member silent for replica.lag.time.max.ms is dropped (checked every half
   * of it, as Kafka does).
   */
  startReplication(deps: ReplicationDeps): void {
    this.replication = deps;
    for (const partition of this.partitions.values()) if (!partition.isLeader) deps.fetchers.follow(partition);
    this.shrinkTimer = setInterval(() => this.maybeShrinkIsrs(), Math.max(50, deps.replicaLagTimeMaxMs / 2));
    this.shrinkTimer.unref();
  }

  /** A follower fetched: record its log end, maybe widen the ISR, maybe move the high watermark. */
  recordFollowerFetch(replicaId: number, results: FetchPartitionResult[]): void {
    const now = this.options.clock.now();
    for (const result of results) {
      if (result.error !== 'NONE' || result.divergingEpoch || result.request.topicName === null) continue;
      const partition = this.getPartition(result.request.topicName, result.request.partition);
      if (!partition?.isLeader) continue;
      partition.updateFollowerFetchState(replicaId, result.request.fetchOffset, now);
      const widened = partition.followerToAdd(replicaId);
      if (widened && this.replication) void this.replication.isrSender.submit(partition, { kind: 'expand', isr: widened });
      this.highWatermarkMayHaveMoved(partition);
      result.highWatermark = partition.log.highWatermark;
      result.lastStableOffset = partition.log.lastStableOffset;
    }
  }

  /** After an ISR change or a follower's progress: move the high watermark and wake who waits on it. */
  highWatermarkMayHaveMoved(partition: Partition): void {
    partition.maybeIncrementHighWatermark();
    this.producePurgatory.checkAndComplete(partition.key);
    this.fetchPurgatory.checkAndComplete(partition.key);
  }

  /**
   * acks=all: resolves once the high watermark has passed each required offset (with at least
   * min.insync.replicas in the ISR), or with the error each partition ended in.
   */
  awaitReplication(waits: readonly ReplicationWait[], timeoutMs: number): Promise<Map<string, ReplicationOutcome>> {
    return awaitReplication(this, waits, timeoutMs);
  }

  shutdown(): void {
    if (this.shrinkTimer) clearInterval(this.shrinkTimer);
    this.replication?.fetchers.shutdown();
    this.fetchPurgatory.expireAll();
    this.producePurgatory.expireAll();
  }

  private maybeShrinkIsrs(): void {
    const deps = this.replication;
    if (!deps) return;
    const now = this.options.clock.now();
    for (const partition of this.partitions.values()) {
      const lagging = partition.laggingFollowers(now, deps.replicaLagTimeMaxMs);
      if (lagging.length === 0) continue;
      this.options.logger.info(`${partition.key}: followers [${lagging.join(',')}] have not caught up within replica.lag.time.max.ms (${deps.replicaLagTimeMaxMs} ms)`);
      void deps.isrSender.submit(partition, { kind: 'shrink', isr: partition.isr.filter((id) => !lagging.includes(id)) });
    }
  }

  private applyPartition(topic: TopicImage, partitionId: number, image: MetadataImage): void {
    const registration = topic.partitions.get(partitionId);
    if (!registration) return;
    const key = partitionKey(topic.name, partitionId);
    const existing = this.partitions.get(key);
    if (!registration.replicas.includes(this.nodeId)) {
      if (existing) void this.dropPartition(existing);
      return;
    }
    if (existing) {
      this.transition(existing, registration);
      return;
    }
    const log = this.options.logManager.getOrCreateLog(
      topic.name,
      partitionId,
      topic.topicId,
      this.options.logConfigFor(topic.name, image),
    );
    const partition = new Partition(topic.name, topic.topicId, partitionId, log, this.nodeId, registration);
    this.partitions.set(key, partition);
    this.transition(partition, registration);
  }

  /** Applies the controller's registration: become leader (stop fetching) or follower (fetch from the leader). */
  private transition(partition: Partition, registration: PartitionRegistration): void {
    const outcome = partition.applyRegistration(registration, this.options.clock.now());
    if (outcome === 'became-leader') {
      this.replication?.fetchers.unfollow(partition);
      this.options.logger.info(`${partition.key}: leader at epoch ${partition.leaderEpoch}, log end ${partition.log.logEndOffset}, ISR [${partition.isr.join(',')}]`);
    } else if (!partition.isLeader) {
      this.replication?.fetchers.follow(partition);
      if (outcome === 'became-follower') this.options.logger.info(`${partition.key}: follower of ${partition.leader} at epoch ${partition.leaderEpoch}`);
    }
    this.highWatermarkMayHaveMoved(partition);
  }

  private removeTopic(name: string, topicId: string): void {
    for (const partition of [...this.partitions.values()]) {
      if (partition.topicName === name && partition.topicId === topicId) void this.dropPartition(partition);
    }
  }

  private async dropPartition(partition: Partition): Promise<void> {
    this.partitions.delete(partition.key);
    this.replication?.fetchers.unfollow(partition);
    this.producePurgatory.checkAndComplete(partition.key);
    this.fetchPurgatory.checkAndComplete(partition.key);
    try {
      await this.options.logManager.deleteLog(partition.topicName, partition.partitionIndex);
    } catch (err) {
      this.options.logger.error(`deleting the log of ${partition.key} failed: ${errorMessage(err)}`);
    }
  }
}
