import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const FindCoordinatorRequestSchema = message({
  name: 'FindCoordinatorRequest',
  apiKey: 10,
  type: 'request',
  valid: '0-6',
  flexible: '3+',
  fields: [
    field('key', 'string', '0-3'),
    field('keyType', 'int8', '1+', { default: 0 }),
    field('coordinatorKeys', array('string'), '4+'),
  ],
});

export const FindCoordinatorResponseSchema = message({
  name: 'FindCoordinatorResponse',
  apiKey: 10,
  type: 'response',
  valid: '0-6',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('errorCode', 'int16', '0-3'),
    field('errorMessage', 'string', '1-3', { nullable: '1-3' }),
    field('nodeId', 'int32', '0-3'),
    field('host', 'string', '0-3'),
    field('port', 'int32', '0-3'),
    field('coordinators', array(struct('Coordinator', [
      field('key', 'string', '4+'),
      field('nodeId', 'int32', '4+'),
      field('host', 'string', '4+'),
      field('port', 'int32', '4+'),
      field('errorCode', 'int16', '4+'),
      field('errorMessage', 'string', '4+', { nullable: '4+' }),
    ])), '4+'),
  ],
});

export type FindCoordinatorRequest = MessageOf<typeof FindCoordinatorRequestSchema>;
export type FindCoordinatorRequestInput = MessageInput<typeof FindCoordinatorRequestSchema>;
export type FindCoordinatorResponse = MessageOf<typeof FindCoordinatorResponseSchema>;
export type FindCoordinatorResponseInput = MessageInput<typeof FindCoordinatorResponseSchema>;
