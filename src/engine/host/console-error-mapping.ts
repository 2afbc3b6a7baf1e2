import { ApiErrorName, ConsoleApiError, type ApiErrorBody } from '../../shared/console-errors';
import { BrokerUnreachableError, ConnectionError, KafkaProtocolError, RequestTimeoutError, UnsupportedApiError } from '../client/client-errors';

/**
 * The client's errors as the console shows them: Kafka errors keep Kafka's name and lose the
 * "NAME: " prefix the client puts in the message, so the UI's "NAME: message" does not repeat it.
 */
export function describeEngineError(err: unknown): ApiErrorBody {
  if (err instanceof ConsoleApiError) return err.toBody();
  if (err instanceof KafkaProtocolError) {
    const prefix = `${err.name}: `;
    return { name: err.name, message: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message };
  }
  if (err instanceof RequestTimeoutError) return { name: ApiErrorName.REQUEST_TIMED_OUT, message: err.message };
  if (err instanceof BrokerUnreachableError) return { name: ApiErrorName.BROKER_UNREACHABLE, message: err.message };
  if (err instanceof ConnectionError) return { name: ApiErrorName.NETWORK_EXCEPTION, message: err.message };
  if (err instanceof UnsupportedApiError) return { name: ApiErrorName.UNSUPPORTED_VERSION, message: err.message };
  return { name: ApiErrorName.INTERNAL_ERROR, message: err instanceof Error ? err.message : String(err) };
}
