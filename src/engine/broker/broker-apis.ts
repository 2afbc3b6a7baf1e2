import type { Logger } from '../logger';
import { ApiKey } from '../protocol/api-keys';
import { apiVersionsHandler } from '../network/api-versions-handler';
import { forwardingHandler } from '../network/forwarding-handler';
import type { RequestRouter } from '../network/request-router';
import type { LogManager } from '../storage/log-manager';
import type { ControllerChannel } from './controller-channel';
import { produceHandler } from './handlers/00-produce';
import { fetchHandler } from './handlers/01-fetch';
import { listOffsetsHandler } from './handlers/02-list-offsets';
import { metadataHandler } from './handlers/03-metadata';
import { deleteRecordsHandler } from './handlers/21-delete-records';
import { initProducerIdHandler } from './handlers/22-init-producer-id';
import { offsetForLeaderEpochHandler } from './handlers/23-offset-for-leader-epoch';
import { describeConfigsHandler } from './handlers/32-describe-configs';
import { alterConfigsHandler } from './handlers/33-alter-configs';
import { describeLogDirsHandler } from './handlers/35-describe-log-dirs';
import { incrementalAlterConfigsHandler } from './handlers/44-incremental-alter-configs';
import { describeClusterHandler } from './handlers/60-describe-cluster';
import type { MetadataCache } from './metadata-cache';
import { withProduceResponseDropHook } from './produce-response-drop-hook';
import type { ProducerIdManager } from './producer-id-manager';
import type { ReplicaManager } from './replica-manager';
import type { TransactionCoordinatorManager } from './transaction-coordinator-manager';
import type { TxnPartitionVerifier } from './txn-partition-verifier';

export interface BrokerApiDeps {
  nodeId: number;
  logDir: string;
  logger: Logger;
  metadata: MetadataCache;
  replicaManager: ReplicaManager;
  logManager: LogManager;
  controller: ControllerChannel;
  producerIds: ProducerIdManager;
  transactions: Pick<TransactionCoordinatorManager, 'lookup'>;
  /** KIP-890's check of transactional batches with their coordinator. */
  txnVerifier?: Pick<TxnPartitionVerifier, 'verify'>;
  brokerConfig(name: string): string | null;
}

/** Every API a broker serves: its own handlers, and forwarders for the writes the controller owns. */
export function registerBrokerApis(router: RequestRouter, deps: BrokerApiDeps): void {
  const { nodeId, logger, metadata, replicaManager, logManager, controller } = deps;
  router
    .register(apiVersionsHandler(() => router.advertised()))
    .register(withProduceResponseDropHook(produceHandler(replicaManager, deps.txnVerifier), logger))
    .register(fetchHandler(replicaManager, metadata))
    .register(listOffsetsHandler(replicaManager))
    .register(
      metadataHandler({
        metadata,
        autoCreateTopicsEnabled: () => deps.brokerConfig('auto.create.topics.enable') !== 'false',
        autoCreateTopic: async (name) => {
          const response = await controller.forward(ApiKey.CreateTopics, 7, {
            topics: [{ name, numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] }],
            timeoutMs: 30_000,
            validateOnly: false,
          });
          const result = response.topics?.[0];
          // 36 = TOPIC_ALREADY_EXISTS: another client's request created it first.
          if (result && result.errorCode !== 0 && result.errorCode !== 36) {
            logger.warn(`auto-creating topic ${name} failed: error ${result.errorCode} ${result.errorMessage ?? ''}`);
          }
        },
      }),
    )
    .register(forwardingHandler(ApiKey.CreateTopics, 0, 7, controller))
    .register(forwardingHandler(ApiKey.DeleteTopics, 0, 6, controller))
    .register(forwardingHandler(ApiKey.CreatePartitions, 0, 3, controller))
    .register(initProducerIdHandler(deps.producerIds, deps.transactions, logger))
    .register(offsetForLeaderEpochHandler(replicaManager))
    .register(deleteRecordsHandler(replicaManager))
    .register(describeConfigsHandler({ describe: (resources, brokerId) => controller.describeConfigs(resources, brokerId), nodeId }))
    .register(alterConfigsHandler({ controller, nodeId }))
    .register(
      describeLogDirsHandler({
        logDir: deps.logDir,
        logs: () => logManager.allLogs(),
        hasPartition: (topic, partition) => replicaManager.getPartition(topic, partition) !== undefined,
      }),
    )
    .register(forwardingHandler(ApiKey.ElectLeaders, 0, 2, controller))
    .register(forwardingHandler(ApiKey.AlterPartitionReassignments, 0, 0, controller))
    .register(forwardingHandler(ApiKey.ListPartitionReassignments, 0, 0, controller))
    .register(incrementalAlterConfigsHandler({ controller, nodeId }))
    .register(describeClusterHandler(metadata));
}
