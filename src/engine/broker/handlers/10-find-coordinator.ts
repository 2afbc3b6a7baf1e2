// FindCoordinator (key 10), v0-6. A group's coordinator is the leader of its __consumer_offsets
// partition; the topic is created on the first request for it, and until its leaders are known the
// answer is COORDINATOR_NOT_AVAILABLE (clients retry). v4+ batches keys (KIP-699) and answers per
// key. A transactional id (key type 1) is coordinated by the leader of its __transaction_state
// partition, found the same way; share groups (2) have none in Kafka 3.9.
import { ApiKey } from '../../protocol/api-keys';
import type { FindCoordinatorResponseInput } from '../../protocol/apis';
import { ErrorCode, errorForCode } from '../../protocol/errors';
import type { ApiHandler } from '../../network/api-handler';
import type { MetadataCache } from '../metadata-cache';
import { OFFSETS_TOPIC, type OffsetsTopic } from '../offsets-topic';
import { TRANSACTION_STATE_TOPIC, type TransactionStateTopic } from '../transaction-state-topic';

const KEY_TYPE_GROUP = 0;
const KEY_TYPE_TRANSACTION = 1;
const KEY_TYPE_SHARE = 2;
const BATCHED_FROM_VERSION = 4;

export interface FindCoordinatorDeps {
  metadata: MetadataCache;
  offsetsTopic: OffsetsTopic;
  transactionStateTopic: TransactionStateTopic;
}

interface Found {
  errorCode: number;
  errorMessage: string | null;
  nodeId: number;
  host: string;
  port: number;
}

const none = (errorCode: number, errorMessage?: string): Found => ({
  errorCode,
  errorMessage: errorMessage ?? errorForCode(errorCode).message,
  nodeId: -1,
  host: '',
  port: -1,
});

export function findCoordinator(deps: FindCoordinatorDeps, keyType: number, key: string): Found {
  if (keyType === KEY_TYPE_SHARE) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE, 'Share groups are not supported');
  if (keyType !== KEY_TYPE_GROUP && keyType !== KEY_TYPE_TRANSACTION) return none(ErrorCode.INVALID_REQUEST, `Unknown coordinator key type ${keyType}`);
  if (keyType === KEY_TYPE_TRANSACTION && key === '') return none(ErrorCode.INVALID_REQUEST, 'The transactional id is empty');
  const internal = keyType === KEY_TYPE_GROUP ? deps.offsetsTopic : deps.transactionStateTopic;
  const topic = deps.metadata.topic(keyType === KEY_TYPE_GROUP ? OFFSETS_TOPIC : TRANSACTION_STATE_TOPIC);
  if (!topic) {
    void internal.ensureCreated();
    return none(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  }
  const partition = topic.partitions.get(internal.partitionFor(key));
  const leader = partition ? deps.metadata.aliveBrokers().find((b) => b.nodeId === partition.leader) : undefined;
  if (!leader) return none(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  return { errorCode: ErrorCode.NONE, errorMessage: null, nodeId: leader.nodeId, host: leader.host, port: leader.port };
}

export function findCoordinatorHandler(deps: FindCoordinatorDeps): ApiHandler<typeof ApiKey.FindCoordinator> {
  return {
    apiKey: ApiKey.FindCoordinator,
    minVersion: 0,
    maxVersion: 6,
    handle(context, request): FindCoordinatorResponseInput {
      const version = context.header.apiVersion;
      const keyType = version >= 1 ? request.keyType : KEY_TYPE_GROUP;
      if (version >= BATCHED_FROM_VERSION) {
        return {
          throttleTimeMs: 0,
          coordinators: request.coordinatorKeys.map((key) => ({ key, ...findCoordinator(deps, keyType, key) })),
        };
      }
      return { throttleTimeMs: 0, ...findCoordinator(deps, keyType, request.key) };
    },
  };
}
