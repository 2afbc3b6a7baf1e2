import type { Logger } from '../logger';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode, errorForCode } from '../protocol/errors';
import type { KafkaErrorName } from './kafka-error';
import type { MetadataCache } from './metadata-cache';
import type { Partition } from './partition';
import type { TransactionCoordinatorManager } from './transaction-coordinator-manager';
import { TRANSACTION_STATE_TOPIC, type TransactionStateTopic } from './transaction-state-topic';
import type { TxnMarkerChannel } from './txn-marker-channel';

const VERIFY_VERSION = 4;

export interface TxnPartitionVerifierOptions {
  nodeId: number;
  metadata: MetadataCache;
  topic: TransactionStateTopic;
  local: Pick<TransactionCoordinatorManager, 'lookup'>;
  connections: Pick<TxnMarkerChannel, 'connect' | 'drop'>;
  /** transaction.partition.verification.enable, read per batch (it is a dynamic config). */
  enabled(): boolean;
  logger: Logger;
}

export interface TransactionalBatchRef {
  transactionalId: string;
  producerId: bigint;
  producerEpoch: number;
}

/**
 * KIP-890 part 1 (Kafka's AddPartitionsToTxnManager): before a transactional batch opens a
 * transaction on a partition, the leader asks the transaction's coordinator — AddPartitionsToTxn v4
 * verify-only — whether the partition is in the open transaction. A partition not added answers
 * INVALID_TXN_STATE and nothing is appended; an unreachable or moving coordinator answers
 * NOT_ENOUGH_REPLICAS, which producers retry, as Kafka maps it.
 */
export class TxnPartitionVerifier {
  constructor(private readonly options: TxnPartitionVerifierOptions) {}

  /** NONE when the batch may be appended. */
  async verify(partition: Partition, batch: TransactionalBatchRef): Promise<KafkaErrorName> {
    if (!this.options.enabled()) return 'NONE';
    // The producer's transaction is already open here (verified when it began): nothing to ask.
    const entry = partition.log.producerStateManager.lastEntry(batch.producerId);
    if (entry && entry.currentTxnFirstOffset >= 0 && entry.producerEpoch === batch.producerEpoch) return 'NONE';
    const code = await this.ask(partition, batch);
    return mapForProduce(code);
  }

  private async ask(partition: Partition, batch: TransactionalBatchRef): Promise<number> {
    const ref = { topic: partition.topicName, partition: partition.partitionIndex };
    const index = this.options.topic.partitionFor(batch.transactionalId);
    const leader = this.options.metadata.topic(TRANSACTION_STATE_TOPIC)?.partitions.get(index)?.leader ?? -1;
    if (leader < 0) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (leader === this.options.nodeId) {
      const found = this.options.local.lookup(batch.transactionalId);
      if ('errorCode' in found) return found.errorCode;
      return found.coordinator.verifyPartitions(batch.transactionalId, batch.producerId, batch.producerEpoch, [ref]).values().next().value ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    }
    try {
      const connection = await this.options.connections.connect(leader);
      const response = await connection.send(ApiKey.AddPartitionsToTxn, VERIFY_VERSION, {
        transactions: [
          {
            transactionalId: batch.transactionalId,
            producerId: batch.producerId,
            producerEpoch: batch.producerEpoch,
            verifyOnly: true,
            topics: [{ name: ref.topic, partitions: [ref.partition] }],
          },
        ],
        v3AndBelowTransactionalId: '',
        v3AndBelowProducerId: -1n,
        v3AndBelowProducerEpoch: -1,
        v3AndBelowTopics: [],
      });
      if (response.errorCode !== ErrorCode.NONE) return response.errorCode;
      return response.resultsByTransaction[0]?.topicResults[0]?.resultsByPartition[0]?.partitionErrorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
    } catch (err) {
      this.options.connections.drop(leader);
      this.options.logger.info(`verifying ${ref.topic}-${ref.partition} with the coordinator of ${batch.transactionalId} failed: ${err instanceof Error ? err.message : String(err)}`);
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }
  }
}

/** The coordinator's answer as a produce error (AddPartitionsToTxnManager's mapping). */
function mapForProduce(code: number): KafkaErrorName {
  switch (code) {
    case ErrorCode.NONE:
      return 'NONE';
    case ErrorCode.COORDINATOR_NOT_AVAILABLE:
    case ErrorCode.NOT_COORDINATOR:
    case ErrorCode.COORDINATOR_LOAD_IN_PROGRESS:
    case ErrorCode.CONCURRENT_TRANSACTIONS:
      return 'NOT_ENOUGH_REPLICAS';
    case ErrorCode.PRODUCER_FENCED:
      return 'INVALID_PRODUCER_EPOCH';
    default:
      return errorForCode(code).name;
  }
}
