import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const ElectLeadersRequestSchema = message({
  name: 'ElectLeadersRequest',
  apiKey: 43,
  type: 'request',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('electionType', 'int8', '1+'),
    field('topicPartitions', array(struct('TopicPartitions', [
      field('topic', 'string', '0+'),
      field('partitions', array('int32'), '0+'),
    ])), '0+', { nullable: '0+' }),
    field('timeoutMs', 'int32', '0+', { default: 60000 }),
  ],
});

export const ElectLeadersResponseSchema = message({
  name: 'ElectLeadersResponse',
  apiKey: 43,
  type: 'response',
  valid: '0-2',
  flexible: '2+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '1+'),
    field('replicaElectionResults', array(struct('ReplicaElectionResult', [
      field('topic', 'string', '0+'),
      field('partitionResult', array(struct('PartitionResult', [
        field('partitionId', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('errorMessage', 'string', '0+', { nullable: '0+' }),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type ElectLeadersRequest = MessageOf<typeof ElectLeadersRequestSchema>;
export type ElectLeadersRequestInput = MessageInput<typeof ElectLeadersRequestSchema>;
export type ElectLeadersResponse = MessageOf<typeof ElectLeadersResponseSchema>;
export type ElectLeadersResponseInput = MessageInput<typeof ElectLeadersResponseSchema>;
