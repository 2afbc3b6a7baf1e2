import { field, message, type MessageInput, type MessageOf } from '../schema';

export const UnregisterBrokerRequestSchema = message({
  name: 'UnregisterBrokerRequest',
  apiKey: 64,
  type: 'request',
  valid: '0',
  flexible: '0+',
  fields: [
    field('brokerId', 'int32', '0+'),
  ],
});

export const UnregisterBrokerResponseSchema = message({
  name: 'UnregisterBrokerResponse',
  apiKey: 64,
  type: 'response',
  valid: '0',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
  ],
});

export type UnregisterBrokerRequest = MessageOf<typeof UnregisterBrokerRequestSchema>;
export type UnregisterBrokerRequestInput = MessageInput<typeof UnregisterBrokerRequestSchema>;
export type UnregisterBrokerResponse = MessageOf<typeof UnregisterBrokerResponseSchema>;
export type UnregisterBrokerResponseInput = MessageInput<typeof UnregisterBrokerResponseSchema>;
