// InitProducerId (key 22), v0-5. Without a transactional id: a new producer id with epoch 0 on
// every call, as Kafka's TransactionCoordinator does (an existing id/epoch sent by a KIP-360
// client, v3+, is not bumped: the producer simply gets a fresh id). With one: the id's transaction
// coordinator bumps the epoch (fencing older instances of the producer: an open transaction of
// theirs is aborted and this call answers CONCURRENT_TRANSACTIONS until it is), rotating to a new
// producer id when the epoch is used up. Advertised from v0, which librdkafka requires before it
// enables idempotence (CLIENTS.md).
import { ApiKey } from '../../protocol/api-keys';
import type { InitProducerIdResponseInput } from '../../protocol/apis';
import type { Logger } from '../../logger';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import { ProducerIdUnavailableError, type ProducerIdManager } from '../producer-id-manager';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';

const NO_PRODUCER_ID = -1n;
const NO_PRODUCER_EPOCH = -1;

function failed(error: KafkaErrorName): InitProducerIdResponseInput {
  return { throttleTimeMs: 0, errorCode: codeOf(error), producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH };
}

export function initProducerIdHandler(
  producerIds: ProducerIdManager,
  transactions: Pick<TransactionCoordinatorManager, 'lookup'>,
  logger: Logger,
): ApiHandler<typeof ApiKey.InitProducerId> {
  return {
    apiKey: ApiKey.InitProducerId,
    minVersion: 0,
    maxVersion: 5,
    async handle(_context, request) {
      // Kafka checks the id/epoch pair first: both or neither.
      const givenId = request.producerId !== NO_PRODUCER_ID;
      const givenEpoch = request.producerEpoch !== NO_PRODUCER_EPOCH;
      if (givenId !== givenEpoch) return failed('INVALID_REQUEST');
      if (request.transactionalId !== null) {
        if (request.transactionalId === '') return failed('INVALID_REQUEST');
        const found = transactions.lookup(request.transactionalId);
        if ('errorCode' in found) return { throttleTimeMs: 0, errorCode: found.errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH };
        const expected = givenId ? { producerId: request.producerId, producerEpoch: request.producerEpoch } : null;
        const result = await found.coordinator.initProducerId(request.transactionalId, request.transactionTimeoutMs, expected);
        return { throttleTimeMs: 0, ...result };
      }
      try {
        const producerId = await producerIds.generateProducerId();
        return { throttleTimeMs: 0, errorCode: codeOf('NONE'), producerId, producerEpoch: 0 };
      } catch (err) {
        if (err instanceof ProducerIdUnavailableError) return failed(err.kafkaError);
        logger.error(`InitProducerId failed: ${err instanceof Error ? err.message : String(err)}`);
        return failed('UNKNOWN_SERVER_ERROR');
      }
    },
  };
}
