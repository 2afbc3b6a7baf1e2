import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { RequestRouter } from '../network/request-router';
import type { GroupCoordinatorManager } from './group-coordinator-manager';
import { addPartitionsToTxnHandler } from './handlers/24-add-partitions-to-txn';
import { addOffsetsToTxnHandler } from './handlers/25-add-offsets-to-txn';
import { endTxnHandler } from './handlers/26-end-txn';
import { writeTxnMarkersHandler } from './handlers/27-write-txn-markers';
import { describeProducersHandler } from './handlers/61-describe-producers';
import { describeTransactionsHandler } from './handlers/65-describe-transactions';
import { listTransactionsHandler } from './handlers/66-list-transactions';
import type { MetadataCache } from './metadata-cache';
import { OFFSETS_TOPIC } from './offsets-topic';
import type { ReplicaManager } from './replica-manager';
import type { TransactionCoordinatorManager } from './transaction-coordinator-manager';

export interface TransactionApiDeps {
  transactions: TransactionCoordinatorManager;
  groups: GroupCoordinatorManager;
  replicaManager: ReplicaManager;
  metadata: MetadataCache;
  clock: Clock;
  logger: Logger;
}

/** The transaction APIs: the coordinator's (AddPartitions/AddOffsets/EndTxn/Describe/List), and the leader's (WriteTxnMarkers, DescribeProducers). */
export function registerTransactionApis(router: RequestRouter, deps: TransactionApiDeps): void {
  const { transactions, groups, replicaManager, metadata, clock, logger } = deps;
  router
    .register(addPartitionsToTxnHandler(transactions, metadata))
    .register(addOffsetsToTxnHandler(transactions))
    .register(endTxnHandler(transactions))
    .register(
      writeTxnMarkersHandler({
        replicaManager,
        logger,
        onMarkerWritten: (topic, partition, producerId, commit) => {
          if (topic === OFFSETS_TOPIC) groups.onTxnMarker(partition, producerId, commit);
        },
      }),
    )
    .register(describeProducersHandler(replicaManager))
    .register(describeTransactionsHandler(transactions))
    .register(listTransactionsHandler(transactions, clock));
}
