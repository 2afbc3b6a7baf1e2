import {
  closeSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { DurableListener } from './storage-context';
import { TMP_FILE_SUFFIX } from './log-file-names';

/** Writes all of `buf` at `position` (a short write is retried until done). */
export function writeFully(fd: number, buf: Uint8Array, position: number): void {
  let done = 0;
  while (done < buf.length) {
    done += writeSync(fd, buf, done, buf.length - done, position + done);
  }
}

/** Reads up to `length` bytes at `position`; the result is shorter only at end of file. */
export function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

export function fsyncFile(fd: number, path: string, length: number, onDurable: DurableListener | undefined): void {
  fsyncSync(fd);
  onDurable?.(path, length);
}

/**
 * Makes a create, rename or unlink in `dir` durable. Some platforms (Windows) cannot open a folder
 * for fsync; there the call is skipped, as Kafka's Utils.flushDir skips it.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // not supported on this platform
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Kafka's checkpoint write: the whole content to `<path>.tmp`, fsync, rename over `path`, fsync the
 * folder. A crash leaves either the old file or the new one, never a mix; a stray `.tmp` is ignored.
 */
export function writeFileAtomically(path: string, content: string | Buffer, onDurable?: DurableListener): void {
  const tmp = path + TMP_FILE_SUFFIX;
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = openSync(tmp, 'w');
  try {
    writeFully(fd, bytes, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dirname(path));
  onDurable?.(path, bytes.length);
}

export function deleteFileIfExists(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

export function removeDirRecursive(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
