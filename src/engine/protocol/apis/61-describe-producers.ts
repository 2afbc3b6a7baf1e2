import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeProducersRequestSchema = message({
  name: 'DescribeProducersRequest',
  apiKey: 61,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [
    field('topics', array(struct('TopicRequest', [
      field('name', 'string', '0+'),
      field('partitionIndexes', array('int32'), '0+'),
    ])), '0+'),
  ],
});

export const DescribeProducersResponseSchema = message({
  name: 'DescribeProducersResponse',
  apiKey: 61,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('topics', array(struct('TopicResponse', [
      field('name', 'string', '0+'),
      field('partitions', array(struct('PartitionResponse', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+', default: null }),
        field('activeProducers', array(struct('ProducerState', [
          field('producerId', 'int64', '0+'),
          field('producerEpoch', 'int32', '0+'),
          field('lastSequence', 'int32', '0+', { default: -1 }),
          field('lastTimestamp', 'int64', '0+', { default: -1n }),
          field('coordinatorEpoch', 'int32', '0+'),
          field('currentTxnStartOffset', 'int64', '0+', { default: -1n }),
        ])), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type DescribeProducersRequest = MessageOf<typeof DescribeProducersRequestSchema>;
export type DescribeProducersRequestInput = MessageInput<typeof DescribeProducersRequestSchema>;
export type DescribeProducersResponse = MessageOf<typeof DescribeProducersResponseSchema>;
export type DescribeProducersResponseInput = MessageInput<typeof DescribeProducersResponseSchema>;
