import type { CreatableTopic } from '../controller/controller-results';
import { TRANSACTION_STATE_TOPIC_NAME } from '../controller/topic-names';
import { partitionFor } from '../group';
import type { Logger } from '../logger';
import type { Forwarder } from '../network/forwarding-handler';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorName } from '../protocol/errors';
import type { MetadataCache } from './metadata-cache';
import type { BrokerConfigReader } from './offsets-topic';

export const TRANSACTION_STATE_TOPIC = TRANSACTION_STATE_TOPIC_NAME;

export interface TransactionStateTopicDeps {
  metadata: MetadataCache;
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
 * __transaction_state as a broker sees it (the twin of OffsetsTopic): its partition count, the
 * partition whose leader coordinates a transactional id — abs(javaHashCode(id)) % partitions, as
 * Kafka's TransactionStateManager.partitionFor — and its creation on first need.
 */
export class TransactionStateTopic {
  private creating: Promise<void> | null = null;

  constructor(private readonly deps: TransactionStateTopicDeps) {}

  exists(): boolean {
    return this.deps.metadata.topic(TRANSACTION_STATE_TOPIC) !== undefined;
  }

  numPartitions(): number {
    const topic = this.deps.metadata.topic(TRANSACTION_STATE_TOPIC);
    if (topic && topic.partitions.size > 0) return topic.partitions.size;
    return Math.max(1, intConfig(this.deps.brokerConfig, 'transaction.state.log.num.partitions', 50));
  }

  partitionFor(transactionalId: string): number {
    return partitionFor(transactionalId, this.numPartitions());
  }

  creationRequest(): CreatableTopic {
    const read = this.deps.brokerConfig;
    const wantedRf = intConfig(read, 'transaction.state.log.replication.factor', 3);
    // As for __consumer_offsets: a smaller cluster gets what it can hold (docs/decisions.md).
    const alive = this.deps.metadata.aliveBrokers().length;
    const replicationFactor = Math.max(1, Math.min(wantedRf, alive));
    const minIsr = Math.max(1, Math.min(intConfig(read, 'transaction.state.log.min.isr', 2), replicationFactor));
    return {
      name: TRANSACTION_STATE_TOPIC,
      numPartitions: Math.max(1, intConfig(read, 'transaction.state.log.num.partitions', 50)),
      replicationFactor,
      configs: [
        { name: 'cleanup.policy', value: 'compact' },
        { name: 'compression.type', value: 'producer' },
        { name: 'min.insync.replicas', value: String(minIsr) },
        { name: 'unclean.leader.election.enable', value: 'false' },
        { name: 'segment.bytes', value: String(intConfig(read, 'transaction.state.log.segment.bytes', 104_857_600)) },
      ],
    };
  }

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
        this.deps.logger.info(`created ${TRANSACTION_STATE_TOPIC} with ${request.numPartitions} partitions, replication factor ${request.replicationFactor}`);
      } else if (code !== ErrorCode.TOPIC_ALREADY_EXISTS) {
        this.deps.logger.warn(`creating ${TRANSACTION_STATE_TOPIC} failed: ${errorName(code)} ${result?.errorMessage ?? ''}`);
      }
    } catch (err) {
      this.deps.logger.warn(`creating ${TRANSACTION_STATE_TOPIC} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
