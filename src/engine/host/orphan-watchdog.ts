// No broker outlives its host (DESIGN decision 5). A running broker ends itself when its stdin pipe
// closes or the host pid vanishes, but a SIGSTOPped one cannot react to anything. So the host keeps
// the pids of its brokers in DATA/.brokerlab-host/brokers.pids and starts a tiny detached watchdog
// (sh, never paused) that waits for the host pid to go, then SIGCONTs every listed broker so it
// can stop cleanly on its closed pipe, and SIGKILLs whichever is still there after a grace period.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger';

export const HOST_STATE_DIR = '.brokerlab-host';
export const BROKER_PIDS_FILE = 'brokers.pids';

/** The watchdog's poll of the host pid and its grace for a clean stop, in tenths of a second. */
const POLL_SECONDS = '0.2';
const GRACE_TENTHS = 15;

const WATCHDOG_SCRIPT = `
host="$1"; file="$2"
# A broker of this host: its argv names the broker entry and carries this host's pid ("hostPid":N
# in its JSON config). The pid file alone is not enough: the next host on the same folder rewrites
# it, and a watchdog that wakes late must not end that host's brokers.
is_broker() {
  if [ -r "/proc/$1/cmdline" ]; then args="$(tr '\\000' ' ' < "/proc/$1/cmdline" 2>/dev/null)"
  else args="$(ps -ww -o args= -p "$1" 2>/dev/null)"; fi
  case "$args" in *broker-process*'"hostPid":'"$host"[,}]*) return 0;; esac
  return 1
}
# A killed host stays a zombie until its parent reaps it: that counts as gone.
running() {
  kill -0 "$1" 2>/dev/null || return 1
  case "$(ps -o stat= -p "$1" 2>/dev/null)" in *Z*) return 1;; esac
  return 0
}
while running "$host"; do sleep ${POLL_SECONDS}; done
mine=""
for p in $(cat "$file" 2>/dev/null); do
  if is_broker "$p"; then mine="$mine $p"; kill -CONT "$p" 2>/dev/null; fi
done
i=0
while [ -n "$mine" ] && [ $i -lt ${GRACE_TENTHS} ]; do
  alive=""
  for p in $mine; do running "$p" && alive="$alive $p"; done
  mine="$alive"
  [ -n "$mine" ] && sleep 0.1
  i=$((i+1))
done
for p in $mine; do kill -KILL "$p" 2>/dev/null; done
exit 0
`;

export function brokerPidsPath(dataDir: string): string {
  return join(dataDir, HOST_STATE_DIR, BROKER_PIDS_FILE);
}

/** The pids a host listed (its own brokers, or a dead host's leftovers); [] when there is no file. */
export function readBrokerPids(dataDir: string): number[] {
  try {
    return readFileSync(brokerPidsPath(dataDir), 'utf8')
      .split(/\s+/)
      .filter((s) => /^\d+$/.test(s))
      .map(Number);
  } catch {
    return [];
  }
}

/** Replaces the pid list in one rename, so the watchdog never reads half a file. */
export function writeBrokerPids(dataDir: string, pids: readonly number[]): void {
  const path = brokerPidsPath(dataDir);
  mkdirSync(join(dataDir, HOST_STATE_DIR), { recursive: true });
  writeFileSync(`${path}.tmp`, pids.length > 0 ? `${pids.join('\n')}\n` : '');
  renameSync(`${path}.tmp`, path);
}

/**
 * Starts the watchdog of this host (pid `hostPid`), detached into its own session so a signal to
 * the host's process group does not take it down before it has done its work. Null where there is
 * no POSIX shell (Windows), which has no SIGSTOP either: there brokers follow their pipe alone.
 */
export function startOrphanWatchdog(dataDir: string, logger: Logger, hostPid: number = process.pid): ChildProcess | null {
  if (process.platform === 'win32') return null;
  try {
    const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'brokerlab-watchdog', String(hostPid), brokerPidsPath(dataDir)], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', (err) => logger.warn(`the broker watchdog could not run: ${err.message}`));
    child.unref();
    return child;
  } catch (err) {
    logger.warn(`the broker watchdog could not start: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
