import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ConsumerProtocolSubscriptionSchema = message({
  name: 'ConsumerProtocolSubscription',
  type: 'data',
  valid: '0-3',
  flexible: 'none',
  fields: [
    field('topics', array('string'), '0+'),
    field('userData', 'bytes', '0+', { nullable: '0+', default: null }),
    field('ownedPartitions', array(struct('TopicPartition', [
      field('topic', 'string', '1+'),
      field('partitions', array('int32'), '1+'),
    ])), '1+'),
    field('generationId', 'int32', '2+', { default: -1 }),
    field('rackId', 'string', '3+', { nullable: '3+', default: null }),
  ],
});

export const ConsumerProtocolAssignmentSchema = message({
  name: 'ConsumerProtocolAssignment',
  type: 'data',
  valid: '0-3',
  flexible: 'none',
  fields: [
    field('assignedPartitions', array(struct('TopicPartition', [
      field('topic', 'string', '0+'),
      field('partitions', array('int32'), '0+'),
    ])), '0+'),
    field('userData', 'bytes', '0+', { nullable: '0+', default: null }),
  ],
});

export type ConsumerProtocolSubscription = MessageOf<typeof ConsumerProtocolSubscriptionSchema>;
export type ConsumerProtocolSubscriptionInput = MessageInput<typeof ConsumerProtocolSubscriptionSchema>;
export type ConsumerProtocolAssignment = MessageOf<typeof ConsumerProtocolAssignmentSchema>;
export type ConsumerProtocolAssignmentInput = MessageInput<typeof ConsumerProtocolAssignmentSchema>;
