import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE } from './log-file-names';
import { claimPidFile, readPidFile } from '../pid-file';
import { isProcessAlive } from '../process-alive';

export class LockHeldError extends Error {
  constructor(
    message: string,
    readonly ownerPid: number,
  ) {
    super(message);
    this.name = 'LockHeldError';
  }
}

/** Broker folders locked by this process, so a second LogManager in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * The `.lock` of a broker folder. Kafka holds an flock on it; Node has no flock, so the owner's pid
 * is written into a file created with O_EXCL ('wx'). A lock whose pid is no longer running is stale
 * (its broker was killed) and is taken over. Known limits: a recycled pid that now belongs to another
 * live process keeps the folder locked until that process ends (the error names the pid), and two
 * starters racing on the same stale lock are not fully serialised — the engine host starts each
 * broker once, so neither happens in practice.
 */
export class BrokerDirLock {
  private released = false;

  private constructor(readonly path: string) {}

  static acquire(dir: string): BrokerDirLock {
    const path = join(dir, LOCK_FILE);
    if (heldHere.has(path)) {
      throw new LockHeldError(`Failed to acquire lock on ${path}: it is already held by this process (pid ${process.pid})`, process.pid);
    }
    // Stale: the owner died without removing it (or it is unreadable, a crash mid-write).
    const claim = claimPidFile(path, (owner) => owner === null || owner === process.pid || !isProcessAlive(owner));
    if (claim.claimed) {
      heldHere.add(path);
      return new BrokerDirLock(path);
    }
    if (claim.raced) throw new LockHeldError(`Failed to acquire lock on ${path}: it was taken while a stale lock was being removed`, -1);
    throw new LockHeldError(`Failed to acquire lock on ${path}: another broker process (pid ${claim.owner}) is using this data folder`, claim.owner ?? -1);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    try {
      if (readPidFile(this.path) === process.pid) unlinkSync(this.path);
    } catch {
      // already gone
    }
  }
}

