/**
 * Exit codes of `brokerlab`, one per way a start can be refused, so scripts can tell them apart
 * without reading the message (README, "The brokerlab command").
 */
export const ExitCode = {
  OK: 0,
  /** Anything not listed below. */
  FAILED: 1,
  /** A flag or argument is wrong; the usage follows the message. */
  USAGE: 2,
  /** Another brokerlab runs on the data folder. */
  DATA_FOLDER_IN_USE: 3,
  /** A broker port is taken. */
  BROKER_PORT_IN_USE: 4,
  /** The --api-port asked for is taken. */
  API_PORT_IN_USE: 5,
  /** The data folder was created with other broker ids than --first-broker-id. */
  BROKER_IDS_DIFFER: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A refusal the CLI prints as one line (without the usage) and exits with `exitCode`. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
