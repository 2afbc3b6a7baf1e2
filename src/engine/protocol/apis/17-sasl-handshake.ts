import { array, field, message, type MessageInput, type MessageOf } from '../schema';

export const SaslHandshakeRequestSchema = message({
  name: 'SaslHandshakeRequest',
  apiKey: 17,
  type: 'request',
  valid: '0-1',
  flexible: 'none',
  fields: [
    field('mechanism', 'string', '0+'),
  ],
});

export const SaslHandshakeResponseSchema = message({
  name: 'SaslHandshakeResponse',
  apiKey: 17,
  type: 'response',
  valid: '0-1',
  flexible: 'none',
  fields: [
    field('errorCode', 'int16', '0+'),
    field('mechanisms', array('string'), '0+'),
  ],
});

export type SaslHandshakeRequest = MessageOf<typeof SaslHandshakeRequestSchema>;
export type SaslHandshakeRequestInput = MessageInput<typeof SaslHandshakeRequestSchema>;
export type SaslHandshakeResponse = MessageOf<typeof SaslHandshakeResponseSchema>;
export type SaslHandshakeResponseInput = MessageInput<typeof SaslHandshakeResponseSchema>;
