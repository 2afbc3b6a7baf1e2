import { field, message, type MessageInput, type MessageOf } from '../schema';

export const InitProducerIdRequestSchema = message({
  name: 'InitProducerIdRequest',
  apiKey: 22,
  type: 'request',
  valid: '0-5',
  flexible: '2+',
  fields: [
    field('transactionalId', 'string', '0+', { nullable: '0+' }),
    field('transactionTimeoutMs', 'int32', '0+'),
    field('producerId', 'int64', '3+', { default: -1n }),
    field('producerEpoch', 'int16', '3+', { default: -1 }),
  ],
});

export const InitProducerIdResponseSchema = message({
  name: 'InitProducerIdResponse',
  apiKey: 22,
  type: 'response',
  valid: '0-5',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('producerId', 'int64', '0+', { default: -1n }),
    field('producerEpoch', 'int16', '0+'),
  ],
});

export type InitProducerIdRequest = MessageOf<typeof InitProducerIdRequestSchema>;
export type InitProducerIdRequestInput = MessageInput<typeof InitProducerIdRequestSchema>;
export type InitProducerIdResponse = MessageOf<typeof InitProducerIdResponseSchema>;
export type InitProducerIdResponseInput = MessageInput<typeof InitProducerIdResponseSchema>;
