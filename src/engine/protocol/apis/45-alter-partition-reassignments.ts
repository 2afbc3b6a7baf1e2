import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const AlterPartitionReassignmentsRequestSchema = message({
  name: 'AlterPartitionReassignmentsRequest',
  apiKey: 45,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('topics', array(struct('ReassignableTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ReassignablePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('replicas', array('int32'), '0+', { nullable: '0+', default: null }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const AlterPartitionReassignmentsResponseSchema = message({
  name: 'AlterPartitionReassignmentsResponse',
  apiKey: 45,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    field('responses', array(struct('ReassignableTopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ReassignablePartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type AlterPartitionReassignmentsRequest = MessageOf<typeof AlterPartitionReassignmentsRequestSchema>;
export type AlterPartitionReassignmentsRequestInput = MessageInput<typeof AlterPartitionReassignmentsRequestSchema>;
export type AlterPartitionReassignmentsResponse = MessageOf<typeof AlterPartitionReassignmentsResponseSchema>;
export type AlterPartitionReassignmentsResponseInput = MessageInput<typeof AlterPartitionReassignmentsResponseSchema>;
