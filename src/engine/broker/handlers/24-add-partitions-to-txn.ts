// AddPartitionsToTxn (key 24), v0-5. v0-3: a producer adds partitions to its transaction (one
// error for them all; unknown topics get UNKNOWN_TOPIC_OR_PARTITION and the rest
// OPERATION_NOT_ATTEMPTED, as Kafka). v4+ (KIP-890) batches transactions; a verify-only one is a
// partition leader asking whether each partition is already in the open transaction.
import { ApiKey } from '../../protocol/api-keys';
import type { AddPartitionsToTxnRequest, AddPartitionsToTxnResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { TopicPartitionRef } from '../../transaction/transaction-metadata';
import type { MetadataCache } from '../metadata-cache';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';

type Topics = AddPartitionsToTxnRequest['v3AndBelowTopics'];
type TopicResult = NonNullable<AddPartitionsToTxnResponseInput['resultsByTopicV3AndBelow']>[number];

const BATCHED_FROM_VERSION = 4;

function refsOf(topics: Topics): TopicPartitionRef[] {
  return topics.flatMap((t) => t.partitions.map((partition) => ({ topic: t.name, partition })));
}

function results(topics: Topics, codeFor: (tp: TopicPartitionRef) => number): TopicResult[] {
  return topics.map((t) => ({
    name: t.name,
    resultsByPartition: t.partitions.map((partition) => ({ partitionIndex: partition, partitionErrorCode: codeFor({ topic: t.name, partition }) })),
  }));
}

async function handleOne(
  transactions: Pick<TransactionCoordinatorManager, 'lookup'>,
  metadata: MetadataCache,
  txn: { transactionalId: string; producerId: bigint; producerEpoch: number; verifyOnly: boolean; topics: Topics },
): Promise<TopicResult[]> {
  const found = transactions.lookup(txn.transactionalId);
  if ('errorCode' in found) return results(txn.topics, () => found.errorCode);
  const refs = refsOf(txn.topics);
  if (txn.verifyOnly) {
    const verified = found.coordinator.verifyPartitions(txn.transactionalId, txn.producerId, txn.producerEpoch, refs);
    const byKey = new Map([...verified].map(([tp, code]) => [`${tp.topic}\0${tp.partition}`, code]));
    return results(txn.topics, (tp) => byKey.get(`${tp.topic}\0${tp.partition}`) ?? ErrorCode.UNKNOWN_SERVER_ERROR);
  }
  const unknown = (tp: TopicPartitionRef): boolean => !metadata.topic(tp.topic)?.partitions.has(tp.partition);
  if (refs.some(unknown)) return results(txn.topics, (tp) => (unknown(tp) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.OPERATION_NOT_ATTEMPTED));
  const code = await found.coordinator.addPartitions(txn.transactionalId, txn.producerId, txn.producerEpoch, refs);
  return results(txn.topics, () => code);
}

export function addPartitionsToTxnHandler(
  transactions: Pick<TransactionCoordinatorManager, 'lookup'>,
  metadata: MetadataCache,
): ApiHandler<typeof ApiKey.AddPartitionsToTxn> {
  return {
    apiKey: ApiKey.AddPartitionsToTxn,
    minVersion: 0,
    maxVersion: 5,
    async handle(context, request): Promise<AddPartitionsToTxnResponseInput> {
      if (context.header.apiVersion >= BATCHED_FROM_VERSION) {
        const resultsByTransaction = await Promise.all(
          request.transactions.map(async (t) => ({ transactionalId: t.transactionalId, topicResults: await handleOne(transactions, metadata, t) })),
        );
        return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction, resultsByTopicV3AndBelow: [] };
      }
      const resultsByTopicV3AndBelow = await handleOne(transactions, metadata, {
        transactionalId: request.v3AndBelowTransactionalId,
        producerId: request.v3AndBelowProducerId,
        producerEpoch: request.v3AndBelowProducerEpoch,
        verifyOnly: false,
        topics: request.v3AndBelowTopics,
      });
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, resultsByTransaction: [], resultsByTopicV3AndBelow };
    },
  };
}
