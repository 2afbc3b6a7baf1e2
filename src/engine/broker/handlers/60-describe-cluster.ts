// DescribeCluster (key 60), v0-1 (KIP-700): the live brokers on this listener, the cluster id and,
// as Metadata does for KRaft, a live broker's id as the controller id. v1 names the endpoint type
// asked for: a broker serves BROKERS (1); CONTROLLERS (2) is MISMATCHED_ENDPOINT_TYPE, an unknown
// type UNSUPPORTED_ENDPOINT_TYPE (both INVALID_REQUEST in v0), as Kafka's AuthHelper answers.
import { ApiKey } from '../../protocol/api-keys';
import type { DescribeClusterResponseInput } from '../../protocol/apis';
import type { ApiHandler } from '../../network/api-handler';
import { codeOf, type KafkaErrorName } from '../kafka-error';
import type { MetadataCache } from '../metadata-cache';
import { CLUSTER_OPERATIONS, OPERATIONS_NOT_REQUESTED } from '../authorized-operations';

const BROKER_ENDPOINT = 1;
const CONTROLLER_ENDPOINT = 2;
const ENDPOINT_NAMES: Record<number, string> = { [BROKER_ENDPOINT]: 'BROKER', [CONTROLLER_ENDPOINT]: 'CONTROLLER' };

export function describeClusterHandler(metadata: MetadataCache): ApiHandler<typeof ApiKey.DescribeCluster> {
  return {
    apiKey: ApiKey.DescribeCluster,
    minVersion: 0,
    maxVersion: 1,
    handle(context, request) {
      const v0 = context.header.apiVersion === 0;
      const endpointType = v0 ? BROKER_ENDPOINT : request.endpointType;
      const refuse = (error: KafkaErrorName, message: string): DescribeClusterResponseInput => ({
        throttleTimeMs: 0,
        errorCode: codeOf(v0 ? 'INVALID_REQUEST' : error),
        errorMessage: message,
        // Kafka's error answer leaves every other field at its default.
        endpointType: BROKER_ENDPOINT,
        clusterId: '',
        controllerId: -1,
        brokers: [],
        clusterAuthorizedOperations: OPERATIONS_NOT_REQUESTED,
      });
      const name = ENDPOINT_NAMES[endpointType];
      if (name === undefined) return refuse('UNSUPPORTED_ENDPOINT_TYPE', `Unsupported endpoint type ${endpointType}`);
      if (endpointType !== BROKER_ENDPOINT) {
        return refuse('MISMATCHED_ENDPOINT_TYPE', `The request was sent to an endpoint of type BROKER, but we wanted an endpoint of type ${name}`);
      }
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        errorMessage: null,
        endpointType,
        clusterId: metadata.clusterId ?? '',
        controllerId: metadata.controllerIdForClients(),
        brokers: metadata.aliveBrokers().map((b) => ({ brokerId: b.nodeId, host: b.host, port: b.port, rack: b.rack })),
        clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? CLUSTER_OPERATIONS : OPERATIONS_NOT_REQUESTED,
      };
    },
  };
}
