import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const OffsetForLeaderEpochRequestSchema = message({
  name: 'OffsetForLeaderEpochRequest',
  apiKey: 23,
  type: 'request',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('replicaId', 'int32', '3+', { default: -2 }),
    field('topics', array(struct('OffsetForLeaderTopic', [
      field('topic', 'string', '0+'),
      field('partitions', array(struct('OffsetForLeaderPartition', [
        field('partition', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '2+', { default: -1 }),
        field('leaderEpoch', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const OffsetForLeaderEpochResponseSchema = message({
  name: 'OffsetForLeaderEpochResponse',
  apiKey: 23,
  type: 'response',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('throttleTimeMs', 'int32', '2+'),
    field('topics', array(struct('OffsetForLeaderTopicResult', [
      field('topic', 'string', '0+'),
      field('partitions', array(struct('EpochEndOffset', [
        field('errorCode', 'int16', '0+'),
        field('partition', 'int32', '0+'),
        field('leaderEpoch', 'int32', '1+', { default: -1 }),
        field('endOffset', 'int64', '0+', { default: -1n }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type OffsetForLeaderEpochRequest = MessageOf<typeof OffsetForLeaderEpochRequestSchema>;
export type OffsetForLeaderEpochRequestInput = MessageInput<typeof OffsetForLeaderEpochRequestSchema>;
export type OffsetForLeaderEpochResponse = MessageOf<typeof OffsetForLeaderEpochResponseSchema>;
export type OffsetForLeaderEpochResponseInput = MessageInput<typeof OffsetForLeaderEpochResponseSchema>;
