import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeClusterRequestSchema = message({
  name: 'DescribeClusterRequest',
  apiKey: 60,
  type: 'request',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('includeClusterAuthorizedOperations', 'bool', '0+'),
    field('endpointType', 'int8', '1+', { default: 1 }),
  ],
});

export const DescribeClusterResponseSchema = message({
  name: 'DescribeClusterResponse',
  apiKey: 60,
  type: 'response',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
    field('endpointType', 'int8', '1+', { default: 1 }),
    field('clusterId', 'string', '0+'),
    field('controllerId', 'int32', '0+', { default: -1 }),
    field('brokers', array(struct('DescribeClusterBroker', [
      field('brokerId', 'int32', '0+'),
      field('host', 'string', '0+'),
      field('port', 'int32', '0+'),
      field('rack', 'string', '0+', { nullable: '0+', default: null }),
    ])), '0+'),
    field('clusterAuthorizedOperations', 'int32', '0+', { default: -2147483648 }),
  ],
});

export type DescribeClusterRequest = MessageOf<typeof DescribeClusterRequestSchema>;
export type DescribeClusterRequestInput = MessageInput<typeof DescribeClusterRequestSchema>;
export type DescribeClusterResponse = MessageOf<typeof DescribeClusterResponseSchema>;
export type DescribeClusterResponseInput = MessageInput<typeof DescribeClusterResponseSchema>;
