import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const TxnOffsetCommitRequestSchema = message({
  name: 'TxnOffsetCommitRequest',
  apiKey: 28,
  type: 'request',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('transactionalId', 'string', '0+'),
    field('groupId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('generationId', 'int32', '3+', { default: -1 }),
    field('memberId', 'string', '3+', { default: '' }),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
    field('topics', array(struct('TxnOffsetCommitRequestTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('TxnOffsetCommitRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('committedOffset', 'int64', '0+'),
        field('committedLeaderEpoch', 'int32', '2+', { default: -1 }),
        field('committedMetadata', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const TxnOffsetCommitResponseSchema = message({
  name: 'TxnOffsetCommitResponse',
  apiKey: 28,
  type: 'response',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('TxnOffsetCommitResponseTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('TxnOffsetCommitResponsePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type TxnOffsetCommitRequest = MessageOf<typeof TxnOffsetCommitRequestSchema>;
export type TxnOffsetCommitRequestInput = MessageInput<typeof TxnOffsetCommitRequestSchema>;
export type TxnOffsetCommitResponse = MessageOf<typeof TxnOffsetCommitResponseSchema>;
export type TxnOffsetCommitResponseInput = MessageInput<typeof TxnOffsetCommitResponseSchema>;
