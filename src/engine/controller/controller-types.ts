/** What the controller needs from its host: time and a place to say what it did. */
export interface ControllerClock {
  now(): number;
}

export interface ControllerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const SYSTEM_CLOCK: ControllerClock = { now: () => Date.now() };

export const SILENT_LOGGER: ControllerLogger = { info() {}, warn() {}, error() {} };
