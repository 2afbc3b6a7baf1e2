// Metadata (key 3), v0-12. Topics may be asked by name or (v10+) by id; null (v1+) or an empty
// list (v0) means all topics. An unknown topic is created when the request allows it (v4+,
// always before) and auto.create.topics.enable is true; like Kafka's AutoTopicCreationManager
// the answer for it is LEADER_NOT_AVAILABLE and the client asks again. v8+ reports authorized
// operations when asked (the cluster's only in v8-10), as Kafka does with no authorizer: all of them.
import { ApiKey } from '../../protocol/api-keys';
import type { MetadataResponseInput } from '../../protocol/apis';
import { ZERO_UUID } from '../../protocol/codec';
import { ErrorCode } from '../../protocol/errors';
import { isInternalTopic, topicNameError } from '../../controller/topic-names';
import type { TopicImage } from '../../controller/metadata-image';
import type { ApiHandler } from '../../network/api-handler';
import type { MetadataCache } from '../metadata-cache';
import { CLUSTER_OPERATIONS, OPERATIONS_NOT_REQUESTED, TOPIC_OPERATIONS } from '../authorized-operations';

type TopicResponse = MetadataResponseInput['topics'][number];

export interface MetadataHandlerDeps {
  metadata: MetadataCache;
  autoCreateTopicsEnabled(): boolean;
  /** Asks the controller to create a topic with the default partitions and replication factor. */
  autoCreateTopic(name: string): Promise<void>;
}

export function metadataHandler(deps: MetadataHandlerDeps): ApiHandler<typeof ApiKey.Metadata> {
  const { metadata } = deps;
  return {
    apiKey: ApiKey.Metadata,
    minVersion: 0,
    maxVersion: 12,
    async handle(context, request) {
      const version = context.header.apiVersion;
      const image = metadata.image;
      const allTopics = request.topics === null || (version === 0 && request.topics.length === 0);
      const allowAutoCreate = version < 4 || request.allowAutoTopicCreation;
      const topics: TopicResponse[] = [];
      if (allTopics) {
        for (const topic of image.topicsByName.values()) topics.push(describeTopic(topic, metadata, version));
      } else {
        for (const wanted of request.topics ?? []) {
          if (wanted.name === null || wanted.name === undefined) {
            const topic = image.topicsById.get(wanted.topicId);
            topics.push(topic ? describeTopic(topic, metadata, version) : missing(null, wanted.topicId, ErrorCode.UNKNOWN_TOPIC_ID));
            continue;
          }
          const topic = image.topicsByName.get(wanted.name);
          if (topic) {
            topics.push(describeTopic(topic, metadata, version));
          } else if (topicNameError(wanted.name) !== null) {
            topics.push(missing(wanted.name, ZERO_UUID, ErrorCode.INVALID_TOPIC_EXCEPTION));
          } else if (allowAutoCreate && deps.autoCreateTopicsEnabled() && !isInternalTopic(wanted.name)) {
            await deps.autoCreateTopic(wanted.name);
            topics.push(missing(wanted.name, ZERO_UUID, ErrorCode.LEADER_NOT_AVAILABLE));
          } else {
            topics.push(missing(wanted.name, ZERO_UUID, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
          }
        }
      }
      // KafkaApis.handleTopicMetadataRequest: every topic asked by name gets its operations, also
      // one answered with an error; an unknown topic id keeps "not requested".
      const withOperations = version >= 8 && request.includeTopicAuthorizedOperations
        ? topics.map((t) => (t.name === null ? t : { ...t, topicAuthorizedOperations: TOPIC_OPERATIONS }))
        : topics;
      const clusterOperations = version >= 8 && version <= 10 && request.includeClusterAuthorizedOperations;
      return {
        throttleTimeMs: 0,
        brokers: metadata.aliveBrokers(),
        clusterId: metadata.clusterId,
        controllerId: metadata.controllerIdForClients(),
        topics: withOperations,
        clusterAuthorizedOperations: clusterOperations ? CLUSTER_OPERATIONS : OPERATIONS_NOT_REQUESTED,
      };
    },
  };
}

function missing(name: string | null, topicId: string, errorCode: number): TopicResponse {
  return { errorCode, name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED };
}

function describeTopic(topic: TopicImage, metadata: MetadataCache, version: number): TopicResponse {
  const partitions = [...topic.partitions.entries()]
    .sort(([a], [b]) => a - b)
    .map(([partitionIndex, p]) => {
      const offlineReplicas = p.replicas.filter((r) => !metadata.isAlive(r));
      const leaderAlive = p.leader >= 0 && metadata.isAlive(p.leader);
      return {
        // Kafka lists a partition whose leader is gone with LEADER_NOT_AVAILABLE and leader -1.
        errorCode: leaderAlive ? ErrorCode.NONE : ErrorCode.LEADER_NOT_AVAILABLE,
        partitionIndex,
        leaderId: leaderAlive ? p.leader : -1,
        leaderEpoch: p.leaderEpoch,
        replicaNodes: [...p.replicas],
        isrNodes: [...p.isr],
        offlineReplicas: version >= 5 ? offlineReplicas : [],
      };
    });
  return {
    errorCode: ErrorCode.NONE,
    name: topic.name,
    topicId: topic.topicId,
    isInternal: isInternalTopic(topic.name),
    partitions,
    topicAuthorizedOperations: OPERATIONS_NOT_REQUESTED,
  };
}
