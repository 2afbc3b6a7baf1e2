import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const OffsetDeleteRequestSchema = message({
  name: 'OffsetDeleteRequest',
  apiKey: 47,
  type: 'request',
  valid: '0',
  flexible: 'none',
  fields: [
    field('groupId', 'string', '0+'),
    field('topics', array(struct('OffsetDeleteRequestTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetDeleteRequestPartition', [
        field('partitionIndex', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const OffsetDeleteResponseSchema = message({
  name: 'OffsetDeleteResponse',
  apiKey: 47,
  type: 'response',
  valid: '0',
  flexible: 'none',
  fields: [
    field('errorCode', 'int16', '0+'),
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('OffsetDeleteResponseTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('OffsetDeleteResponsePartition', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type OffsetDeleteRequest = MessageOf<typeof OffsetDeleteRequestSchema>;
export type OffsetDeleteRequestInput = MessageInput<typeof OffsetDeleteRequestSchema>;
export type OffsetDeleteResponse = MessageOf<typeof OffsetDeleteResponseSchema>;
export type OffsetDeleteResponseInput = MessageInput<typeof OffsetDeleteResponseSchema>;
