import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeTransactionsRequestSchema = message({
  name: 'DescribeTransactionsRequest',
  apiKey: 65,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [field('transactionalIds', array('string'), '0+')],
});

export const DescribeTransactionsResponseSchema = message({
  name: 'DescribeTransactionsResponse',
  apiKey: 65,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('transactionStates', array(struct('TransactionState', [
      field('errorCode', 'int16', '0+'),
      field('transactionalId', 'string', '0+'),
      field('transactionState', 'string', '0+'),
      field('transactionTimeoutMs', 'int32', '0+'),
      field('transactionStartTimeMs', 'int64', '0+'),
      field('producerId', 'int64', '0+'),
      field('producerEpoch', 'int16', '0+'),
      field('topics', array(struct('TopicData', [
        field('topic', 'string', '0+'),
        field('partitions', array('int32'), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type DescribeTransactionsRequest = MessageOf<typeof DescribeTransactionsRequestSchema>;
export type DescribeTransactionsRequestInput = MessageInput<typeof DescribeTransactionsRequestSchema>;
export type DescribeTransactionsResponse = MessageOf<typeof DescribeTransactionsResponseSchema>;
export type DescribeTransactionsResponseInput = MessageInput<typeof DescribeTransactionsResponseSchema>;
