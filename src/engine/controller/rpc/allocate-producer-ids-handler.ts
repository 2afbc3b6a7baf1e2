// AllocateProducerIds (key 67), v0: a broker's next block of producer ids, recorded in the metadata
// log so no id is handed out twice, even across controller restarts.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { ErrorCode } from '../../protocol/errors';
import type { Controller } from '../controller';

export function allocateProducerIdsHandler(controller: Controller): ApiHandler<typeof ApiKey.AllocateProducerIds> {
  return {
    apiKey: ApiKey.AllocateProducerIds,
    minVersion: 0,
    maxVersion: 0,
    async handle(_context, request) {
      const result = await controller.allocateProducerIds(request.brokerId, Number(request.brokerEpoch));
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode[result.errorCode],
        producerIdStart: BigInt(result.producerIdStart),
        producerIdLen: result.producerIdLen,
      };
    },
  };
}
