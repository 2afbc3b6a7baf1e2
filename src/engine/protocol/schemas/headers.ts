import { field, message, type MessageInput, type MessageOf } from '../schema';

export const RequestHeaderSchema = message({
  name: 'RequestHeader',
  type: 'header',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('requestApiKey', 'int16', '0+'),
    field('requestApiVersion', 'int16', '0+'),
    field('correlationId', 'int32', '0+'),
    field('clientId', 'string', '1+', { nullable: '1+', flexible: 'none' }),
  ],
});

export const ResponseHeaderSchema = message({
  name: 'ResponseHeader',
  type: 'header',
  valid: '0-1',
  flexible: '1+',
  fields: [
    field('correlationId', 'int32', '0+'),
  ],
});

export type RequestHeader = MessageOf<typeof RequestHeaderSchema>;
export type RequestHeaderInput = MessageInput<typeof RequestHeaderSchema>;
export type ResponseHeader = MessageOf<typeof ResponseHeaderSchema>;
export type ResponseHeaderInput = MessageInput<typeof ResponseHeaderSchema>;
