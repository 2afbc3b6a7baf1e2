import type { RequestRouter } from '../network/request-router';
import type { GroupCoordinatorManager } from './group-coordinator-manager';
import { offsetCommitHandler } from './handlers/08-offset-commit';
import { offsetFetchHandler } from './handlers/09-offset-fetch';
import { findCoordinatorHandler } from './handlers/10-find-coordinator';
import { joinGroupHandler } from './handlers/11-join-group';
import { heartbeatHandler } from './handlers/12-heartbeat';
import { leaveGroupHandler } from './handlers/13-leave-group';
import { syncGroupHandler } from './handlers/14-sync-group';
import { describeGroupsHandler } from './handlers/15-describe-groups';
import { listGroupsHandler } from './handlers/16-list-groups';
import { deleteGroupsHandler } from './handlers/42-delete-groups';
import { offsetDeleteHandler } from './handlers/47-offset-delete';
import type { MetadataCache } from './metadata-cache';
import { txnOffsetCommitHandler } from './handlers/28-txn-offset-commit';
import type { TransactionStateTopic } from './transaction-state-topic';

/** The classic group APIs (and TxnOffsetCommit), all served by the broker's group coordinators. */
export function registerGroupApis(router: RequestRouter, groups: GroupCoordinatorManager, metadata: MetadataCache, transactionStateTopic: TransactionStateTopic): void {
  router
    .register(offsetCommitHandler(groups, metadata))
    .register(offsetFetchHandler(groups))
    .register(findCoordinatorHandler({ metadata, offsetsTopic: groups.offsetsTopic, transactionStateTopic }))
    .register(txnOffsetCommitHandler(groups))
    .register(joinGroupHandler(groups))
    .register(heartbeatHandler(groups))
    .register(leaveGroupHandler(groups))
    .register(syncGroupHandler(groups))
    .register(describeGroupsHandler(groups))
    .register(listGroupsHandler(groups))
    .register(deleteGroupsHandler(groups))
    .register(offsetDeleteHandler(groups));
}
