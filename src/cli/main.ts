import { USAGE, UsageError } from './usage';
import { runUp } from './up-command';
import { runBroker, runCluster, runEvents, runLink } from './fault-commands';
import { runGroups } from './groups-command';

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
      return runUp(rest);
    case 'broker':
      return runBroker(rest);
    case 'link':
      return runLink(rest);
    case 'cluster':
      return runCluster(rest);
    case 'events':
      return runEvents(rest);
    case 'groups':
      return runGroups(rest);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  // parseArgs reports unknown flags and missing values with its own error codes.
  const isParseError = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  if (err instanceof UsageError || isParseError) {
    process.stderr.write(`brokerlab: ${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`brokerlab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

