// Every process and temp folder the benchmark makes goes through here, so that an error, a
// Ctrl-C or a normal end leaves nothing behind. Each child runs in its own process group: ending
// the group also reaches whatever it forks (a future host forks one process per broker).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const liveGroups = new Set();
const tempDirs = new Set();

/** Spawns `cmd` in its own process group; `stdio` as for child_process.spawn. */
export function spawnGroup(cmd, args, stdio) {
  const child = spawn(cmd, args, { stdio, detached: true });
  if (child.pid === undefined) {
    child.on('error', () => undefined);
    throw new Error(`could not start ${cmd}: is it installed?`);
  }
  const pgid = child.pid;
  liveGroups.add(pgid);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      liveGroups.delete(pgid);
      resolve({ code, signal });
    });
  });
  return { child, pid: pgid, exited };
}

export function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Ends every group still alive (SIGKILL: used only when the run is already over or aborted). */
export function cleanUpEverything() {
  for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  liveGroups.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

let hooked = false;
export function installCleanupHooks() {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanUpEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      process.stderr.write(`\nbench: ${signal}, cleaning up\n`);
      cleanUpEverything();
      process.exit(130);
    });
  }
}

/**
 * Summed user+system CPU seconds of `rootPid` and all its descendants, read from /proc (Linux only;
 * null elsewhere). The tree, not the process group: a host may start its brokers in groups of their own.
 */
export async function treeCpuSeconds(rootPid) {
  const { readdir, readFile } = await import('node:fs/promises');
  let entries;
  try {
    entries = await readdir('/proc');
  } catch {
    return null;
  }
  const procs = new Map();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = await readFile(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state(3) ppid(4) … utime(14) stime(15).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    procs.set(Number(name), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
  }
  if (!procs.has(rootPid)) return null;
  const inTree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let ticks = 0;
  for (const pid of inTree) ticks += procs.get(pid).ticks;
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds of this process's children that have exited and been reaped (cutime+cstime of
 * /proc/self/stat): the delta around a kcat run is kcat's own CPU time. null off Linux.
 */
export function reapedChildrenCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[13]) + Number(rest[14])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

// USER_HZ is 100 on every Linux the project targets; getconf is not worth a process per sample.
const CLOCK_TICKS = 100;
