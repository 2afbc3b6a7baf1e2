// One shape for every failure the UI shows: Kafka's error name (kept as Kafka writes it), the
// message as the cluster sent it, a short explanation of the name in the console's language, and
// what to try.
import { ApiErrorName, ConsoleApiError, type ApiErrorBody } from '../../../shared/console-errors';
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ConsoleApiError) return err.toBody();
  if (typeof err === 'object' && err !== null && 'name' in err && 'message' in err) {
    const { name, message } = err as { name: unknown; message: unknown };
    if (typeof name === 'string' && typeof message === 'string' && /^[A-Z][A-Z0-9_]+$/.test(name)) return { name, message };
  }
  return { name: ApiErrorName.INTERNAL_ERROR, message: err instanceof Error ? err.message : String(err) };
}

interface ErrorText {
  /** What the name means, beside it. */
  meaning: MessageId;
  /** What the user can try. */
  hint: MessageId;
}

const ERRORS: Record<string, ErrorText> = {
  [ApiErrorName.TRANSPORT_ERROR]: { meaning: 'error.TRANSPORT_ERROR.meaning', hint: 'error.TRANSPORT_ERROR.hint' },
  [ApiErrorName.UNAUTHORIZED]: { meaning: 'error.UNAUTHORIZED.meaning', hint: 'error.UNAUTHORIZED.hint' },
  [ApiErrorName.FORBIDDEN]: { meaning: 'error.FORBIDDEN.meaning', hint: 'error.FORBIDDEN.hint' },
  [ApiErrorName.BROKER_UNREACHABLE]: { meaning: 'error.BROKER_UNREACHABLE.meaning', hint: 'error.BROKER_UNREACHABLE.hint' },
  [ApiErrorName.NETWORK_EXCEPTION]: { meaning: 'error.NETWORK_EXCEPTION.meaning', hint: 'error.NETWORK_EXCEPTION.hint' },
  [ApiErrorName.REQUEST_TIMED_OUT]: { meaning: 'error.REQUEST_TIMED_OUT.meaning', hint: 'error.REQUEST_TIMED_OUT.hint' },
  [ApiErrorName.NO_EMBEDDED_CLUSTER]: { meaning: 'error.NO_EMBEDDED_CLUSTER.meaning', hint: 'error.NO_EMBEDDED_CLUSTER.hint' },
  [ApiErrorName.INVALID_REQUEST]: { meaning: 'error.INVALID_REQUEST.meaning', hint: 'error.INVALID_REQUEST.hint' },
  [ApiErrorName.CONFLICT]: { meaning: 'error.CONFLICT.meaning', hint: 'error.CONFLICT.hint' },
  [ApiErrorName.NOT_FOUND]: { meaning: 'error.NOT_FOUND.meaning', hint: 'error.NOT_FOUND.hint' },
  [ApiErrorName.INTERNAL_ERROR]: { meaning: 'error.INTERNAL_ERROR.meaning', hint: 'error.INTERNAL_ERROR.hint' },
  TOPIC_ALREADY_EXISTS: { meaning: 'error.TOPIC_ALREADY_EXISTS.meaning', hint: 'error.TOPIC_ALREADY_EXISTS.hint' },
  INVALID_REPLICATION_FACTOR: { meaning: 'error.INVALID_REPLICATION_FACTOR.meaning', hint: 'error.INVALID_REPLICATION_FACTOR.hint' },
  INVALID_PARTITIONS: { meaning: 'error.INVALID_PARTITIONS.meaning', hint: 'error.INVALID_PARTITIONS.hint' },
  INVALID_TOPIC_EXCEPTION: { meaning: 'error.INVALID_TOPIC_EXCEPTION.meaning', hint: 'error.INVALID_TOPIC_EXCEPTION.hint' },
  UNKNOWN_TOPIC_OR_PARTITION: { meaning: 'error.UNKNOWN_TOPIC_OR_PARTITION.meaning', hint: 'error.UNKNOWN_TOPIC_OR_PARTITION.hint' },
  UNSUPPORTED_VERSION: { meaning: 'error.UNSUPPORTED_VERSION.meaning', hint: 'error.UNSUPPORTED_VERSION.hint' },
  UNKNOWN_TOPIC_ID: { meaning: 'error.UNKNOWN_TOPIC_ID.meaning', hint: 'error.UNKNOWN_TOPIC_ID.hint' },
  NOT_ENOUGH_REPLICAS: { meaning: 'error.NOT_ENOUGH_REPLICAS.meaning', hint: 'error.NOT_ENOUGH_REPLICAS.hint' },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { meaning: 'error.NOT_ENOUGH_REPLICAS_AFTER_APPEND.meaning', hint: 'error.NOT_ENOUGH_REPLICAS_AFTER_APPEND.hint' },
  LEADER_NOT_AVAILABLE: { meaning: 'error.LEADER_NOT_AVAILABLE.meaning', hint: 'error.LEADER_NOT_AVAILABLE.hint' },
  NOT_LEADER_OR_FOLLOWER: { meaning: 'error.NOT_LEADER_OR_FOLLOWER.meaning', hint: 'error.NOT_LEADER_OR_FOLLOWER.hint' },
  NOT_CONTROLLER: { meaning: 'error.NOT_CONTROLLER.meaning', hint: 'error.NOT_CONTROLLER.hint' },
  TOPIC_AUTHORIZATION_FAILED: { meaning: 'error.TOPIC_AUTHORIZATION_FAILED.meaning', hint: 'error.AUTHORIZATION_FAILED.hint' },
  CLUSTER_AUTHORIZATION_FAILED: { meaning: 'error.CLUSTER_AUTHORIZATION_FAILED.meaning', hint: 'error.AUTHORIZATION_FAILED.hint' },
  POLICY_VIOLATION: { meaning: 'error.POLICY_VIOLATION.meaning', hint: 'error.POLICY_VIOLATION.hint' },
  TOPIC_DELETION_DISABLED: { meaning: 'error.TOPIC_DELETION_DISABLED.meaning', hint: 'error.TOPIC_DELETION_DISABLED.hint' },
  [ApiErrorName.PAYLOAD_TOO_LARGE]: { meaning: 'error.PAYLOAD_TOO_LARGE.meaning', hint: 'error.PAYLOAD_TOO_LARGE.hint' },
  INVALID_CONFIG: { meaning: 'error.INVALID_CONFIG.meaning', hint: 'error.INVALID_CONFIG.hint' },
  MESSAGE_TOO_LARGE: { meaning: 'error.MESSAGE_TOO_LARGE.meaning', hint: 'error.MESSAGE_TOO_LARGE.hint' },
  INVALID_PAYLOAD: { meaning: 'error.INVALID_PAYLOAD.meaning', hint: 'error.INVALID_PAYLOAD.hint' },
  INVALID_SCHEMA_FILE: { meaning: 'error.INVALID_SCHEMA_FILE.meaning', hint: 'error.INVALID_SCHEMA_FILE.hint' },
  KAFKA_STORAGE_ERROR: { meaning: 'error.KAFKA_STORAGE_ERROR.meaning', hint: 'error.KAFKA_STORAGE_ERROR.hint' },
  NON_EMPTY_GROUP: { meaning: 'error.NON_EMPTY_GROUP.meaning', hint: 'error.NON_EMPTY_GROUP.hint' },
  PLAN_CHANGED: { meaning: 'error.PLAN_CHANGED.meaning', hint: 'error.PLAN_CHANGED.hint' },
};

/** The error names the console explains; others show their name and message with a generic hint. */
export const EXPLAINED_ERRORS: readonly string[] = Object.keys(ERRORS);

/** What the user can try for an error; a generic suggestion for names without a specific one. */
export function errorHint(name: string, fmt: Fmt): string {
  return fmt.t(ERRORS[name]?.hint ?? 'error.generic.hint');
}

/** What an error name means, in the console's language; a generic line for names it does not know. */
export function errorMeaning(name: string, fmt: Fmt): string {
  return fmt.t(ERRORS[name]?.meaning ?? 'error.generic.meaning');
}
