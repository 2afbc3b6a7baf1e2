import { USAGE, UsageError } from './usage';
import { CliFailure } from './exit-codes';
// Commands load on demand (separate chunks of the bundle): `up` must fork its brokers as early as
// possible, and `--help` should not parse the whole engine.

const VERSION = '0.1.0';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`brokerlab ${VERSION}\n`);
    return 0;
  }
  switch (command) {
    case 'up':
      return (await import('./up-command')).runUp(rest);
    case 'broker':
      return (await import('./fault-commands')).runBroker(rest);
    case 'link':
      return (await import('./fault-commands')).runLink(rest);
    case 'cluster':
      return (await import('./fault-commands')).runCluster(rest);
    case 'events':
      return (await import('./fault-commands')).runEvents(rest);
    case 'experiment':
      return (await import('./experiment-command')).runExperimentCommand(rest);
    case 'groups':
      return (await import('./groups-command')).runGroups(rest);
    case 'messages':
      return (await import('./messages-command')).runMessages(rest);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // parseArgs reports unknown flags and missing values with its own error codes.
  const isParseError = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  if (err instanceof CliFailure) {
    process.stderr.write(`brokerlab: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else if (err instanceof UsageError || isParseError) {
    process.stderr.write(`brokerlab: ${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`brokerlab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

