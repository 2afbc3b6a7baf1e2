import type { CreatableTopic } from '../controller/controller-results';
import { GROUP_METADATA_TOPIC_NAME } from '../controller/topic-names';
import { groupCoordinatorConfig, partitionFor, type GroupCoordinatorConfig } from '../group';
import type { Logger } from '../logger';
import type { Forwarder } from '../network/forwarding-handler';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import type { MetadataCache } from './metadata-cache';

export const OFFSETS_TOPIC = GROUP_METADATA_TOPIC_NAME;

/** Reads one broker config as text (the effective value: dynamic, static, then Kafka's default). */
export type BrokerConfigReader = (name: string) => string | null;

export interface OffsetsTopicDeps {
  metadata: MetadataCache;
  /** The controller: the topic is created with a CreateTopics request, as any broker forwards it. */
  controller: Forwarder;
  brokerConfig: BrokerConfigReader;
  logger: Logger;
}

function intConfig(read: BrokerConfigReader, name: string, fallback: number): number {
  const raw = read(name);
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) ? n : fallback;
}

/**
 * The group coordinator's settings from the broker configs, read once when a coordinator starts
 * (they are read-only broker configs in Kafka too).
 */
export function coordinatorConfigFromBroker(read: BrokerConfigReader): GroupCoordinatorConfig {
  return groupCoordinatorConfig({
    groupMinSessionTimeoutMs: intConfig(read, 'group.min.session.timeout.ms', 6_000),
    groupMaxSessionTimeoutMs: intConfig(read, 'group.max.session.timeout.ms', 1_800_000),
    groupMaxSize: intConfig(read, 'group.max.size', 2_147_483_647),
    groupInitialRebalanceDelayMs: intConfig(read, 'group.initial.rebalance.delay.ms', 3_000),
    offsetsRetentionMs: intConfig(read, 'offsets.retention.minutes', 10_080) * 60_000,
    offsetsRetentionCheckIntervalMs: intConfig(read, 'offsets.retention.check.interval.ms', 600_000),
    offsetMetadataMaxBytes: intConfig(read, 'offset.metadata.max.bytes', 4_096),
  });
}

/**
 * __consumer_offsets as a broker sees it: how many partitions it has (the topic's own count once
 * it exists, offsets.topic.num.partitions before), which partition coordinates a group, and its
 * creation on first need through the controller (Kafka's AutoTopicCreationManager for internal
 * topics).
 */
export class OffsetsTopic {
  private creating: Promise<void> | null = null;

  constructor(private readonly deps: OffsetsTopicDeps) {}

  exists(): boolean {
    return this.deps.metadata.topic(OFFSETS_TOPIC) !== undefined;
  }

  numPartitions(): number {
    const topic = this.deps.metadata.topic(OFFSETS_TOPIC);
    if (topic && topic.partitions.size > 0) return topic.partitions.size;
    return Math.max(1, intConfig(this.deps.brokerConfig, 'offsets.topic.num.partitions', 50));
  }

  partitionFor(groupId: string): number {
    return partitionFor(groupId, this.numPartitions());
  }

  /** The topic as the controller is asked to create it. */
  creationRequest(): CreatableTopic {
    const read = this.deps.brokerConfig;
    const wantedRf = intConfig(read, 'offsets.topic.replication.factor', 3);
    // Like the embedded cluster's other defaults, a smaller cluster gets what it can hold rather
    // than no offsets topic at all (Kafka refuses until enough brokers are up).
    const alive = this.deps.metadata.aliveBrokers().length;
    return {
      name: OFFSETS_TOPIC,
      numPartitions: Math.max(1, intConfig(read, 'offsets.topic.num.partitions', 50)),
      replicationFactor: Math.max(1, Math.min(wantedRf, alive)),
      configs: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'compression.type', value: 'producer' },
        { name: 'segment.bytes', value: String(intConfig(read, 'offsets.topic.segment.bytes', 104_857_600)) },
      ],
    };
  }

  /**
   * Asks the controller for the topic unless it exists or a request is already out; never
   * rejects (FindCoordinator answers COORDINATOR_NOT_AVAILABLE until the leaders exist).
   */
  ensureCreated(): Promise<void> {
    if (this.exists()) return Promise.resolve();
    this.creating ??= this.create().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async create(): Promise<void> {
    const request = this.creationRequest();
    try {
      const response = await this.deps.controller.forward(ApiKey.CreateTopics, 7, {
        topics: [
          {
            name: request.name,
            numPartitions: request.numPartitions,
            replicationFactor: request.replicationFactor,
            assignments: [],
            configs: (request.configs ?? []).map((c) => ({ name: c.name, value: c.value })),
          },
        ],
        timeoutMs: 30_000,
        validateOnly: false,
      });
      const result = response.topics?.[0];
      const code = result?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
      if (code === ErrorCode.NONE) {
        this.deps.logger.info(`created ${OFFSETS_TOPIC} with ${request.numPartitions} partitions, replication factor ${request.replicationFactor}`);
      } else if (code !== ErrorCode.TOPIC_ALREADY_EXISTS) {
        this.deps.logger.warn(`creating ${OFFSETS_TOPIC} failed: ${errorName(code)} ${result?.errorMessage ?? ''}`);
      }
    } catch (err) {
      this.deps.logger.warn(`creating ${OFFSETS_TOPIC} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
