import { ErrorCode } from '../protocol/errors';
import { KafkaProtocolError } from './client-errors';

/**
 * Errors after which the client's metadata is stale: Kafka's InvalidMetadataException family plus
 * NOT_CONTROLLER. A request failing with one of these was not applied, so it is safe to resend.
 */
const METADATA_REFRESH_CODES: ReadonlySet<number> = new Set([
  ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
  ErrorCode.LEADER_NOT_AVAILABLE,
  ErrorCode.NOT_LEADER_OR_FOLLOWER,
  ErrorCode.NOT_CONTROLLER,
  ErrorCode.LISTENER_NOT_FOUND,
  ErrorCode.FENCED_LEADER_EPOCH,
  ErrorCode.UNKNOWN_LEADER_EPOCH,
  ErrorCode.KAFKA_STORAGE_ERROR,
  ErrorCode.UNKNOWN_TOPIC_ID,
  ErrorCode.INCONSISTENT_TOPIC_ID,
]);

export function isMetadataRefreshCode(code: number): boolean {
  return METADATA_REFRESH_CODES.has(code);
}

export function isMetadataRefreshError(err: unknown): boolean {
  return err instanceof KafkaProtocolError && METADATA_REFRESH_CODES.has(err.code);
}

/** Coordinator errors after which the coordinator is looked up again (Kafka's consumer and admin do). */
const COORDINATOR_RETRY_CODES: ReadonlySet<number> = new Set([
  ErrorCode.NOT_COORDINATOR,
  ErrorCode.COORDINATOR_NOT_AVAILABLE,
  ErrorCode.COORDINATOR_LOAD_IN_PROGRESS,
]);

export function isCoordinatorRetryError(err: unknown): boolean {
  return err instanceof KafkaProtocolError && COORDINATOR_RETRY_CODES.has(err.code);
}

/** Exponential backoff capped at 1 s, with ±20 % jitter so retrying clients do not move in step. */
export function backoffMs(attempt: number, baseMs: number): number {
  const ms = Math.min(1_000, baseMs * 2 ** attempt);
  return Math.round(ms * (0.8 + Math.random() * 0.4));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
