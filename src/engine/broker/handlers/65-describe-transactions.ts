// DescribeTransactions (key 65), v0: the state of transactional ids coordinated here
// (kafka-transactions.sh describe). An id this coordinator does not know: TRANSACTIONAL_ID_NOT_FOUND.
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeTransactionsResponseInput } from '../../protocol/apis';
import { ErrorCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import { TXN_STATE_TABLE } from '../../transaction/transaction-state';
import type { TransactionCoordinatorManager } from '../transaction-coordinator-manager';

type TxnState = DescribeTransactionsResponseInput['transactionStates'][number];

export function describeTransactionsHandler(transactions: Pick<TransactionCoordinatorManager, 'lookup'>): ApiHandler<typeof ApiKey.DescribeTransactions> {
  return {
    apiKey: ApiKey.DescribeTransactions,
    minVersion: 0,
    maxVersion: 0,
    handle(_context, request): DescribeTransactionsResponseInput {
      const transactionStates = request.transactionalIds.map((transactionalId): TxnState => {
        const none = (errorCode: number): TxnState => ({
          errorCode,
          transactionalId,
          transactionState: '',
          transactionTimeoutMs: 0,
          transactionStartTimeMs: -1n,
          producerId: -1n,
          producerEpoch: -1,
          topics: [],
        });
        const found = transactions.lookup(transactionalId);
        if ('errorCode' in found) return none(found.errorCode === ErrorCode.INVALID_REQUEST ? ErrorCode.TRANSACTIONAL_ID_NOT_FOUND : found.errorCode);
        const d = found.coordinator.describe(transactionalId);
        if (!d) return none(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
        const topics = new Map<string, number[]>();
        for (const tp of d.partitions) topics.set(tp.topic, [...(topics.get(tp.topic) ?? []), tp.partition]);
        return {
          errorCode: ErrorCode.NONE,
          transactionalId,
          transactionState: TXN_STATE_TABLE[d.state].wireName,
          transactionTimeoutMs: d.txnTimeoutMs,
          transactionStartTimeMs: BigInt(d.txnStartTimestamp),
          producerId: d.producerId,
          producerEpoch: d.producerEpoch,
          topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })),
        };
      });
      return { throttleTimeMs: 0, transactionStates };
    },
  };
}
