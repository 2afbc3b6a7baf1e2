import { apiTable } from '../protocol/apis/index';
import { errorForCode, type ErrorName } from '../protocol/errors';

/** Where a Kafka error applies, so the console can say which partition or group failed. */
export interface ErrorContext {
  topic?: string;
  partition?: number;
  groupId?: string;
  resource?: string;
  broker?: string;
}

/**
 * A Kafka error code returned by the server. `name` is Kafka's error name (NOT_ENOUGH_REPLICAS) so
 * callers can switch on it; the message is "NAME: server message", or Kafka's default message when
 * the server sent none.
 */
export class KafkaProtocolError extends Error {
  override readonly name: ErrorName;
  readonly code: number;
  readonly retriable: boolean;
  readonly context: ErrorContext;

  constructor(code: number, serverMessage?: string | null, context: ErrorContext = {}) {
    const known = errorForCode(code);
    const name = known.code === code ? known.name : 'UNKNOWN_SERVER_ERROR';
    const detail = serverMessage && serverMessage.length > 0 ? serverMessage : known.message;
    const where = describeContext(context);
    super(`${name}: ${detail}${code !== known.code ? ` (error code ${code})` : ''}${where ? ` [${where}]` : ''}`);
    this.name = name;
    this.code = code;
    this.retriable = known.retriable;
    this.context = context;
  }
}

function describeContext(c: ErrorContext): string {
  const parts: string[] = [];
  if (c.topic !== undefined) parts.push(c.partition !== undefined ? `${c.topic}-${c.partition}` : `topic ${c.topic}`);
  if (c.groupId !== undefined) parts.push(`group ${c.groupId}`);
  if (c.resource !== undefined) parts.push(c.resource);
  if (c.broker !== undefined) parts.push(c.broker);
  return parts.join(', ');
}

/** Throws a KafkaProtocolError for a non-zero code. */
export function throwIfError(code: number, serverMessage?: string | null, context?: ErrorContext): void {
  if (code !== 0) throw new KafkaProtocolError(code, serverMessage, context);
}

/** The socket to a broker failed or closed; requests in flight have an unknown outcome. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly broker: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${broker}: ${reason}`, options);
  }
}

/** No connection could be made (refused, unreachable, setup timed out): nothing was sent, so a retry is safe. */
export class BrokerUnreachableError extends ConnectionError {}

/** A request got no response within its timeout; the connection is closed after it, as Kafka does. */
export class RequestTimeoutError extends ConnectionError {
  constructor(
    broker: string,
    readonly apiKey: number,
    readonly timeoutMs: number,
  ) {
    super(broker, `${apiName(apiKey)} request timed out after ${timeoutMs} ms`);
  }
}

/** The cluster does not advertise the API (or no version we both speak). */
export class UnsupportedApiError extends Error {
  override readonly name = 'UnsupportedApiError';
  constructor(
    readonly apiKey: number,
    detail?: string,
  ) {
    super(`${apiName(apiKey)} is not supported by this cluster${detail ? ` (${detail})` : ''}`);
  }
}

export function apiName(apiKey: number): string {
  return apiTable(apiKey)?.name ?? `API ${apiKey}`;
}
