// BrokerRegistration (key 62), v0-3, on the controller's listener: a broker (re)starting announces
// its listeners and gets a broker epoch; it stays fenced until a heartbeat asks to be unfenced.
import { ApiKey } from '../../protocol/api-keys';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { Controller } from '../controller';
import type { BrokerLiveness } from './broker-liveness';

export function brokerRegistrationHandler(controller: Controller, liveness: BrokerLiveness): ApiHandler<typeof ApiKey.BrokerRegistration> {
  return {
    apiKey: ApiKey.BrokerRegistration,
    minVersion: 0,
    maxVersion: 3,
    async handle(_context, request) {
      if (request.clusterId !== controller.clusterId) {
        return { throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID, brokerEpoch: -1n };
      }
      const result = await controller.registerBroker({
        brokerId: request.brokerId,
        incarnationId: request.incarnationId,
        rack: request.rack,
        endpoints: request.listeners.map((l) => ({
          name: l.name,
          host: l.host,
          port: l.port,
          securityProtocol: SECURITY_PROTOCOLS[l.securityProtocol] ?? 'PLAINTEXT',
        })),
      });
      if (result.errorCode === 'NONE') liveness.touch(request.brokerId);
      return { throttleTimeMs: 0, errorCode: ErrorCode[result.errorCode], brokerEpoch: BigInt(result.brokerEpoch) };
    },
  };
}

/** Kafka's SecurityProtocol ids. */
const SECURITY_PROTOCOLS: Record<number, string> = { 0: 'PLAINTEXT', 1: 'SSL', 2: 'SASL_PLAINTEXT', 3: 'SASL_SSL' };
