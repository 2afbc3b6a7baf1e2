// AddOffsetsToTxn (key 25), v0-4: adds the group's __consumer_offsets partition to the
// transaction, so its TxnOffsetCommit is settled by the transaction's marker.
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';
import { ErrorCode } from '../../protocol/errors';

export function addOffsetsToTxnHandler(transactions: Pick<TransactionCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.AddOffsetsToTxn> {
  return {
    apiKey: ApiKey.AddOffsetsToTxn,
    minVersion: 0,
    maxVersion: 4,
    async handle(_context, request) {
      if (request.groupId === '') return { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_GROUP_ID };
      const found = transactions.lookup(request.transactionalId);
      if ('errorCode' in found) return { throttleTimeMs: 0, errorCode: found.errorCode };
      const errorCode = await found.coordinator.addOffsets(request.transactionalId, request.producerId, request.producerEpoch, request.groupId);
      return { throttleTimeMs: 0, errorCode };
    },
  };
}
