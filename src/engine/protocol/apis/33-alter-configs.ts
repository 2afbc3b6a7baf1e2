import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const AlterConfigsRequestSchema = message({
  name: 'AlterConfigsRequest',
  apiKey: 33,
  type: 'request',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('resources', array(struct('AlterConfigsResource', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('configs', array(struct('AlterableConfig', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
    field('validateOnly', 'bool', '0+'),
  ],
});

export const AlterConfigsResponseSchema = message({
  name: 'AlterConfigsResponse',
  apiKey: 33,
  type: 'response',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('responses', array(struct('AlterConfigsResourceResponse', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
    ])), '0+'),
  ],
});

export type AlterConfigsRequest = MessageOf<typeof AlterConfigsRequestSchema>;
export type AlterConfigsRequestInput = MessageInput<typeof AlterConfigsRequestSchema>;
export type AlterConfigsResponse = MessageOf<typeof AlterConfigsResponseSchema>;
export type AlterConfigsResponseInput = MessageInput<typeof AlterConfigsResponseSchema>;
