/**
 * Raised for bytes that do not form a valid message (truncated, bad lengths, overlong varints)
 * and for values that cannot be encoded. Callers map it to INVALID_REQUEST / CORRUPT_MESSAGE or
 * close the connection; it is never an out-of-range crash.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** The API key is known but the version is outside what we implement (Kafka's UNSUPPORTED_VERSION, 35). */
export class UnsupportedVersionError extends ProtocolError {
  constructor(
    readonly apiKey: number,
    readonly apiVersion: number,
    message: string,
  ) {
    super(message);
  }
}
