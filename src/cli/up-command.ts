import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, type LogLevel } from '../engine/logger';
import { EngineHost } from '../engine/host/engine-host';
import { DataFolderInUseError, lockDataFolder, type DataFolderLock } from '../engine/host/data-folder-lock';
import { DEFAULT_API_PORT, parseConsoleFlags } from './console-flags';
import { CliFailure, ExitCode } from './exit-codes';
import { firstBusyPort, portIsFree } from './port-check';
import { brokerPortBusy, startFailure } from './start-failure';
import { BROKER_CONFIGS_BY_NAME } from '../engine/controller/broker-configs';
import { parseConfigFlags, parseIntFlag } from './parse-flags';
import { UsageError } from './usage';

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LOOPBACK = '127.0.0.1';
/** A host name or an IPv4 address, as advertised.listeners takes it (no port, no scheme). */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** --advertise HOST: refused unless it is a plain host name or IPv4 address. */
export function parseAdvertisedHost(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!HOST_NAME.test(raw)) throw new UsageError(`--advertise takes a host name or IPv4 address (no port or scheme), got '${raw}'`);
  return raw;
}

/** The folder's host lock, or the one-line refusal (exit 3) naming the folder and --data. */
async function lockOrRefuse(dataDir: string): Promise<DataFolderLock> {
  try {
    return await lockDataFolder(dataDir);
  } catch (err) {
    if (err instanceof DataFolderInUseError) throw new CliFailure(err.message, ExitCode.DATA_FOLDER_IN_USE);
    throw err;
  }
}


/** The history sampler's tick: 5 s, or BROKERLAB_SAMPLE_TICK_MS (tests use a short one). */
function sampleTickMs(): number {
  const raw = Number(process.env['BROKERLAB_SAMPLE_TICK_MS']);
  return Number.isInteger(raw) && raw >= 100 && raw <= 600_000 ? raw : 5_000;
}

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
      'first-broker-id': { type: 'string' },
      advertise: { type: 'string' },
    },
  });
  const brokers = parseIntFlag('brokers', values.brokers, 1, 1, 16);
  const port = parseIntFlag('port', values.port, 9092, 0, 65535);
  const consoleFlags = parseConsoleFlags(values, port);
  const firstBrokerId = values['first-broker-id'] === undefined ? undefined : parseIntFlag('first-broker-id', values['first-broker-id'], 1, 0, 1_000_000);
  const advertisedHost = parseAdvertisedHost(values.advertise);
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got '${values['log-level']}'`);
  }
  const dataDir = resolve(values.data ?? join(homedir(), '.brokerlab', 'data'));
  const configOverrides = parseConfigFlags(values.config);
  for (const name of Object.keys(configOverrides)) {
    if (!BROKER_CONFIGS_BY_NAME.has(name)) throw new UsageError(`--config: unknown broker config '${name}'`);
  }
  const brokerPorts = port === 0 ? [] : Array.from({ length: brokers }, (_, i) => port + i);
  if (values['api-port'] !== undefined && brokerPorts.includes(consoleFlags.apiPort)) {
    throw new UsageError(`--api-port ${consoleFlags.apiPort} is one of the broker ports (${port}–${port + brokers - 1})`);
  }
  const logger = createLogger('brokerlab', logLevel);

  // Everything that can refuse the start is checked before anything runs or is printed (issue 9
  // §4): the folder's host lock first (a second `up` on it is told so, whatever its ports), then
  // every port.
  const lock = await lockOrRefuse(dataDir);
  let started = false;
  try {
    const busy = await firstBusyPort(LOOPBACK, brokerPorts);
    if (busy !== null) throw brokerPortBusy(busy);
    if (consoleFlags.apiPort !== 0 && (brokerPorts.includes(consoleFlags.apiPort) || !(await portIsFree(LOOPBACK, consoleFlags.apiPort)))) {
      if (values['api-port'] !== undefined) {
        throw new CliFailure(`API port ${consoleFlags.apiPort} is in use on ${LOOPBACK}: pick another with --api-port P, or 0 for a free one`, ExitCode.API_PORT_IN_USE);
      }
      // The default port only: another brokerlab (or anything) has it, so take a free one.
      logger.info(`port ${DEFAULT_API_PORT} is in use: the API takes a free port (see the api: line)`);
      consoleFlags.apiPort = 0;
    }
    started = true;
  } finally {
    if (!started) await lock.release();
  }

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
  const host = await EngineHost.start({ dataDir, brokerCount: brokers, firstPort: port, firstBrokerId, advertisedHost, configOverrides, logger, lock }).catch(
    (err: unknown) => {
      throw startFailure(err);
    },
  );
  const [{ startConsoleEndpoint }, { engineControlOf }] = await consoleModules;
  // The API binds before the first line is printed: a port taken since the check ends the start
  // with nothing announced and nothing left running.
  const api = await startConsoleEndpoint({ engine: engineControlOf(host), ...consoleFlags, logger, historyRoot: join(dataDir, 'history'), sampleTickMs: sampleTickMs() }).catch(async (err: unknown) => {
    await host.stop();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliFailure((err as Error).message, ExitCode.API_PORT_IN_USE);
    throw err;
  });
  process.stdout.write(`data: ${dataDir}\n`);
  process.stdout.write(`bootstrap: ${host.bootstrapServers}\n`);
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

