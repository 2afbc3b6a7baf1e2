// Whether a pid names a live process: signal 0 checks without delivering anything. EPERM means the
// process exists but belongs to another user, so it counts as alive (never ours to take over).
// A zombie counts as dead: signal 0 still succeeds on it until its parent reaps it, but it has
// released every file, socket and lock — after a SIGKILL of a host and its brokers together the
// brokers are reparented, and the init of a container or a VM may reap them late or never.
import { readFileSync } from 'node:fs';

/** The process state letter from /proc (Linux); null where /proc is not there or the pid is gone. */
function procState(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // "pid (comm) S ..." — comm may hold spaces and parentheses, so the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || null;
  } catch {
    return null;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  const state = process.platform === 'linux' ? procState(pid) : null;
  return state !== 'Z' && state !== 'X';
}
