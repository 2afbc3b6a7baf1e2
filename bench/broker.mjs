// Runs the real `brokerlab up` command, exactly as a user would, and reads its bootstrap line.
import { openSync, closeSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, killGroup } from './processes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BROKERLAB_BIN = join(ROOT, 'bin', 'brokerlab.js');

/**
 * Starts `node bin/brokerlab.js up --brokers N --data DATA --port 0 [--api-port 0] [--config K=V …]`,
 * its stderr (the broker log) going to `logFile`. Resolves once stdout carries the bootstrap line;
 * `startedAt` is taken just before the spawn, `bootstrapAt` when the line arrives (both
 * process.hrtime.bigint()). `api` resolves with the `api:` line's URL (token in its fragment).
 */
export async function startBroker({ dataDir, logFile, brokers = 1, apiPort = false, config = [], timeoutMs = 30_000 }) {
  const args = [BROKERLAB_BIN, 'up', '--brokers', String(brokers), '--data', dataDir, '--port', '0'];
  if (apiPort) args.push('--api-port', '0');
  for (const kv of config) args.push('--config', kv);
  const logFd = openSync(logFile, 'a');
  const startedAt = process.hrtime.bigint();
  const proc = spawnGroup(process.execPath, args, ['ignore', 'pipe', logFd]);
  closeSync(logFd);
  let stdout = '';
  const bootstrap = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`brokerlab up printed no bootstrap line within ${timeoutMs} ms`)), timeoutMs);
    proc.child.stdout.on('data', (chunk) => {
      stdout += chunk.toString('utf8');
      const match = /^bootstrap: (\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ servers: match[1], at: process.hrtime.bigint() });
      }
    });
    proc.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`brokerlab up exited (${signal ?? code}) before its bootstrap line; its log ends:\n${logTail(logFile)}`));
    });
  });
  // Keep draining stdout so the broker never blocks on a full pipe; the api line follows bootstrap.
  const api = new Promise((resolve) => {
    const look = () => {
      const match = /^api: (\S+)$/m.exec(stdout);
      if (match) resolve(match[1]);
      return match !== null;
    };
    if (look()) return;
    // The first listener (above) keeps appending every chunk to `stdout`.
    proc.child.stdout.on('data', look);
    proc.exited.then(() => resolve(null));
  });
  return {
    api,
    pid: proc.pid,
    bootstrapServers: bootstrap.servers,
    startedAt,
    bootstrapAt: bootstrap.at,
    logFile,
    exited: proc.exited,
    command: `node bin/brokerlab.js ${args.slice(1).join(' ')}`,
  };
}

function logTail(logFile) {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * SIGTERM to the `up` process alone, as a supervisor would (it then stops its brokers itself), and
 * SIGKILL to its whole group if it has not exited after `timeoutMs`.
 */
export async function stopBroker(broker, timeoutMs = 20_000) {
  try {
    process.kill(broker.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => {
      killGroup(broker.pid, 'SIGKILL');
      resolve({ code: null, signal: 'SIGKILL', forced: true });
    }, timeoutMs);
  });
  const exit = await Promise.race([broker.exited, killed]);
  clearTimeout(timer);
  return exit;
}

/**
 * Broker log lines at WARN or ERROR level (or not from the logger at all: stack traces), for the
 * "anything wrong under load" summary. `from`/`to` are byte offsets, to tell a run from its stop.
 */
export function brokerProblems(logFile, from = 0, to = Infinity) {
  let text = '';
  try {
    text = readFileSync(logFile).subarray(from, to).toString('utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line !== '' && (/^\[[^\]]+\] (WARN|ERROR) /.test(line) || !line.startsWith('[')));
}

export function logSize(logFile) {
  try {
    return statSync(logFile).size;
  } catch {
    return 0;
  }
}
