import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Resident memory of a process in bytes (VmRSS), or null where /proc is not there. */
export function residentBytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const cache = new Map<string, { atMs: number; bytes: number }>();
const REFRESH_MS = 2000;

/** Bytes a folder holds (files below it), walked at most every 2 s per folder: the view polls often. */
export function folderBytes(dir: string, nowMs: number = Date.now()): number {
  const hit = cache.get(dir);
  if (hit && nowMs - hit.atMs < REFRESH_MS) return hit.bytes;
  const walk = (path: string): number => {
    let total = 0;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return 0;
    }
    for (const name of names) {
      const child = join(path, name);
      try {
        const st = statSync(child);
        total += st.isDirectory() ? walk(child) : st.size;
      } catch {
        // Deleted between the listing and the stat (a rolled or cleaned segment).
      }
    }
    return total;
  };
  const bytes = walk(dir);
  cache.set(dir, { atMs: nowMs, bytes });
  return bytes;
}
