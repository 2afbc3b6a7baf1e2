// ListTransactions (key 66), v0-1: the transactional ids this broker coordinates, filtered by
// state, producer id and (v1) minimum running time; COORDINATOR_LOAD_IN_PROGRESS while a partition loads.
import type { Clock } from '../../clock';
import { ApiKey } from '../../protocol/api-keys';
import type { ListTransactionsResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import { TXN_STATE_TABLE, txnStateByWireName } from '../../transaction/transaction-state';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';

export function listTransactionsHandler(transactions: Pick<TransactionCoordinatorManager, 'loadedCoordinators'>, clock: Clock): ApiHandler<typeof ApiKey.ListTransactions> {
  return {
    apiKey: ApiKey.ListTransactions,
    minVersion: 0,
    maxVersion: 1,
    handle(_context, request): ListTransactionsResponseInput {
      const unknownStateFilters = request.stateFilters.filter((s) => txnStateByWireName(s) === undefined);
      const states = new Set(request.stateFilters);
      const producerIds = new Set(request.producerIdFilters);
      const minDuration = Number(request.durationFilter);
      const now = clock.now();
      const { coordinators, loading } = transactions.loadedCoordinators();
      if (loading) return { throttleTimeMs: 0, errorCode: ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, unknownStateFilters, transactionStates: [] };
      const transactionStates = coordinators
        .flatMap((c) => c.list())
        .filter((d) => states.size === 0 || states.has(TXN_STATE_TABLE[d.state].wireName))
        .filter((d) => producerIds.size === 0 || producerIds.has(d.producerId))
        .filter((d) => minDuration < 0 || (d.txnStartTimestamp >= 0 && now - d.txnStartTimestamp >= minDuration))
        .map((d) => ({ transactionalId: d.transactionalId, producerId: d.producerId, transactionState: TXN_STATE_TABLE[d.state].wireName }));
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, unknownStateFilters, transactionStates };
    },
  };
}
