import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';
import { readBrokerPids, writeBrokerPids } from './orphan-watchdog';
import { isProcessAlive } from '../process-alive';

const BROKER_DIR = /^broker-\d+$/;

/** True when `pid` runs our broker entry (so a recycled pid of another program is never killed). */
function isBrokerProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('broker-process');
  } catch {
    // No /proc (macOS): trust the lock file, which only a broker writes.
    return process.platform !== 'linux';
  }
}

/** The command line of `pid` ('' when it cannot be read). */
function commandLine(pid: number): string {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (process.platform === 'win32') return '';
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8', timeout: 2000 });
  } catch {
    return '';
  }
}

/**
 * The engine host a broker process belongs to: its configuration argument (JSON, see
 * broker-process-config.ts) names the host's pid. Null when it cannot be read.
 */
export function hostPidOfBroker(pid: number): number | null {
  const m = /"hostPid":(\d+)[,}]/.exec(commandLine(pid));
  return m ? Number(m[1]) : null;
}

/**
 * Ends brokers left behind by a host that died without stopping them (their `.lock` still names a
 * live broker process): SIGCONT first, in case one was paused, then SIGKILL, then waits until
 * each is gone so the new brokers can take the locks. Only brokers whose host is gone are ended
 * (the caller holds the folder's host lock, and each broker's own host pid is checked too): a
 * broker of a live host is never touched (issue 9 §1).
 */
export async function endStaleBrokers(dataDir: string, logger: Logger, timeoutMs = 5000): Promise<number[]> {
  let entries: string[];
  try {
    entries = readdirSync(dataDir).filter((name) => BROKER_DIR.test(name));
  } catch {
    return [];
  }
  const ended: number[] = [];
  // A broker still starting has no lock yet: the previous host's pid list names it.
  const candidates = new Map<number, string>(readBrokerPids(dataDir).map((pid) => [pid, `broker process ${pid} of an earlier host`]));
  for (const name of entries) {
    try {
      const pid = Number.parseInt(readFileSync(join(dataDir, name, '.lock'), 'utf8').trim(), 10);
      candidates.set(pid, `${name} is still held by broker process ${pid} from an earlier run`);
    } catch {
      continue;
    }
  }
  for (const [pid, what] of candidates) {
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isProcessAlive(pid) || !isBrokerProcess(pid)) continue;
    const hostPid = hostPidOfBroker(pid);
    if (hostPid !== null && (hostPid === process.pid || isProcessAlive(hostPid))) {
      logger.warn(`${what}, but its engine host (pid ${hostPid}) is alive: left alone`);
      continue;
    }
    logger.warn(`${what}: ending it`);
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone in between.
    }
    ended.push(pid);
  }
  const deadline = Date.now() + timeoutMs;
  while (ended.some(isProcessAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (candidates.size > 0) writeBrokerPids(dataDir, []);
  return ended;
}
