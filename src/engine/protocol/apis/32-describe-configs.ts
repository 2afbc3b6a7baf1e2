import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const DescribeConfigsRequestSchema = message({
  name: 'DescribeConfigsRequest',
  apiKey: 32,
  type: 'request',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('resources', array(struct('DescribeConfigsResource', [
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('configurationKeys', array('string'), '0+', { nullable: '0+' }),
    ])), '0+'),
    field('includeSynonyms', 'bool', '1+', { default: false }),
    field('includeDocumentation', 'bool', '3+', { default: false }),
  ],
});

export const DescribeConfigsResponseSchema = message({
  name: 'DescribeConfigsResponse',
  apiKey: 32,
  type: 'response',
  valid: '0-4',
  flexible: '4+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('results', array(struct('DescribeConfigsResult', [
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '0+', { nullable: '0+' }),
      field('resourceType', 'int8', '0+'),
      field('resourceName', 'string', '0+'),
      field('configs', array(struct('DescribeConfigsResourceResult', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
        field('readOnly', 'bool', '0+'),
        field('isDefault', 'bool', '0'),
        field('configSource', 'int8', '1+', { default: -1 }),
        field('isSensitive', 'bool', '0+'),
        field('synonyms', array(struct('DescribeConfigsSynonym', [
          field('name', 'string', '1+'),
          field('value', 'string', '1+', { nullable: '0+' }),
          field('source', 'int8', '1+'),
        ])), '1+'),
        field('configType', 'int8', '3+', { default: 0 }),
        field('documentation', 'string', '3+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type DescribeConfigsRequest = MessageOf<typeof DescribeConfigsRequestSchema>;
export type DescribeConfigsRequestInput = MessageInput<typeof DescribeConfigsRequestSchema>;
export type DescribeConfigsResponse = MessageOf<typeof DescribeConfigsResponseSchema>;
export type DescribeConfigsResponseInput = MessageInput<typeof DescribeConfigsResponseSchema>;
