// How errors cross every ConsoleApi binding: `{ error: { name, message } }`. For Kafka errors the
// name is Kafka's (NOT_ENOUGH_REPLICAS) and the message the detail, so the UI shows "NAME: message".

export interface ApiErrorBody {
  name: string;
  message: string;
}

export interface ApiErrorEnvelope {
  error: ApiErrorBody;
}

/** What a call returns on a transport that cannot carry exceptions faithfully (IPC, contextBridge). */
export type RpcReply<T> = { result: T } | ApiErrorEnvelope;

/** Names of the errors that are not Kafka's own. */
export const ApiErrorName = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  UNKNOWN_CHANNEL: 'UNKNOWN_CHANNEL',
  UNKNOWN_STREAM: 'UNKNOWN_STREAM',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** The action does not fit the target's current state (start a running broker…). */
  CONFLICT: 'CONFLICT',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NO_EMBEDDED_CLUSTER: 'NO_EMBEDDED_CLUSTER',
  BROKER_UNREACHABLE: 'BROKER_UNREACHABLE',
  NETWORK_EXCEPTION: 'NETWORK_EXCEPTION',
  REQUEST_TIMED_OUT: 'REQUEST_TIMED_OUT',
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  TRANSPORT_ERROR: 'TRANSPORT_ERROR',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

/** An error with a name the UI can switch on; thrown by clients of the API and by its handlers. */
export class ConsoleApiError extends Error {
  override readonly name: string;
  /** Fields of the error body beyond name and message (e.g. a refused group's state and members), kept across every hop. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(name: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = name;
    this.details = details;
  }

  toBody(): ApiErrorBody {
    return { ...this.details, name: this.name, message: this.message };
  }

  static from(body: ApiErrorBody): ConsoleApiError {
    const { name, message, ...details } = body as ApiErrorBody & Record<string, unknown>;
    return new ConsoleApiError(name, message, details);
  }
}

export function isErrorEnvelope(value: unknown): value is ApiErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e = (value as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as ApiErrorBody).name === 'string' && typeof (e as ApiErrorBody).message === 'string';
}

/** "NAME: message", the one way errors are shown. */
export function formatApiError(error: ApiErrorBody): string {
  return `${error.name}: ${error.message}`;
}
