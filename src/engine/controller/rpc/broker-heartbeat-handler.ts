// BrokerHeartbeat (key 63), v0-1, on the controller's listener. Each heartbeat renews the broker's
// session; wantFence=false unfences a registered broker; wantShutDown starts a controlled shutdown
// (leaderships move away first), answered with shouldShutDown once nothing is led any more.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import { ErrorCode } from '../../protocol/errors';
import type { Controller } from '../controller';
import type { BrokerLiveness } from './broker-liveness';

export function brokerHeartbeatHandler(controller: Controller, liveness: BrokerLiveness): ApiHandler<typeof ApiKey.BrokerHeartbeat> {
  return {
    apiKey: ApiKey.BrokerHeartbeat,
    minVersion: 0,
    maxVersion: 1,
    async handle(_context, request) {
      const brokerEpoch = Number(request.brokerEpoch);
      const registered = controller.image().brokers.get(request.brokerId);
      if (!registered || registered.brokerEpoch !== brokerEpoch) {
        return { throttleTimeMs: 0, errorCode: ErrorCode[registered ? 'STALE_BROKER_EPOCH' : 'BROKER_ID_NOT_REGISTERED'], isCaughtUp: false, isFenced: true, shouldShutDown: false };
      }
      liveness.touch(request.brokerId);
      // A broker that has not yet applied its own registration cannot serve: keep it fenced until it has.
      const isCaughtUp = Number(request.currentMetadataOffset) >= brokerEpoch;
      if (request.wantShutDown) {
        const done = await controller.controlledShutdown(request.brokerId, brokerEpoch);
        return { throttleTimeMs: 0, errorCode: ErrorCode[done.errorCode], isCaughtUp, isFenced: true, shouldShutDown: done.shouldShutDown };
      }
      const result = await controller.brokerHeartbeat({
        brokerId: request.brokerId,
        brokerEpoch,
        wantFence: request.wantFence || !isCaughtUp,
      });
      return { throttleTimeMs: 0, errorCode: ErrorCode[result.errorCode], isCaughtUp, isFenced: result.isFenced, shouldShutDown: false };
    },
  };
}
