import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ListPartitionReassignmentsRequestSchema = message({
  name: 'ListPartitionReassignmentsRequest',
  apiKey: 46,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('topics', array(struct('ListPartitionReassignmentsTopics', [
      field('name', 'string', '0+'),
      field('partitionIndexes', array('int32'), '0+'),
    ])), '0+', { nullable: '0+', default: null }),
  ],
});

export const ListPartitionReassignmentsResponseSchema = message({
  name: 'ListPartitionReassignmentsResponse',
  apiKey: 46,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    field('topics', array(struct('OngoingTopicReassignment', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OngoingPartitionReassignment', [
        field('partitionIndex', 'int32', '0+'),
        field('replicas', array('int32'), '0+'),
        field('addingReplicas', array('int32'), '0+'),
        field('removingReplicas', array('int32'), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type ListPartitionReassignmentsRequest = MessageOf<typeof ListPartitionReassignmentsRequestSchema>;
export type ListPartitionReassignmentsRequestInput = MessageInput<typeof ListPartitionReassignmentsRequestSchema>;
export type ListPartitionReassignmentsResponse = MessageOf<typeof ListPartitionReassignmentsResponseSchema>;
export type ListPartitionReassignmentsResponseInput = MessageInput<typeof ListPartitionReassignmentsResponseSchema>;
