// InitProducerId (key 22) for idempotent producers: a new producer id with epoch 0 on every call, as
// Kafka's TransactionCoordinator does without a transactional id (an existing id/epoch sent by a
// KIP-360 client, v3+, is not bumped: the producer simply gets a fresh id). Advertised from v0,
// which librdkafka requires before it enables idempotence (CLIENTS.md). Transactions come later: a
// transactional id is refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED, fatal on every client.
import { ApiKey } from '../../protocol/api-keys';
import type { InitProducerIdResponseInput } from '../../protocol/apis';
import type { Logger } from '../../logger';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import { ProducerIdUnavailableError, type ProducerIdManager } from '../producer-id-manager';

const NO_PRODUCER_ID = -1n;
const NO_PRODUCER_EPOCH = -1;

function failed(error: KafkaErrorName): InitProducerIdResponseInput {
  return { throttleTimeMs: 0, errorCode: codeOf(error), producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH };
}

export function initProducerIdHandler(producerIds: ProducerIdManager, logger: Logger): ApiHandler<typeof ApiKey.InitProducerId> {
  return {
    apiKey: ApiKey.InitProducerId,
    minVersion: 0,
    maxVersion: 5,
    async handle(context, request) {
      // Kafka checks the id/epoch pair first: both or neither.
      const givenId = request.producerId !== NO_PRODUCER_ID;
      const givenEpoch = request.producerEpoch !== NO_PRODUCER_EPOCH;
      if (givenId !== givenEpoch) return failed('INVALID_REQUEST');
      if (request.transactionalId !== null) {
        if (request.transactionalId === '') return failed('INVALID_REQUEST');
        logger.warn(
          `InitProducerId from ${context.connection.remote} with transactional.id "${request.transactionalId}" refused: transactions are not supported by this cluster yet`,
        );
        return failed('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
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
