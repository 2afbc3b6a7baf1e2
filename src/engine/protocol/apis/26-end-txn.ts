import { field, message, type MessageInput, type MessageOf } from '../schema';

export const EndTxnRequestSchema = message({
  name: 'EndTxnRequest',
  apiKey: 26,
  type: 'request',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('committed', 'bool', '0+'),
  ],
});

export const EndTxnResponseSchema = message({
  name: 'EndTxnResponse',
  apiKey: 26,
  type: 'response',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ],
});

export type EndTxnRequest = MessageOf<typeof EndTxnRequestSchema>;
export type EndTxnRequestInput = MessageInput<typeof EndTxnRequestSchema>;
export type EndTxnResponse = MessageOf<typeof EndTxnResponseSchema>;
export type EndTxnResponseInput = MessageInput<typeof EndTxnResponseSchema>;
