import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

export const AlterPartitionRequestSchema = message({
  name: 'AlterPartitionRequest',
  apiKey: 56,
  type: 'request',
  valid: '0-3',
  flexible: '0+',
  fields: [
    field('brokerId', 'int32', '0+'),
    field('brokerEpoch', 'int64', '0+', { default: -1n }),
    field('topics', array(struct('TopicData', [
      field('topicName', 'string', '0-1'),
      field('topicId', 'uuid', '2+'),
      field('partitions', array(struct('PartitionData', [
        field('partitionIndex', 'int32', '0+'),
        field('leaderEpoch', 'int32', '0+'),
        field('newIsr', array('int32'), '0-2'),
        field('newIsrWithEpochs', array(struct('BrokerState', [
          field('brokerId', 'int32', '3+'),
          field('brokerEpoch', 'int64', '3+', { default: -1n }),
        ])), '3+'),
        field('leaderRecoveryState', 'int8', '1+', { default: 0 }),
        field('partitionEpoch', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export const AlterPartitionResponseSchema = message({
  name: 'AlterPartitionResponse',
  apiKey: 56,
  type: 'response',
  valid: '0-3',
  flexible: '0+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '0+'),
    field('topics', array(struct('TopicData', [
      field('topicName', 'string', '0-1'),
      field('topicId', 'uuid', '2+'),
      field('partitions', array(struct('PartitionData', [
        field('partitionIndex', 'int32', '0+'),
        field('errorCode', 'int16', '0+'),
        field('leaderId', 'int32', '0+'),
        field('leaderEpoch', 'int32', '0+'),
        field('isr', array('int32'), '0+'),
        field('leaderRecoveryState', 'int8', '1+', { default: 0 }),
        field('partitionEpoch', 'int32', '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type AlterPartitionRequest = MessageOf<typeof AlterPartitionRequestSchema>;
export type AlterPartitionRequestInput = MessageInput<typeof AlterPartitionRequestSchema>;
export type AlterPartitionResponse = MessageOf<typeof AlterPartitionResponseSchema>;
export type AlterPartitionResponseInput = MessageInput<typeof AlterPartitionResponseSchema>;
