import { ApiKey } from '../api-keys';
import { parseVersions, type MessageInput, type MessageOf, type MessageSchema } from '../schema';
import { ProduceRequestSchema, ProduceResponseSchema } from './00-produce';
import { FetchRequestSchema, FetchResponseSchema } from './01-fetch';
import { ListOffsetsRequestSchema, ListOffsetsResponseSchema } from './02-list-offsets';
import { MetadataRequestSchema, MetadataResponseSchema } from './03-metadata';
import { OffsetCommitRequestSchema, OffsetCommitResponseSchema } from './08-offset-commit';
import { OffsetFetchRequestSchema, OffsetFetchResponseSchema } from './09-offset-fetch';
import { FindCoordinatorRequestSchema, FindCoordinatorResponseSchema } from './10-find-coordinator';
import { JoinGroupRequestSchema, JoinGroupResponseSchema } from './11-join-group';
import { HeartbeatRequestSchema, HeartbeatResponseSchema } from './12-heartbeat';
import { LeaveGroupRequestSchema, LeaveGroupResponseSchema } from './13-leave-group';
import { SyncGroupRequestSchema, SyncGroupResponseSchema } from './14-sync-group';
import { DescribeGroupsRequestSchema, DescribeGroupsResponseSchema } from './15-describe-groups';
import { ListGroupsRequestSchema, ListGroupsResponseSchema } from './16-list-groups';
import { SaslHandshakeRequestSchema, SaslHandshakeResponseSchema } from './17-sasl-handshake';
import { ApiVersionsRequestSchema, ApiVersionsResponseSchema } from './18-api-versions';
import { CreateTopicsRequestSchema, CreateTopicsResponseSchema } from './19-create-topics';
import { DeleteTopicsRequestSchema, DeleteTopicsResponseSchema } from './20-delete-topics';
import { DeleteRecordsRequestSchema, DeleteRecordsResponseSchema } from './21-delete-records';
import { InitProducerIdRequestSchema, InitProducerIdResponseSchema } from './22-init-producer-id';
import { OffsetForLeaderEpochRequestSchema, OffsetForLeaderEpochResponseSchema } from './23-offset-for-leader-epoch';
import { AddPartitionsToTxnRequestSchema, AddPartitionsToTxnResponseSchema } from './24-add-partitions-to-txn';
import { AddOffsetsToTxnRequestSchema, AddOffsetsToTxnResponseSchema } from './25-add-offsets-to-txn';
import { EndTxnRequestSchema, EndTxnResponseSchema } from './26-end-txn';
import { WriteTxnMarkersRequestSchema, WriteTxnMarkersResponseSchema } from './27-write-txn-markers';
import { TxnOffsetCommitRequestSchema, TxnOffsetCommitResponseSchema } from './28-txn-offset-commit';
import { DescribeConfigsRequestSchema, DescribeConfigsResponseSchema } from './32-describe-configs';
import { AlterConfigsRequestSchema, AlterConfigsResponseSchema } from './33-alter-configs';
import { DescribeLogDirsRequestSchema, DescribeLogDirsResponseSchema } from './35-describe-log-dirs';
import { SaslAuthenticateRequestSchema, SaslAuthenticateResponseSchema } from './36-sasl-authenticate';
import { CreatePartitionsRequestSchema, CreatePartitionsResponseSchema } from './37-create-partitions';
import { DeleteGroupsRequestSchema, DeleteGroupsResponseSchema } from './42-delete-groups';
import { ElectLeadersRequestSchema, ElectLeadersResponseSchema } from './43-elect-leaders';
import { IncrementalAlterConfigsRequestSchema, IncrementalAlterConfigsResponseSchema } from './44-incremental-alter-configs';
import { AlterPartitionReassignmentsRequestSchema, AlterPartitionReassignmentsResponseSchema } from './45-alter-partition-reassignments';
import { ListPartitionReassignmentsRequestSchema, ListPartitionReassignmentsResponseSchema } from './46-list-partition-reassignments';
import { OffsetDeleteRequestSchema, OffsetDeleteResponseSchema } from './47-offset-delete';
import { AlterPartitionRequestSchema, AlterPartitionResponseSchema } from './56-alter-partition';
import { DescribeClusterRequestSchema, DescribeClusterResponseSchema } from './60-describe-cluster';
import { DescribeProducersRequestSchema, DescribeProducersResponseSchema } from './61-describe-producers';
import { BrokerRegistrationRequestSchema, BrokerRegistrationResponseSchema } from './62-broker-registration';
import { BrokerHeartbeatRequestSchema, BrokerHeartbeatResponseSchema } from './63-broker-heartbeat';
import { UnregisterBrokerRequestSchema, UnregisterBrokerResponseSchema } from './64-unregister-broker';
import { DescribeTransactionsRequestSchema, DescribeTransactionsResponseSchema } from './65-describe-transactions';
import { ListTransactionsRequestSchema, ListTransactionsResponseSchema } from './66-list-transactions';
import { AllocateProducerIdsRequestSchema, AllocateProducerIdsResponseSchema } from './67-allocate-producer-ids';

export * from './00-produce';
export * from './01-fetch';
export * from './02-list-offsets';
export * from './03-metadata';
export * from './08-offset-commit';
export * from './09-offset-fetch';
export * from './10-find-coordinator';
export * from './11-join-group';
export * from './12-heartbeat';
export * from './13-leave-group';
export * from './14-sync-group';
export * from './15-describe-groups';
export * from './16-list-groups';
export * from './17-sasl-handshake';
export * from './18-api-versions';
export * from './19-create-topics';
export * from './20-delete-topics';
export * from './21-delete-records';
export * from './22-init-producer-id';
export * from './23-offset-for-leader-epoch';
export * from './24-add-partitions-to-txn';
export * from './25-add-offsets-to-txn';
export * from './26-end-txn';
export * from './27-write-txn-markers';
export * from './28-txn-offset-commit';
export * from './32-describe-configs';
export * from './33-alter-configs';
export * from './35-describe-log-dirs';
export * from './36-sasl-authenticate';
export * from './37-create-partitions';
export * from './42-delete-groups';
export * from './43-elect-leaders';
export * from './44-incremental-alter-configs';
export * from './45-alter-partition-reassignments';
export * from './46-list-partition-reassignments';
export * from './47-offset-delete';
export * from './56-alter-partition';
export * from './60-describe-cluster';
export * from './61-describe-producers';
export * from './62-broker-registration';
export * from './63-broker-heartbeat';
export * from './64-unregister-broker';
export * from './65-describe-transactions';
export * from './66-list-transactions';
export * from './67-allocate-producer-ids';

export interface ApiTable<K extends number, Req extends MessageSchema, Res extends MessageSchema> {
  readonly apiKey: K;
  readonly name: string;
  readonly validVersions: { readonly min: number; readonly max: number };
  /** First flexible version, or null when no version is flexible. */
  readonly flexibleMin: number | null;
  readonly request: Req;
  readonly response: Res;
}

function api<const K extends number, Req extends MessageSchema, Res extends MessageSchema>(
  apiKey: K,
  name: string,
  request: Req,
  response: Res,
): ApiTable<K, Req, Res> {
  const valid = parseVersions(request.valid);
  const flexible = parseVersions(request.flexible);
  return {
    apiKey,
    name,
    validVersions: { min: valid.min, max: valid.max },
    flexibleMin: flexible.min <= flexible.max ? flexible.min : null,
    request,
    response,
  };
}

/** Every API this codec implements, by key. */
export const API_TABLES = {
  [ApiKey.Produce]: api(ApiKey.Produce, 'Produce', ProduceRequestSchema, ProduceResponseSchema),
  [ApiKey.Fetch]: api(ApiKey.Fetch, 'Fetch', FetchRequestSchema, FetchResponseSchema),
  [ApiKey.ListOffsets]: api(ApiKey.ListOffsets, 'ListOffsets', ListOffsetsRequestSchema, ListOffsetsResponseSchema),
  [ApiKey.Metadata]: api(ApiKey.Metadata, 'Metadata', MetadataRequestSchema, MetadataResponseSchema),
  [ApiKey.OffsetCommit]: api(ApiKey.OffsetCommit, 'OffsetCommit', OffsetCommitRequestSchema, OffsetCommitResponseSchema),
  [ApiKey.OffsetFetch]: api(ApiKey.OffsetFetch, 'OffsetFetch', OffsetFetchRequestSchema, OffsetFetchResponseSchema),
  [ApiKey.FindCoordinator]: api(ApiKey.FindCoordinator, 'FindCoordinator', FindCoordinatorRequestSchema, FindCoordinatorResponseSchema),
  [ApiKey.JoinGroup]: api(ApiKey.JoinGroup, 'JoinGroup', JoinGroupRequestSchema, JoinGroupResponseSchema),
  [ApiKey.Heartbeat]: api(ApiKey.Heartbeat, 'Heartbeat', HeartbeatRequestSchema, HeartbeatResponseSchema),
  [ApiKey.LeaveGroup]: api(ApiKey.LeaveGroup, 'LeaveGroup', LeaveGroupRequestSchema, LeaveGroupResponseSchema),
  [ApiKey.SyncGroup]: api(ApiKey.SyncGroup, 'SyncGroup', SyncGroupRequestSchema, SyncGroupResponseSchema),
  [ApiKey.DescribeGroups]: api(ApiKey.DescribeGroups, 'DescribeGroups', DescribeGroupsRequestSchema, DescribeGroupsResponseSchema),
  [ApiKey.ListGroups]: api(ApiKey.ListGroups, 'ListGroups', ListGroupsRequestSchema, ListGroupsResponseSchema),
  [ApiKey.SaslHandshake]: api(ApiKey.SaslHandshake, 'SaslHandshake', SaslHandshakeRequestSchema, SaslHandshakeResponseSchema),
  [ApiKey.ApiVersions]: api(ApiKey.ApiVersions, 'ApiVersions', ApiVersionsRequestSchema, ApiVersionsResponseSchema),
  [ApiKey.CreateTopics]: api(ApiKey.CreateTopics, 'CreateTopics', CreateTopicsRequestSchema, CreateTopicsResponseSchema),
  [ApiKey.DeleteTopics]: api(ApiKey.DeleteTopics, 'DeleteTopics', DeleteTopicsRequestSchema, DeleteTopicsResponseSchema),
  [ApiKey.DeleteRecords]: api(ApiKey.DeleteRecords, 'DeleteRecords', DeleteRecordsRequestSchema, DeleteRecordsResponseSchema),
  [ApiKey.InitProducerId]: api(ApiKey.InitProducerId, 'InitProducerId', InitProducerIdRequestSchema, InitProducerIdResponseSchema),
  [ApiKey.OffsetForLeaderEpoch]: api(ApiKey.OffsetForLeaderEpoch, 'OffsetForLeaderEpoch', OffsetForLeaderEpochRequestSchema, OffsetForLeaderEpochResponseSchema),
  [ApiKey.AddPartitionsToTxn]: api(ApiKey.AddPartitionsToTxn, 'AddPartitionsToTxn', AddPartitionsToTxnRequestSchema, AddPartitionsToTxnResponseSchema),
  [ApiKey.AddOffsetsToTxn]: api(ApiKey.AddOffsetsToTxn, 'AddOffsetsToTxn', AddOffsetsToTxnRequestSchema, AddOffsetsToTxnResponseSchema),
  [ApiKey.EndTxn]: api(ApiKey.EndTxn, 'EndTxn', EndTxnRequestSchema, EndTxnResponseSchema),
  [ApiKey.WriteTxnMarkers]: api(ApiKey.WriteTxnMarkers, 'WriteTxnMarkers', WriteTxnMarkersRequestSchema, WriteTxnMarkersResponseSchema),
  [ApiKey.TxnOffsetCommit]: api(ApiKey.TxnOffsetCommit, 'TxnOffsetCommit', TxnOffsetCommitRequestSchema, TxnOffsetCommitResponseSchema),
  [ApiKey.DescribeConfigs]: api(ApiKey.DescribeConfigs, 'DescribeConfigs', DescribeConfigsRequestSchema, DescribeConfigsResponseSchema),
  [ApiKey.AlterConfigs]: api(ApiKey.AlterConfigs, 'AlterConfigs', AlterConfigsRequestSchema, AlterConfigsResponseSchema),
  [ApiKey.DescribeLogDirs]: api(ApiKey.DescribeLogDirs, 'DescribeLogDirs', DescribeLogDirsRequestSchema, DescribeLogDirsResponseSchema),
  [ApiKey.SaslAuthenticate]: api(ApiKey.SaslAuthenticate, 'SaslAuthenticate', SaslAuthenticateRequestSchema, SaslAuthenticateResponseSchema),
  [ApiKey.CreatePartitions]: api(ApiKey.CreatePartitions, 'CreatePartitions', CreatePartitionsRequestSchema, CreatePartitionsResponseSchema),
  [ApiKey.DeleteGroups]: api(ApiKey.DeleteGroups, 'DeleteGroups', DeleteGroupsRequestSchema, DeleteGroupsResponseSchema),
  [ApiKey.ElectLeaders]: api(ApiKey.ElectLeaders, 'ElectLeaders', ElectLeadersRequestSchema, ElectLeadersResponseSchema),
  [ApiKey.IncrementalAlterConfigs]: api(ApiKey.IncrementalAlterConfigs, 'IncrementalAlterConfigs', IncrementalAlterConfigsRequestSchema, IncrementalAlterConfigsResponseSchema),
  [ApiKey.AlterPartitionReassignments]: api(ApiKey.AlterPartitionReassignments, 'AlterPartitionReassignments', AlterPartitionReassignmentsRequestSchema, AlterPartitionReassignmentsResponseSchema),
  [ApiKey.ListPartitionReassignments]: api(ApiKey.ListPartitionReassignments, 'ListPartitionReassignments', ListPartitionReassignmentsRequestSchema, ListPartitionReassignmentsResponseSchema),
  [ApiKey.OffsetDelete]: api(ApiKey.OffsetDelete, 'OffsetDelete', OffsetDeleteRequestSchema, OffsetDeleteResponseSchema),
  [ApiKey.AlterPartition]: api(ApiKey.AlterPartition, 'AlterPartition', AlterPartitionRequestSchema, AlterPartitionResponseSchema),
  [ApiKey.DescribeCluster]: api(ApiKey.DescribeCluster, 'DescribeCluster', DescribeClusterRequestSchema, DescribeClusterResponseSchema),
  [ApiKey.DescribeProducers]: api(ApiKey.DescribeProducers, 'DescribeProducers', DescribeProducersRequestSchema, DescribeProducersResponseSchema),
  [ApiKey.BrokerRegistration]: api(ApiKey.BrokerRegistration, 'BrokerRegistration', BrokerRegistrationRequestSchema, BrokerRegistrationResponseSchema),
  [ApiKey.BrokerHeartbeat]: api(ApiKey.BrokerHeartbeat, 'BrokerHeartbeat', BrokerHeartbeatRequestSchema, BrokerHeartbeatResponseSchema),
  [ApiKey.UnregisterBroker]: api(ApiKey.UnregisterBroker, 'UnregisterBroker', UnregisterBrokerRequestSchema, UnregisterBrokerResponseSchema),
  [ApiKey.DescribeTransactions]: api(ApiKey.DescribeTransactions, 'DescribeTransactions', DescribeTransactionsRequestSchema, DescribeTransactionsResponseSchema),
  [ApiKey.ListTransactions]: api(ApiKey.ListTransactions, 'ListTransactions', ListTransactionsRequestSchema, ListTransactionsResponseSchema),
  [ApiKey.AllocateProducerIds]: api(ApiKey.AllocateProducerIds, 'AllocateProducerIds', AllocateProducerIdsRequestSchema, AllocateProducerIdsResponseSchema),
} as const;

export type SupportedApiKey = keyof typeof API_TABLES;
export type RequestSchemaOf<K extends SupportedApiKey> = (typeof API_TABLES)[K]['request'];
export type ResponseSchemaOf<K extends SupportedApiKey> = (typeof API_TABLES)[K]['response'];
export type RequestOf<K extends SupportedApiKey> = MessageOf<RequestSchemaOf<K>>;
export type ResponseOf<K extends SupportedApiKey> = MessageOf<ResponseSchemaOf<K>>;
export type RequestInputOf<K extends SupportedApiKey> = MessageInput<RequestSchemaOf<K>>;
export type ResponseInputOf<K extends SupportedApiKey> = MessageInput<ResponseSchemaOf<K>>;

export type AnyApiTable = ApiTable<number, MessageSchema, MessageSchema>;

export function isSupportedApiKey(key: number): key is SupportedApiKey {
  return Object.prototype.hasOwnProperty.call(API_TABLES, key);
}

export function apiTable(key: number): AnyApiTable | undefined {
  return isSupportedApiKey(key) ? API_TABLES[key] : undefined;
}

export function isFlexibleVersion(key: number, version: number): boolean {
  const t = apiTable(key);
  return t !== undefined && t.flexibleMin !== null && version >= t.flexibleMin;
}
