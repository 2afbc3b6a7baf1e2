import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DeleteRecordsRequestSchema = message({
  name: 'DeleteRecordsRequest',
  apiKey: 21,
  type: 'request',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('topics', array(struct('DeleteRecordsTopic', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('DeleteRecordsPartition', [
        field('partitionIndex', 'int32', '0+'),
        field('offset', 'int64', '0+'),
      ])), '0+'),
    ])), '0+'),
    field('timeoutMs', 'int32', '0+'),
  ],
});

export const DeleteRecordsResponseSchema = message({
  name: 'DeleteRecordsResponse',
  apiKey: 21,
  type: 'response',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('DeleteRecordsTopicResult', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('DeleteRecordsPartitionResult', [
        field('partitionIndex', 'int32', '0+'),
        field('lowWatermark', 'int64', '0+'),
        field('errorCode', 'int16', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type DeleteRecordsRequest = MessageOf<typeof DeleteRecordsRequestSchema>;
export type DeleteRecordsRequestInput = MessageInput<typeof DeleteRecordsRequestSchema>;
export type DeleteRecordsResponse = MessageOf<typeof DeleteRecordsResponseSchema>;
export type DeleteRecordsResponseInput = MessageInput<typeof DeleteRecordsResponseSchema>;
