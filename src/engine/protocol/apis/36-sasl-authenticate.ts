import { field, message, type MessageInput, type MessageOf } from '../schema';

export const SaslAuthenticateRequestSchema = message({
  name: 'SaslAuthenticateRequest',
  apiKey: 36,
  type: 'request',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('authBytes', 'bytes', '0+'),
  ],
});

export const SaslAuthenticateResponseSchema = message({
  name: 'SaslAuthenticateResponse',
  apiKey: 36,
  type: 'response',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('errorCode', 'int16', '0+'),
    field('errorMessage', 'string', '0+', { nullable: '0+' }),
    field('authBytes', 'bytes', '0+'),
    field('sessionLifetimeMs', 'int64', '1+', { default: 0n }),
  ],
});

export type SaslAuthenticateRequest = MessageOf<typeof SaslAuthenticateRequestSchema>;
export type SaslAuthenticateRequestInput = MessageInput<typeof SaslAuthenticateRequestSchema>;
export type SaslAuthenticateResponse = MessageOf<typeof SaslAuthenticateResponseSchema>;
export type SaslAuthenticateResponseInput = MessageInput<typeof SaslAuthenticateResponseSchema>;
