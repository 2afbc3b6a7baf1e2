/**
 * Errors the storage layer throws. Each names the Kafka error a broker handler should answer with,
 * so handlers map them without knowing storage internals.
 */
export type KafkaStorageErrorName =
  | 'OFFSET_OUT_OF_RANGE'
  | 'CORRUPT_MESSAGE'
  | 'KAFKA_STORAGE_ERROR'
  | 'RECORD_LIST_TOO_LARGE'
  | 'INCONSISTENT_TOPIC_ID'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'INVALID_TXN_STATE'
  | 'UNKNOWN_SERVER_ERROR';

export class StorageError extends Error {
  constructor(
    readonly kafkaError: KafkaStorageErrorName,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class OffsetOutOfRangeError extends StorageError {
  constructor(message: string) {
    super('OFFSET_OUT_OF_RANGE', message);
  }
}

export class CorruptRecordError extends StorageError {
  constructor(message: string) {
    super('CORRUPT_MESSAGE', message);
  }
}

export class RecordBatchTooLargeError extends StorageError {
  constructor(message: string) {
    super('RECORD_LIST_TOO_LARGE', message);
  }
}

export class InconsistentTopicIdError extends StorageError {
  constructor(message: string) {
    super('INCONSISTENT_TOPIC_ID', message);
  }
}

/** A follower append whose offsets are not above the log end (Kafka's UnexpectedAppendOffsetException). */
export class UnexpectedAppendOffsetError extends StorageError {
  constructor(
    message: string,
    readonly firstOffset: number,
    readonly lastOffset: number,
  ) {
    super('UNKNOWN_SERVER_ERROR', message);
  }
}

/** An I/O failure: the partition (or the whole folder) is offline, as Kafka's KAFKA_STORAGE_ERROR. */
export class KafkaStorageError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KAFKA_STORAGE_ERROR', message);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** An index file that fails its sanity check; the segment's indexes are then rebuilt from the log. */
export class CorruptIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptIndexError';
  }
}

/** A checkpoint or properties file that does not parse. */
export class CorruptCheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptCheckpointError';
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
