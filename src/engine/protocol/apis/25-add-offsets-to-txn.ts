import { field, message, type MessageInput, type MessageOf } from '../schema';

export const AddOffsetsToTxnRequestSchema = message({
  name: 'AddOffsetsToTxnRequest',
  apiKey: 25,
  type: 'request',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('transactionalId', 'string', '0+'),
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('groupId', 'string', '0+'),
  ],
});

export const AddOffsetsToTxnResponseSchema = message({
  name: 'AddOffsetsToTxnResponse',
  apiKey: 25,
  type: 'response',
  valid: '0-4',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
  ],
});

export type AddOffsetsToTxnRequest = MessageOf<typeof AddOffsetsToTxnRequestSchema>;
export type AddOffsetsToTxnRequestInput = MessageInput<typeof AddOffsetsToTxnRequestSchema>;
export type AddOffsetsToTxnResponse = MessageOf<typeof AddOffsetsToTxnResponseSchema>;
export type AddOffsetsToTxnResponseInput = MessageInput<typeof AddOffsetsToTxnResponseSchema>;
