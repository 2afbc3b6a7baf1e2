import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

const AddPartitionsToTxnTopic = struct('AddPartitionsToTxnTopic', [
  field('name', 'string', '0+'),
  field('partitions', array('int32'), '0+'),
]);

const AddPartitionsToTxnTopicResult = struct('AddPartitionsToTxnTopicResult', [
  field('name', 'string', '0+'),
  field('resultsByPartition', array(struct('AddPartitionsToTxnPartitionResult', [
    field('partitionIndex', 'int32', '0+'),
    field('partitionErrorCode', 'int16', '0+'),
  ])), '0+'),
]);

/** v4+ (KIP-890) batches transactions and adds the brokers' verify-only form; v0-3 name one transaction. */
export const AddPartitionsToTxnRequestSchema = message({
  name: 'AddPartitionsToTxnRequest',
  apiKey: 24,
  type: 'request',
  valid: '0-5',
  flexible: '3+',
  fields: [
    field('transactions', array(struct('AddPartitionsToTxnTransaction', [
      field('transactionalId', 'string', '4+'),
      field('producerId', 'int64', '4+'),
      field('producerEpoch', 'int16', '4+'),
      field('verifyOnly', 'bool', '4+', { default: false }),
      field('topics', array(AddPartitionsToTxnTopic), '4+'),
    ])), '4+'),
    field('v3AndBelowTransactionalId', 'string', '0-3'),
    field('v3AndBelowProducerId', 'int64', '0-3'),
    field('v3AndBelowProducerEpoch', 'int16', '0-3'),
    field('v3AndBelowTopics', array(AddPartitionsToTxnTopic), '0-3'),
  ],
});

export const AddPartitionsToTxnResponseSchema = message({
  name: 'AddPartitionsToTxnResponse',
  apiKey: 24,
  type: 'response',
  valid: '0-5',
  flexible: '3+',
  fields: [
    field('throttleTimeMs', 'int32', '0+'),
    field('errorCode', 'int16', '4+'),
    field('resultsByTransaction', array(struct('AddPartitionsToTxnResult', [
      field('transactionalId', 'string', '4+'),
      field('topicResults', array(AddPartitionsToTxnTopicResult), '4+'),
    ])), '4+'),
    field('resultsByTopicV3AndBelow', array(AddPartitionsToTxnTopicResult), '0-3'),
  ],
});

export type AddPartitionsToTxnRequest = MessageOf<typeof AddPartitionsToTxnRequestSchema>;
export type AddPartitionsToTxnRequestInput = MessageInput<typeof AddPartitionsToTxnRequestSchema>;
export type AddPartitionsToTxnResponse = MessageOf<typeof AddPartitionsToTxnResponseSchema>;
export type AddPartitionsToTxnResponseInput = MessageInput<typeof AddPartitionsToTxnResponseSchema>;
