import { field, message, type MessageInput, type MessageOf } from '../schema';

export const HeartbeatRequestSchema = message({
  name: 'HeartbeatRequest',
  apiKey: 12,
  type: 'request',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('groupId', 'string', '0+'),
    field('generationId', 'int32', '0+'),
    field('memberId', 'string', '0+'),
    field('groupInstanceId', 'string', '3+', { nullable: '3+', default: null }),
  ],
});

export const HeartbeatResponseSchema = message({
  name: 'HeartbeatResponse',
  apiKey: 12,
  type: 'response',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0+'),
  ],
});

export type HeartbeatRequest = MessageOf<typeof HeartbeatRequestSchema>;
export type HeartbeatRequestInput = MessageInput<typeof HeartbeatRequestSchema>;
export type HeartbeatResponse = MessageOf<typeof HeartbeatResponseSchema>;
export type HeartbeatResponseInput = MessageInput<typeof HeartbeatResponseSchema>;
