/**
 * The Kafka error names a record batch can be refused with. A subset of Kafka's `Errors` names, so a
 * value of this type is also a valid name for the protocol's full error table.
 */
export type BatchErrorName =
  | 'CORRUPT_MESSAGE'
  | 'INVALID_RECORD'
  | 'UNSUPPORTED_COMPRESSION_TYPE'
  | 'INVALID_TIMESTAMP'
  | 'MESSAGE_TOO_LARGE'
  | 'RECORD_LIST_TOO_LARGE';

/** A batch that cannot be decoded, with the Kafka error a broker would answer for it. */
export class RecordBatchError extends Error {
  override readonly name = 'RecordBatchError';
  constructor(
    readonly error: BatchErrorName,
    message: string,
  ) {
    super(message);
  }
}
