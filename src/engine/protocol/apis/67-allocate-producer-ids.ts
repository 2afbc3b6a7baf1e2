import { field, message, type MessageInput, type MessageOf } from '../schema';

export const AllocateProducerIdsRequestSchema = message({
  name: 'AllocateProducerIdsRequest',
  apiKey: 67,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [
    field('brokerId', 'int32', '0+'),
    field('brokerEpoch', 'int64', '0+', { default: -1n }),
  ],
});

export const AllocateProducerIdsResponseSchema = message({
  name: 'AllocateProducerIdsResponse',
  apiKey: 67,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('producerIdStart', 'int64', '0+'),
    field('producerIdLen', 'int32', '0+'),
  ],
});

export type AllocateProducerIdsRequest = MessageOf<typeof AllocateProducerIdsRequestSchema>;
export type AllocateProducerIdsRequestInput = MessageInput<typeof AllocateProducerIdsRequestSchema>;
export type AllocateProducerIdsResponse = MessageOf<typeof AllocateProducerIdsResponseSchema>;
export type AllocateProducerIdsResponseInput = MessageInput<typeof AllocateProducerIdsResponseSchema>;
