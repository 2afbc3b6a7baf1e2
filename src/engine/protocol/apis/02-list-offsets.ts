import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ListOffsetsRequestSchema = message({
  name: 'ListOffsetsRequest',
  apiKey: 2,
  type: 'request',
  valid: '0-9',
  flexible: '6+',
  fields: [
    field('replicaId', 'int32', '0+'),
    field('isolationLevel', 'int8', '2+'),
    field('topics', array(struct('ListOffsetsTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ListOffsetsPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('currentLeaderEpoch', 'int32', '4+', { default: -1 }),
        field('timestamp', 'int64', '0+'),
        field('maxNumOffsets', 'int32', '0', { default: 1 }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const ListOffsetsResponseSchema = message({
  name: 'ListOffsetsResponse',
  apiKey: 2,
  type: 'response',
  valid: '0-9',
  flexible: '6+',
  fields: [
    field('throttleTimeMs', 'int32', '2+'),
    field('topics', array(struct('ListOffsetsTopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('ListOffsetsPartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('oldStyleOffsets', array('int64'), '0'),
        field('timestamp', 'int64', '1+', { default: -1n }),
        field('offset', 'int64', '1+', { default: -1n }),
        field('leaderEpoch', 'int32', '4+', { default: -1 }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type ListOffsetsRequest = MessageOf<typeof ListOffsetsRequestSchema>;
export type ListOffsetsRequestInput = MessageInput<typeof ListOffsetsRequestSchema>;
export type ListOffsetsResponse = MessageOf<typeof ListOffsetsResponseSchema>;
export type ListOffsetsResponseInput = MessageInput<typeof ListOffsetsResponseSchema>;
