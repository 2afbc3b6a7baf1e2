import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const OffsetFetchRequestSchema = message({
  name: 'OffsetFetchRequest',
  apiKey: 9,
  type: 'request',
  valid: '0-9',
  flexible: '6+',
  fields: [
    field('groupId', 'string', '0-7'),
    field('topics', array(struct('OffsetFetchRequestTopic', [
      field('name', 'string', '0-7'),
      field('partitionIndexes', array('int32'), '0-7'),
    ])), '0-7', { nullable: '2-7' }),
    field('groups', array(struct('OffsetFetchRequestGroup', [
      field('groupId', 'string', '8+'),
      field('memberId', 'string', '9+', { nullable: '9+', default: null }),
      field('memberEpoch', 'int32', '9+', { default: -1 }),
      field('topics', array(struct('OffsetFetchRequestTopics', [
        field('name', 'string', '8+'),
        field('partitionIndexes', array('int32'), '8+'),
      ])), '8+', { nullable: '8+' }),
    ])), '8+'),
    field('requireStable', 'bool', '7+', { default: false }),
  ],
});

export const OffsetFetchResponseSchema = message({
  name: 'OffsetFetchResponse',
  apiKey: 9,
  type: 'response',
  valid: '0-9',
  flexible: '6+',
  fields: [
    field('throttleTimeMs', 'int32', '3+'),
    field('topics', array(struct('OffsetFetchResponseTopic', [
      field('name', 'string', '0-7'),
      field('partitions', array(struct('OffsetFetchResponsePartition', [
        field('partitionIndex', 'int32', '0-7'),
        field('committedOffset', 'int64', '0-7'),
        field('committedLeaderEpoch', 'int32', '5-7', { default: -1 }),
        field('metadata', 'string', '0-7', { nullable: '0-7' }),
        field('errorCode', 'int16', '0-7'),
      ])), '0-7'),
    ])), '0-7'),
    field('errorCode', 'int16', '2-7', { default: 0 }),
    field('groups', array(struct('OffsetFetchResponseGroup', [
      field('groupId', 'string', '8+'),
      field('topics', array(struct('OffsetFetchResponseTopics', [
        field('name', 'string', '8+'),
        field('partitions', array(struct('OffsetFetchResponsePartitions', [
          field('partitionIndex', 'int32', '8+'),
          field('committedOffset', 'int64', '8+'),
          field('committedLeaderEpoch', 'int32', '8+', { default: -1 }),
          field('metadata', 'string', '8+', { nullable: '8+' }),
          field('errorCode', 'int16', '8+'),
        ])), '8+'),
      ])), '8+'),
      field('errorCode', 'int16', '8+', { default: 0 }),
    ])), '8+'),
  ],
});

export type OffsetFetchRequest = MessageOf<typeof OffsetFetchRequestSchema>;
export type OffsetFetchRequestInput = MessageInput<typeof OffsetFetchRequestSchema>;
export type OffsetFetchResponse = MessageOf<typeof OffsetFetchResponseSchema>;
export type OffsetFetchResponseInput = MessageInput<typeof OffsetFetchResponseSchema>;
