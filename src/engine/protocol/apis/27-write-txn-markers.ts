import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

/** Sent by a transaction coordinator to partition leaders: append COMMIT or ABORT markers. */
export const WriteTxnMarkersRequestSchema = message({
  name: 'WriteTxnMarkersRequest',
  apiKey: 27,
  type: 'request',
  valid: '0-1',
  flexible: '1+',
  fields: [
    field('markers', array(struct('WritableTxnMarker', [
      field('producerId', 'int64', '0+'),
      field('producerEpoch', 'int16', '0+'),
      field('transactionResult', 'bool', '0+'),
      field('topics', array(struct('WritableTxnMarkerTopic', [
        field('name', 'string', '0+'),
        field('partitionIndexes', array('int32'), '0+'),
      ])), '0+'),
      field('coordinatorEpoch', 'int32', '0+'),
    ])), '0+'),
  ],
});

export const WriteTxnMarkersResponseSchema = message({
  name: 'WriteTxnMarkersResponse',
  apiKey: 27,
  type: 'response',
  valid: '0-1',
  flexible: '1+',
  fields: [
    field('markers', array(struct('WritableTxnMarkerResult', [
      field('producerId', 'int64', '0+'),
      field('topics', array(struct('WritableTxnMarkerTopicResult', [
        field('name', 'string', '0+'),
        field('partitions', array(struct('WritableTxnMarkerPartitionResult', [
          field('partitionIndex', 'int32', '0+'),
          field('errorCode', 'int16', '0+'),
        ])), '0+'),
      ])), '0+'),
    ])), '0+'),
  ],
});

export type WriteTxnMarkersRequest = MessageOf<typeof WriteTxnMarkersRequestSchema>;
export type WriteTxnMarkersRequestInput = MessageInput<typeof WriteTxnMarkersRequestSchema>;
export type WriteTxnMarkersResponse = MessageOf<typeof WriteTxnMarkersResponseSchema>;
export type WriteTxnMarkersResponseInput = MessageInput<typeof WriteTxnMarkersResponseSchema>;
