import { array, field, message, struct, type MessageInput, type MessageOf } from '../schema';

/** The key of a __transaction_state record (TransactionLogKey, version 0). */
export const TransactionLogKeySchema = message({
  name: 'TransactionLogKey',
  type: 'data',
  valid: '0',
  flexible: 'none',
  fields: [field('transactionalId', 'string', '0')],
});

/** The value: the transaction's metadata after a state change (TransactionLogValue, v0-1, flexible from 1). */
export const TransactionLogValueSchema = message({
  name: 'TransactionLogValue',
  type: 'data',
  valid: '0-1',
  flexible: '1+',
  fields: [
    field('producerId', 'int64', '0+'),
    field('producerEpoch', 'int16', '0+'),
    field('transactionTimeoutMs', 'int32', '0+'),
    field('transactionStatus', 'int8', '0+'),
    field('transactionPartitions', array(struct('PartitionsSchema', [
      field('topic', 'string', '0+'),
      field('partitionIds', array('int32'), '0+'),
    ])), '0+', { nullable: '0+' }),
    field('transactionLastUpdateTimestampMs', 'int64', '0+'),
    field('transactionStartTimestampMs', 'int64', '0+'),
  ],
});

export type TransactionLogValue = MessageOf<typeof TransactionLogValueSchema>;
export type TransactionLogValueInput = MessageInput<typeof TransactionLogValueSchema>;
