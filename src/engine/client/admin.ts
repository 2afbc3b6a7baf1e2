import type { KafkaClient } from './kafka-client';
import type { TopicMetadata } from './cluster-metadata';
import {
  createPartitions,
  createTopics,
  deleteTopics,
  describeCluster,
  describeTopics,
  listTopics,
  type AdminWriteOptions,
  type ClusterDescription,
  type CreatedTopic,
  type NewTopic,
  type TopicListing,
} from './admin-topics';
import {
  alterConfigs,
  describeConfigs,
  incrementalAlterConfigs,
  type AlterConfigOperation,
  type ConfigResource,
  type ConfigResourceResult,
  type DescribeConfigsOptions,
} from './admin-configs';
import {
  GroupAdmin,
  type CommittedOffset,
  type CoordinatorInfo,
  type GroupDescription,
  type ListGroupsResult,
  type OffsetToCommit,
  type TopicPartition,
} from './admin-groups';
import { listOffsets, type IsolationLevel, type ListedOffset, type OffsetQuery } from './list-offsets';
import { deleteRecords, type DeleteRecordsTarget, type DeletedRecords } from './delete-records';

/**
 * The console's admin surface over the Kafka protocol, usable against the embedded cluster and
 * external ones. APIs a cluster does not advertise reject with UnsupportedApiError; Kafka errors
 * with KafkaProtocolError.
 */
export class Admin {
  private readonly groups: GroupAdmin;

  constructor(readonly client: KafkaClient) {
    this.groups = new GroupAdmin(client);
  }

  listTopics(options?: { includeInternal?: boolean }): Promise<TopicListing[]> {
    return listTopics(this.client, options);
  }

  describeTopics(names: readonly string[]): Promise<TopicMetadata[]> {
    return describeTopics(this.client, names);
  }

  describeCluster(): Promise<ClusterDescription> {
    return describeCluster(this.client);
  }

  createTopics(topics: readonly NewTopic[], options?: AdminWriteOptions): Promise<CreatedTopic[]> {
    return createTopics(this.client, topics, options);
  }

  deleteTopics(names: readonly string[], options?: { timeoutMs?: number }): Promise<void> {
    return deleteTopics(this.client, names, options);
  }

  createPartitions(topics: ReadonlyArray<{ name: string; totalCount: number; assignments?: number[][] }>, options?: AdminWriteOptions): Promise<void> {
    return createPartitions(this.client, topics, options);
  }

  describeConfigs(resources: readonly ConfigResource[], options?: DescribeConfigsOptions): Promise<ConfigResourceResult[]> {
    return describeConfigs(this.client, resources, options);
  }

  alterConfigs(resource: ConfigResource, configs: Record<string, string>, options?: { validateOnly?: boolean }): Promise<void> {
    return alterConfigs(this.client, resource, configs, options);
  }

  incrementalAlterConfigs(resource: ConfigResource, operations: readonly AlterConfigOperation[], options?: { validateOnly?: boolean }): Promise<void> {
    return incrementalAlterConfigs(this.client, resource, operations, options);
  }

  listOffsets(queries: readonly OffsetQuery[], isolation?: IsolationLevel): Promise<ListedOffset[]> {
    return listOffsets(this.client, queries, isolation);
  }

  deleteRecords(targets: readonly DeleteRecordsTarget[], options?: { timeoutMs?: number }): Promise<DeletedRecords[]> {
    return deleteRecords(this.client, targets, options);
  }

  findCoordinator(groupId: string): Promise<CoordinatorInfo> {
    return this.groups.findCoordinator(groupId);
  }

  listGroups(options?: { states?: string[] }): Promise<ListGroupsResult> {
    return this.groups.listGroups(options);
  }

  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    return this.groups.describeGroups(groupIds);
  }

  describeGroupsAt(nodeId: number, groupIds: readonly string[]): ReturnType<GroupAdmin['describeGroupsAt']> {
    return this.groups.describeGroupsAt(nodeId, groupIds);
  }

  offsetFetch(groupId: string, partitions?: readonly TopicPartition[]): Promise<CommittedOffset[]> {
    return this.groups.offsetFetch(groupId, partitions);
  }

  offsetCommit(groupId: string, offsets: readonly OffsetToCommit[]): Promise<void> {
    return this.groups.offsetCommit(groupId, offsets);
  }

  deleteGroups(groupIds: readonly string[]): Promise<void> {
    return this.groups.deleteGroups(groupIds);
  }

  offsetDelete(groupId: string, partitions: readonly TopicPartition[]): Promise<void> {
    return this.groups.offsetDelete(groupId, partitions);
  }
}
