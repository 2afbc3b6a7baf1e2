import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DeleteTopicsRequestSchema = message({
  name: 'DeleteTopicsRequest',
  apiKey: 20,
  type: 'request',
  valid: '0-6',
  flexible: '4+',
  fields: [
    field('topics', array(struct('DeleteTopicState', [
      field('name', 'string', '6+', { nullable: '6+', default: null }),
      field('topicId', 'uuid', '6+'),
    ])), '6+'),
    field('topicNames', array('string'), '0-5'),
    field('timeoutMs', 'int32', '0+'),
  ],
});

export const DeleteTopicsResponseSchema = message({
  name: 'DeleteTopicsResponse',
  apiKey: 20,
  type: 'response',
  valid: '0-6',
  flexible: '4+',
  fields: [
    field('throttleTimeMs', 'int32', '1+'),
    field('responses', array(struct('DeletableTopicResult', [
      field('name', 'string', '0+', { nullable: '6+' }),
      field('topicId', 'uuid', '6+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '5+', { nullable: '5+', default: null }),
    ])), '0+'),
  ],
});

export type DeleteTopicsRequest = MessageOf<typeof DeleteTopicsRequestSchema>;
export type DeleteTopicsRequestInput = MessageInput<typeof DeleteTopicsRequestSchema>;
export type DeleteTopicsResponse = MessageOf<typeof DeleteTopicsResponseSchema>;
export type DeleteTopicsResponseInput = MessageInput<typeof DeleteTopicsResponseSchema>;
