// The one place a raw request from any transport becomes a backend call: channel lookup,
// validation, and the error envelope. Both bindings use it, so they fail alike.
import { CONSOLE_CHANNELS, isConsoleChannel, type ConsoleBackend } from './console-api';
import { ApiErrorName, ConsoleApiError, type ApiErrorBody, type RpcReply } from './console-errors';
import { RequestValidationError } from './validate';

/** Turns whatever a handler threw into the envelope's body; engine bindings pass their Kafka-aware mapper. */
export type ErrorDescriber = (err: unknown) => ApiErrorBody;

export const describeAnyError: ErrorDescriber = (err) => {
  if (err instanceof ConsoleApiError) return err.toBody();
  return { name: ApiErrorName.INTERNAL_ERROR, message: err instanceof Error ? err.message : String(err) };
};

export async function dispatchRpc(backend: ConsoleBackend, channel: string, request: unknown, describeError: ErrorDescriber = describeAnyError): Promise<RpcReply<unknown>> {
  if (!isConsoleChannel(channel)) {
    return { error: { name: ApiErrorName.UNKNOWN_CHANNEL, message: `there is no channel '${channel.slice(0, 100)}'` } };
  }
  let valid: unknown;
  try {
    valid = CONSOLE_CHANNELS[channel].validate(request, 'request');
  } catch (err) {
    if (err instanceof RequestValidationError) return { error: { name: ApiErrorName.INVALID_REQUEST, message: err.message } };
    throw err;
  }
  try {
    // The validator has established the request type of this channel.
    const result: unknown = await backend.call(channel, valid as never);
    return { result };
  } catch (err) {
    return { error: describeError(err) };
  }
}
