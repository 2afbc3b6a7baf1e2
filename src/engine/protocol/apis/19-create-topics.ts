import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const CreateTopicsRequestSchema = message({
  name: 'CreateTopicsRequest',
  apiKey: 19,
  type: 'request',
  valid: '0-7',
  flexible: '5+',
  fields: [
    field('topics', array(struct('CreatableTopic', [
      field('name', 'string', '0+'),
      field('numPartitions', 'int32', '0+'),
      field('replicationFactor', 'int16', '0+'),
      field('assignments', array(struct('CreatableReplicaAssignment', [
        field('partitionIndex', 'int32', '0+'),
        field('brokerIds', array('int32'), '0+'),
      ])), '0+'),
      field('configs', array(struct('CreatableTopicConfig', [
        field('name', 'string', '0+'),
        field('value', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
    field('validateOnly', 'bool', '1+', { default: false }),
  ],
});

export const CreateTopicsResponseSchema = message({
  name: 'CreateTopicsResponse',
  apiKey: 19,
  type: 'response',
  valid: '0-7',
  flexible: '5+',
  fields: [
    field('throttleTimeMs', 'int32', '2+'),
    field('topics', array(struct('CreatableTopicResult', [
      field('name', 'string', '0+'),
      field('topicId', 'uuid', '7+'),
      field('errorCode', 'int16', '0+'),
      field('errorMessage', 'string', '1+', { nullable: '0+' }),
      field('topicConfigErrorCode', 'int16', '5+', { tag: 0, tagged: '5+' }),
      field('numPartitions', 'int32', '5+', { default: -1 }),
      field('replicationFactor', 'int16', '5+', { default: -1 }),
      field('configs', array(struct('CreatableTopicConfigs', [
        field('name', 'string', '5+'),
        field('value', 'string', '5+', { nullable: '5+' }),
        field('readOnly', 'bool', '5+'),
        field('configSource', 'int8', '5+', { default: -1 }),
        field('isSensitive', 'bool', '5+'),
      ])), '5+', { nullable: '5+' }),
    ])), '0+'),
  ],
});

export type CreateTopicsRequest = MessageOf<typeof CreateTopicsRequestSchema>;
export type CreateTopicsRequestInput = MessageInput<typeof CreateTopicsRequestSchema>;
export type CreateTopicsResponse = MessageOf<typeof CreateTopicsResponseSchema>;
export type CreateTopicsResponseInput = MessageInput<typeof CreateTopicsResponseSchema>;
