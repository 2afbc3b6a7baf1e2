/** The one usage text, printed by --help and after every argument error. */
export const USAGE = `usage: brokerlab <command> [options]

commands:
  up                  start the embedded cluster and run until SIGINT/SIGTERM
    --brokers N         number of brokers (default 1)
    --data DIR          data folder (default ~/.brokerlab/data)
    --port P            first broker port; 0 picks free ports (default 9092)
    --config K=V        broker config override, repeatable (e.g. --config segment.bytes=1048576)
    --log-level L       debug | info | warn | error (default info)
    --api-port P        console API port on 127.0.0.1; 0 picks a free one
                        (default 9600, or 0 when --port is 0)
    --token T           API token (default: 32 random bytes, printed in the api: line)
    --console           also serve the browser console on the API port
  help                print this text

options:
  -h, --help          print this text
  -v, --version       print the version
`;

/** A usage error: the CLI prints it on one line, then the usage, and exits with code 2. */
export class UsageError extends Error {}
