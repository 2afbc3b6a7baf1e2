// Pid files created with O_EXCL ('wx'): the broker folder's `.lock` and the host's `host.pid`. Node has
// no flock, so a file naming its owner's pid stands in; a file whose owner is gone is stale and is
// replaced. What counts as stale is the caller's rule (a live pid may still be a recycled one).
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/** The pid a pid file names, or null when it is missing, unreadable or not a pid (a crash mid-write). */
export function readPidFile(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : null;
  } catch {
    return null;
  }
}

export type PidFileClaim =
  | { claimed: true }
  /** `raced`: a stale file was removed but another process created it first. */
  | { claimed: false; owner: number | null; raced: boolean };

/** Creates `path` naming this process, replacing (once) a file that `isStale(owner)` calls stale. */
export function claimPidFile(path: string, isStale: (owner: number | null) => boolean): PidFileClaim {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      return { claimed: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = readPidFile(path);
    if (!isStale(owner)) return { claimed: false, owner, raced: false };
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return { claimed: false, owner: readPidFile(path), raced: true };
}
