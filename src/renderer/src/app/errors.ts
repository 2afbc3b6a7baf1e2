// One shape for every failure the UI shows: Kafka's error name, its message, and what to try.
import { ApiErrorName, ConsoleApiError, type ApiErrorBody } from '../../../shared/console-errors';

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof ConsoleApiError) return err.toBody();
  if (typeof err === 'object' && err !== null && 'name' in err && 'message' in err) {
    const { name, message } = err as { name: unknown; message: unknown };
    if (typeof name === 'string' && typeof message === 'string' && /^[A-Z][A-Z0-9_]+$/.test(name)) return { name, message };
  }
  return { name: ApiErrorName.INTERNAL_ERROR, message: err instanceof Error ? err.message : String(err) };
}

const HINTS: Record<string, string> = {
  [ApiErrorName.TRANSPORT_ERROR]: 'The engine host did not answer. Check that `brokerlab up --console` is still running, then reload this page.',
  [ApiErrorName.UNAUTHORIZED]: 'Open the console with the full address `brokerlab up --console` printed: the token travels only in that link.',
  [ApiErrorName.FORBIDDEN]: 'Open the console from the address the engine host printed, not from another site.',
  [ApiErrorName.BROKER_UNREACHABLE]: 'No broker answered. On the Cluster page, see which brokers are down and start or heal one.',
  [ApiErrorName.NETWORK_EXCEPTION]: 'A broker closed the connection. If a broker was just killed or isolated, wait for a new leader or bring it back.',
  [ApiErrorName.REQUEST_TIMED_OUT]: 'A broker did not answer in time. A paused or isolated broker does this: resume or heal it, or wait for the controller to fence it.',
  [ApiErrorName.NO_EMBEDDED_CLUSTER]: 'This console runs without an embedded cluster: start one with `brokerlab up --console --brokers 3`.',
  [ApiErrorName.INVALID_REQUEST]: 'The request was refused before reaching Kafka: correct the highlighted field and try again.',
  [ApiErrorName.INTERNAL_ERROR]: 'This is a Brokerlab bug. Reload the page; if it persists, the engine host log says more.',
  TOPIC_ALREADY_EXISTS: 'Pick another name, or open the existing topic from the list.',
  INVALID_REPLICATION_FACTOR: 'Use a replication factor no larger than the number of running brokers.',
  INVALID_PARTITIONS: 'Use at least one partition.',
  INVALID_TOPIC_EXCEPTION: 'Topic names are up to 249 letters, digits, ".", "_" or "-", and not "." or "..".',
  UNKNOWN_TOPIC_OR_PARTITION: 'The topic does not exist (any more). Go back to the topic list; it may have been deleted.',
  UNKNOWN_TOPIC_ID: 'The topic was deleted or recreated. Go back to the topic list.',
  NOT_ENOUGH_REPLICAS: 'Fewer replicas are in sync than min.insync.replicas requires. Bring stopped brokers back, or produce with acks=1.',
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: 'The write reached the leader but not enough followers. Bring stopped brokers back; the write may or may not be visible.',
  LEADER_NOT_AVAILABLE: 'The partition is electing a leader. Wait a moment and retry; if it stays, a replica broker must come back.',
  NOT_LEADER_OR_FOLLOWER: 'Leadership moved. Retry: the console refreshes its metadata.',
  NOT_CONTROLLER: 'The controller moved. Retry in a moment.',
  TOPIC_AUTHORIZATION_FAILED: 'The cluster refuses this principal. Check the ACLs of the external cluster.',
  CLUSTER_AUTHORIZATION_FAILED: 'The cluster refuses this principal. Check the ACLs of the external cluster.',
  POLICY_VIOLATION: "The cluster's create-topic policy refused this. Check its rules.",
  TOPIC_DELETION_DISABLED: 'The cluster has delete.topic.enable=false.',
  KAFKA_STORAGE_ERROR: 'A log folder went offline (disk full or I/O error). Free space and restart the broker.',
};

/** What the user can try for an error; a generic suggestion for names without a specific one. */
export function errorHint(name: string): string {
  return HINTS[name] ?? 'Retry. If it keeps failing, check the Cluster page for brokers that are down.';
}
