import { readdirSync, rmdirSync, statSync, truncateSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The folder lock is no data: a power cut leaves it to the next broker's stale-lock takeover. */
const IGNORED = new Set(['.lock']);

export interface PowerCutResult {
  truncated: string[];
  removed: string[];
}

/**
 * What of one broker folder would survive a power cut (DESIGN decision 7): the length of every file
 * the broker reported durable after an fsync, over a baseline of what was on disk when its process
 * started (a process that dies without a power cut leaves its writes in the page cache, which the
 * next process reads, so they count as on disk).
 *
 * The cut: a file longer than its durable length is truncated to it; a file created during the run
 * and never reported durable is removed — nothing fsynced it, nor (as far as the host can tell) the
 * directory entry naming it, so a real power cut may lose the entry itself, and recovery must cope
 * with the missing file either way. Folders created during the run and left empty go too. A file
 * shorter than its durable length (the broker truncated it since) is left as it is.
 */
export class DurableFiles {
  private readonly durable = new Map<string, number>();
  private baselineDirs = new Set<string>();

  constructor(readonly dir: string) {}

  /** Takes what is on disk now as durable; called before each start of the broker's process. */
  baseline(): void {
    this.durable.clear();
    this.baselineDirs = new Set([this.dir]);
    walk(this.dir, (path, size) => this.durable.set(path, size), (dir) => this.baselineDirs.add(dir));
  }

  record(files: ReadonlyArray<readonly [string, number]>): void {
    for (const [path, length] of files) {
      if (typeof path === 'string' && Number.isSafeInteger(length) && length >= 0) this.durable.set(path, length);
    }
  }

  durableLength(path: string): number | undefined {
    return this.durable.get(path);
  }

  /** Cuts the folder back to what was durable. The broker process must be dead. */
  powerCut(): PowerCutResult {
    const result: PowerCutResult = { truncated: [], removed: [] };
    const dirs: string[] = [];
    walk(
      this.dir,
      (path, size) => {
        const durable = this.durable.get(path);
        if (durable === undefined) {
          unlinkSync(path);
          result.removed.push(path);
        } else if (size > durable) {
          truncateSync(path, durable);
          result.truncated.push(path);
        }
      },
      (dir) => dirs.push(dir),
    );
    // Deepest first, so a new folder holding only new folders goes too.
    for (const dir of dirs.reverse()) {
      if (this.baselineDirs.has(dir)) continue;
      try {
        rmdirSync(dir);
        result.removed.push(dir);
      } catch {
        // Not empty: something in it was durable.
      }
    }
    // What survived is the next process's baseline.
    this.baseline();
    return result;
  }
}

function walk(dir: string, onFile: (path: string, size: number) => void, onDir: (dir: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      onDir(path);
      walk(path, onFile, onDir);
    } else if (entry.isFile() && !IGNORED.has(entry.name)) {
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        continue;
      }
      onFile(path, size);
    }
  }
}
