import { ErrorCode } from '../protocol/errors';
import type { GroupRecord } from './group-records-codec';

/**
 * Where the coordinator stores its records: the broker appends them to its __consumer_offsets
 * partition (acks=all) and resolves once the high watermark passed them, or rejects with a
 * GroupAppendError carrying the append's Kafka error (NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER…).
 * Records of one call belong together (one batch). Calls complete in the order they were made.
 */
export interface GroupPersistence {
  /** With `producer`, the records form a transactional batch of that producer (TxnOffsetCommit). */
  append(records: readonly GroupRecord[], producer?: TxnProducer): Promise<void>;
}

/** The transactional producer a batch of offset commits belongs to. */
export interface TxnProducer {
  producerId: bigint;
  producerEpoch: number;
}

export class GroupAppendError extends Error {
  constructor(
    readonly errorCode: number,
    message = `append to __consumer_offsets failed with error ${errorCode}`,
  ) {
    super(message);
    this.name = 'GroupAppendError';
  }
}

/**
 * What a client is told when storing group records failed, as Kafka maps it: errors of the
 * internal topic become "find your coordinator again" errors rather than leaking partition details.
 */
export function appendErrorToResponseError(err: unknown): number {
  const code = err instanceof GroupAppendError ? err.errorCode : ErrorCode.UNKNOWN_SERVER_ERROR;
  switch (code) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default:
      return code;
  }
}

/**
 * Keeps appended records in a list: the log of a partition without the partition. Used by tests
 * and by anything that wants a coordinator without a broker; `failNextAppend` simulates a failed
 * append (nothing is stored).
 */
export class InMemoryGroupPersistence implements GroupPersistence {
  readonly records: GroupRecord[] = [];
  private failures: number[] = [];

  append(records: readonly GroupRecord[]): Promise<void> {
    const failure = this.failures.shift();
    if (failure !== undefined) return Promise.reject(new GroupAppendError(failure));
    this.records.push(...records);
    return Promise.resolve();
  }

  failNextAppend(errorCode: number): void {
    this.failures.push(errorCode);
  }
}
