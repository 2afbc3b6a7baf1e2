// EndTxn (key 26), v0-4: commit or abort. Answered once PrepareCommit/PrepareAbort is in
// __transaction_state; the markers follow, retried until written (a retry of EndTxn meanwhile gets
// CONCURRENT_TRANSACTIONS, after completion NONE).
import { ApiKey } from '../../protocol/api-keys';
import type { ApiHandler } from '../../network/api-handler';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';

export function endTxnHandler(transactions: Pick<TransactionCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.EndTxn> {
  return {
    apiKey: ApiKey.EndTxn,
    minVersion: 0,
    maxVersion: 4,
    async handle(_context, request) {
      const found = transactions.lookup(request.transactionalId);
      if ('errorCode' in found) return { throttleTimeMs: 0, errorCode: found.errorCode };
      const errorCode = await found.coordinator.endTxn(request.transactionalId, request.producerId, request.producerEpoch, request.committed);
      return { throttleTimeMs: 0, errorCode };
    },
  };
}
