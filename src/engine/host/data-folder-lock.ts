// One data folder, one engine host (issue 9 §1). Two hosts on one folder would run two controllers
// over one metadata log, and the second would end the first one's brokers as "stale". Kafka holds
// an flock on each log dir; Node has no flock, so the host takes a lock the OS frees when the
// process dies however it dies: a listening local socket whose name derives from the folder's real
// path (Linux: an abstract unix socket, nothing on disk; Windows: a named pipe; elsewhere a unix
// socket file, stale when nothing answers on it). Beside it, DATA/.brokerlab-host/host.pid names the
// holder, created with O_EXCL and checked alive, for people and for hosts without the socket lock.
// See docs/decisions.md, "One data folder, one engine host".
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOST_STATE_DIR } from './orphan-watchdog';
import { claimPidFile, readPidFile } from '../pid-file';
import { isProcessAlive } from '../process-alive';

export const HOST_PID_FILE = 'host.pid';
const PROBE_TIMEOUT_MS = 1000;

/** The folder is held by another live host; `holderPid` when it could be learnt. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `the data folder ${dataDir} is in use by another brokerlab${holderPid === null ? '' : ` (pid ${holderPid})`}: stop it, or give this one another folder with --data DIR`,
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  readonly dataDir: string;
  /** Frees the socket and removes the pid file (when it still names this process). */
  release(): Promise<void>;
}

/** The socket address that stands for `dataDir` on this platform. */
export function lockAddress(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  const digest = createHash('sha256').update(dataDir).digest('hex').slice(0, 32);
  if (platform === 'linux') return `\0brokerlab-data-${digest}`;
  if (platform === 'win32') return `\\\\.\\pipe\\brokerlab-data-${digest}`;
  // A socket path must stay short (104 bytes on macOS): the temp folder, not the data folder.
  return join(tmpdir(), `brokerlab-data-${digest}.sock`);
}

/** Binds the lock socket; resolves null when another process holds the address. */
function listenOn(address: string): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    // Whoever connects learns the holder's pid (the refusal names it), then the link closes.
    const server = createServer((socket) => {
      // A prober that hangs up first must not take the host down with an unhandled error.
      socket.on('error', () => undefined);
      socket.end(`${process.pid}\n`);
    });
    let listening = false;
    // Errors after the bind (none expected) must not crash the host; the lock holds while it lives.
    server.on('error', (err: NodeJS.ErrnoException) => {
      if (!listening) (err.code === 'EADDRINUSE' ? resolve(null) : reject(err));
    });
    server.listen({ path: address, exclusive: true }, () => {
      listening = true;
      // The lock must not keep a host alive that has nothing else to do.
      server.unref();
      resolve(server);
    });
  });
}

/** Asks the holder of `address` for its pid: a number, 'none' when nothing answers (a stale socket file). */
function askHolder(address: string): Promise<number | null | 'none'> {
  return new Promise((resolve) => {
    const socket = createConnection({ path: address });
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(null);
    }, PROBE_TIMEOUT_MS);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(/^\d+\n?$/.test(text) ? Number(text.trim()) : null);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'none' : null);
    });
  });
}

async function takeSocket(dataDir: string, address: string, platform: NodeJS.Platform): Promise<Server> {
  const server = await listenOn(address);
  if (server) return server;
  const holder = await askHolder(address);
  // Only a socket file outlives its process; an abstract socket or a pipe is freed by the OS.
  if (holder === 'none' && platform !== 'linux' && platform !== 'win32') {
    try {
      unlinkSync(address);
    } catch {
      // Someone else removed it first: the second listen decides.
    }
    const retried = await listenOn(address);
    if (retried) return retried;
  }
  throw new DataFolderInUseError(dataDir, typeof holder === 'number' ? holder : null);
}

/**
 * Creates host.pid with O_EXCL; a file naming a dead process is stale and replaced. Where the socket
 * lock is freed by the OS (Linux, Windows) and is now ours, a live pid in the file can only be a
 * recycled one — its host died, freeing the socket — so the file is replaced too; elsewhere a live
 * pid refuses, in case the socket file was removed by hand.
 */
function writePidFile(dataDir: string, path: string, socketAuthoritative: boolean): void {
  const claim = claimPidFile(path, (owner) => owner === null || owner === process.pid || !isProcessAlive(owner) || socketAuthoritative);
  if (!claim.claimed) throw new DataFolderInUseError(dataDir, claim.owner);
}

/**
 * Takes the host lock of `dataDir` (created if missing), or throws DataFolderInUseError naming the
 * holder. Nothing in the folder is touched when it is refused.
 */
export async function lockDataFolder(dataDir: string, platform: NodeJS.Platform = process.platform): Promise<DataFolderLock> {
  mkdirSync(dataDir, { recursive: true });
  // Two spellings of one folder (a symlink, ./data vs /abs/data) must meet on one lock.
  const real = realpathSync(dataDir);
  const address = lockAddress(real, platform);
  const server = await takeSocket(dataDir, address, platform);
  const stateDir = join(dataDir, HOST_STATE_DIR);
  const pidPath = join(stateDir, HOST_PID_FILE);
  try {
    mkdirSync(stateDir, { recursive: true });
    writePidFile(dataDir, pidPath, platform === 'linux' || platform === 'win32');
  } catch (err) {
    await new Promise<void>((r) => server.close(() => r()));
    throw err;
  }
  let released = false;
  return {
    dataDir,
    async release() {
      if (released) return;
      released = true;
      try {
        if (readPidFile(pidPath) === process.pid) unlinkSync(pidPath);
      } catch {
        // already gone
      }
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
