/** The project's Kafka client: connections, metadata and routing, admin, produce and fetch. */
export { BrokerConnection, type BrokerConnectionOptions, type SendOptions, type VersionRange } from './broker-connection';
export { KafkaClient, parseBootstrapList, type BootstrapAddress, type KafkaClientOptions, type RequestTarget, type RetryOptions } from './kafka-client';
export type { BrokerInfo, ClusterMetadata, PartitionMetadata, TopicMetadata } from './cluster-metadata';
export {
  BrokerUnreachableError,
  ConnectionError,
  KafkaProtocolError,
  RequestTimeoutError,
  UnsupportedApiError,
  type ErrorContext,
} from './client-errors';
export { Admin } from './admin';
export type { AdminWriteOptions, ClusterDescription, CreatedTopic, NewTopic, TopicListing } from './admin-topics';
export type {
  AlterConfigOp,
  AlterConfigOperation,
  ConfigEntry,
  ConfigResource,
  ConfigResourceResult,
  ConfigResourceType,
  ConfigSource,
  DescribeConfigsOptions,
} from './admin-configs';
export type {
  CommittedOffset,
  CoordinatorInfo,
  GroupDescription,
  GroupMemberDescription,
  ListedGroup,
  ListGroupsResult,
  OffsetToCommit,
  TopicPartition,
} from './admin-groups';
export type { MemberAssignment } from './consumer-protocol';
export { listOffsets, type IsolationLevel, type ListedOffset, type OffsetQuery, type OffsetSpec } from './list-offsets';
export { deleteRecords, type DeletedRecords, type DeleteRecordsTarget } from './delete-records';
export { Producer, type Acks, type ProduceOptions, type ProducedBatch, type ProducerRecord } from './producer';
export { Fetcher, OffsetOutOfRangeError, type FetchedRecord, type FetchOptions, type FetchResult, type ReadRangeOptions } from './fetcher';
export { murmur2, partitionForKey } from './partitioner';
export { KafkaProducer, type DeliveryListener, type DeliveryReport, type ProducerConfig, type ProducerMessage } from './producer/index';
export { GroupConsumer, CommitFailedError, rangeAssignor, roundRobinAssignor, type GroupConsumerOptions, type AssignedPartition, type AssignorName, type PartitionAssignor, type RecordContext } from './consumer/index';
