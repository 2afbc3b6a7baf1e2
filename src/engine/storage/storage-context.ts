/**
 * What the storage layer needs from its host, injected so tests can drive time and watch fsyncs.
 */

/** Milliseconds since the epoch; tests pass a manual clock to control segment.ms and flush.ms. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface StorageLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: StorageLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/**
 * Told, after every fsync, how many bytes of `file` are on stable storage. The engine host uses it
 * to simulate a power cut (truncate every file to its last durable length).
 */
export type DurableListener = (file: string, length: number) => void;
