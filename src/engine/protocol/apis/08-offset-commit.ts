import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const OffsetCommitRequestSchema = message({
  name: 'OffsetCommitRequest',
  apiKey: 8,
  type: 'request',
  valid: '0-9',
  flexible: '8+',
  fields: [
    field('groupId', 'string', '0+'),
    field('generationIdOrMemberEpoch', 'int32', '1+', { default: -1 }),
    field('memberId', 'string', '1+'),
    field('groupInstanceId', 'string', '7+', { nullable: '7+', default: null }),
    field('retentionTimeMs', 'int64', '2-4', { default: -1n }),
    field('topics', array(struct('OffsetCommitRequestTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetCommitRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '6+', { default: -1 }),
        field('commitTimestamp', 'int64', '1', { default: -1n }),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const OffsetCommitResponseSchema = message({
  name: 'OffsetCommitResponse',
  apiKey: 8,
  type: 'response',
  valid: '0-9',
  flexible: '8+',
  fields: [
    field('throttleTimeMs', 'int32', '3+'),
    field('topics', array(struct('OffsetCommitResponseTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetCommitResponsePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type OffsetCommitRequest = MessageOf<typeof OffsetCommitRequestSchema>;
export type OffsetCommitRequestInput = MessageInput<typeof OffsetCommitRequestSchema>;
export type OffsetCommitResponse = MessageOf<typeof OffsetCommitResponseSchema>;
export type OffsetCommitResponseInput = MessageInput<typeof OffsetCommitResponseSchema>;
