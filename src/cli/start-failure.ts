import { BrokerIdMismatchError } from '../engine/host/broker-ids';
import { CliFailure, ExitCode } from './exit-codes';

const LOOPBACK = '127.0.0.1';

export function brokerPortBusy(port: number): CliFailure {
  return new CliFailure(`port ${port} is in use on ${LOOPBACK}: choose the first broker port with --port P (or --port 0 for free ports)`, ExitCode.BROKER_PORT_IN_USE);
}

/** A failed start as the CLI reports it: a known refusal gets its one line and exit code. */
export function startFailure(err: unknown): unknown {
  if (err instanceof BrokerIdMismatchError) return new CliFailure(err.message, ExitCode.BROKER_IDS_DIFFER);
  // A broker port taken between the check and the broker's listen: the broker reports Node's
  // error ("listen EADDRINUSE: address already in use 127.0.0.1:9092").
  const busy = err instanceof Error ? /EADDRINUSE[^\n]*?:(\d+)\b/.exec(err.message) : null;
  if (busy) return brokerPortBusy(Number(busy[1]));
  return err;
}
