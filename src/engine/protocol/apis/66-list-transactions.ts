import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ListTransactionsRequestSchema = message({
  name: 'ListTransactionsRequest',
  apiKey: 66,
  type: 'request',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('stateFilters', array('string'), '0+'),
    field('producerIdFilters', array('int64'), '0+'),
    field('durationFilter', 'int64', '1+', { default: -1n }),
  ],
});

export const ListTransactionsResponseSchema = message({
  name: 'ListTransactionsResponse',
  apiKey: 66,
  type: 'response',
  valid: '0-1',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('unknownStateFilters', array('string'), '0+'),
    field('transactionStates', array(struct('TransactionState', [
      field('transactionalId', 'string', '0+'),
      field('producerId', 'int64', '0+'),
      field('transactionState', 'string', '0+'),
    ])), '0+'),
  ],
});

export type ListTransactionsRequest = MessageOf<typeof ListTransactionsRequestSchema>;
export type ListTransactionsRequestInput = MessageInput<typeof ListTransactionsRequestSchema>;
export type ListTransactionsResponse = MessageOf<typeof ListTransactionsResponseSchema>;
export type ListTransactionsResponseInput = MessageInput<typeof ListTransactionsResponseSchema>;
