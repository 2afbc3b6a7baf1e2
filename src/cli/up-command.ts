import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, type LogLevel } from '../engine/logger';
import { EngineHost } from '../engine/host/engine-host';
import { parseConsoleFlags } from './console-flags';
import { BROKER_CONFIGS_BY_NAME } from '../engine/controller/broker-configs';
import { parseConfigFlags, parseIntFlag } from './parse-flags';
import { UsageError } from './usage';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** `brokerlab up`: starts the embedded cluster, prints its bootstrap line, and runs until a signal. */
export async function runUp(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      brokers: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      config: { type: 'string', multiple: true },
      'log-level': { type: 'string' },
      'api-port': { type: 'string' },
      token: { type: 'string' },
      console: { type: 'boolean' },
    },
  });
  const brokers = parseIntFlag('brokers', values.brokers, 1, 1, 16);
  const port = parseIntFlag('port', values.port, 9092, 0, 65535);
  const consoleFlags = parseConsoleFlags(values, port);
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${values['log-level']}'`);
  }
  const dataDir = resolve(values.data ?? join(homedir(), '.brokerlab', 'data'));
  const configOverrides = parseConfigFlags(values.config);
  for (const name of Object.keys(configOverrides)) {
    if (!BROKER_CONFIGS_BY_NAME.has(name)) throw new UsageError(`--config: unknown broker config '${name}'`);
  }
  const logger = createLogger('brokerlab', logLevel);

  // Signals are taken before anything is printed: a supervisor that stops us as soon as it reads
  // the bootstrap line must get a clean stop, not the default kill.
  let stopRequested: ((signal: string) => void) | null = null;
  let pendingSignal: string | null = null;
  const onSignal = (signal: string): void => {
    if (stopRequested) stopRequested(signal);
    else pendingSignal ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // The console API (HTTP, WebSocket, the Kafka client) loads while the brokers start.
  const consoleModules = Promise.all([import('../engine/host/console-endpoint'), import('../engine/host/engine-control')]);
  consoleModules.catch(() => undefined);
  const host = await EngineHost.start({ dataDir, brokerCount: brokers, firstPort: port, configOverrides, logger });
  const [{ startConsoleEndpoint }, { engineControlOf }] = await consoleModules;
  process.stdout.write(`data: ${dataDir}\n`);
  process.stdout.write(`bootstrap: ${host.bootstrapServers}\n`);
  const api = await startConsoleEndpoint({ engine: engineControlOf(host), ...consoleFlags, logger }).catch(async (err: unknown) => {
    await host.stop();
    throw err;
  });
  process.stdout.write(`api: ${api.url}\n`);
  if (consoleFlags.staticRoot) process.stdout.write(`console: ${api.url}\n`);

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    stopRequested = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info(`received ${signal}, stopping the cluster`);
      api
        .close()
        .then(() => host.stop())
        .then(resolveStop, (err: unknown) => {
          logger.error(`clean stop failed: ${err instanceof Error ? err.message : String(err)}`);
          resolveStop();
        });
    };
    if (pendingSignal) stopRequested(pendingSignal);
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.stdout.write('stopped\n');
  return 0;
}
