import type { Logger } from '../logger';
import { buildTransactionMarkerBatch } from '../protocol/record-batch-builder';
import { StorageError, errorMessage } from '../storage/storage-errors';
import type { KafkaErrorName } from './kafka-error';
import type { ReplicaManager } from './replica-manager';

export interface TxnMarkerAppend {
  topic: string;
  partition: number;
  producerId: bigint;
  producerEpoch: number;
  commit: boolean;
  coordinatorEpoch: number;
}

export interface TxnMarkerAppendResult {
  error: KafkaErrorName;
  /** The marker's offset (the high watermark must pass it); -1 on error. */
  offset: number;
  leaderEpoch: number;
}

/**
 * Appends one COMMIT/ABORT marker on this partition's leader (Kafka's ReplicaManager.appendRecords
 * with origin Coordinator): a control batch the broker builds itself, checked against the producer
 * state for its epoch (a marker of an older epoch is INVALID_PRODUCER_EPOCH), held to min ISR.
 */
export function appendTxnMarkerToLeader(replicaManager: ReplicaManager, m: TxnMarkerAppend, logger: Logger): TxnMarkerAppendResult {
  const fail = (error: KafkaErrorName): TxnMarkerAppendResult => ({ error, offset: -1, leaderEpoch: -1 });
  const partition = replicaManager.getPartition(m.topic, m.partition);
  if (!partition) return fail(replicaManager.hasTopic(m.topic) ? 'NOT_LEADER_OR_FOLLOWER' : 'UNKNOWN_TOPIC_OR_PARTITION');
  if (!partition.isLeader) return fail('NOT_LEADER_OR_FOLLOWER');
  if (partition.isr.length < partition.log.config.minInsyncReplicas) return fail('NOT_ENOUGH_REPLICAS');
  const batch = buildTransactionMarkerBatch({
    type: m.commit ? 'COMMIT' : 'ABORT',
    coordinatorEpoch: m.coordinatorEpoch,
    producerId: m.producerId,
    producerEpoch: m.producerEpoch,
  });
  try {
    const info = partition.log.append(batch, { leaderEpoch: partition.leaderEpoch, assignOffsets: true, origin: 'client' });
    replicaManager.highWatermarkMayHaveMoved(partition);
    return { error: 'NONE', offset: info.lastOffset, leaderEpoch: partition.leaderEpoch };
  } catch (err) {
    if (err instanceof StorageError) {
      logger.info(`marker for ${partition.key} (producer ${m.producerId}, epoch ${m.producerEpoch}) refused: ${err.message}`);
      return fail(err.kafkaError);
    }
    logger.error(`marker append to ${partition.key} failed: ${errorMessage(err)}`);
    return fail('UNKNOWN_SERVER_ERROR');
  }
}
