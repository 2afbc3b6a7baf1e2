import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, lockAddress, lockDataFolder, type DataFolderLock } from './data-folder-lock';

const dirs: string[] = [];
const locks: DataFolderLock[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-lock-'));
  dirs.push(dir);
  return dir;
}
async function lock(dir: string, platform?: NodeJS.Platform): Promise<DataFolderLock> {
  const l = await lockDataFolder(dir, platform);
  locks.push(l);
  return l;
}
afterEach(async () => {
  for (const l of locks.splice(0)) await l.release();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the data folder host lock', () => {
  it('refuses a second holder, naming the folder, the holder pid and --data; released, it can be taken again', async () => {
    const dir = tempDir();
    const first = await lock(dir);
    expect(readFileSync(join(dir, '.brokerlab-host', 'host.pid'), 'utf8')).toBe(`${process.pid}\n`);
    const refused = await lockDataFolder(dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toBe(`the data folder ${dir} is in use by another brokerlab (pid ${process.pid}): stop it, or give this one another folder with --data DIR`);
    await first.release();
    expect(existsSync(join(dir, '.brokerlab-host', 'host.pid'))).toBe(false);
    await lock(dir);
  });

  it('meets two spellings of one folder (a symlink) on one lock', async () => {
    const dir = tempDir();
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    await lock(dir);
    await expect(lockDataFolder(link)).rejects.toBeInstanceOf(DataFolderInUseError);
  });

  it('replaces a host.pid naming a dead process', async () => {
    const dir = tempDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    mkdirSync(join(dir, '.brokerlab-host'), { recursive: true });
    writeFileSync(join(dir, '.brokerlab-host', 'host.pid'), `${dead.pid}\n`);
    await lock(dir);
    expect(readFileSync(join(dir, '.brokerlab-host', 'host.pid'), 'utf8')).toBe(`${process.pid}\n`);
  });

  it('treats a live pid in host.pid as recycled when the OS-freed socket was free, and as the holder with a socket file', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      mkdirSync(join(dir, '.brokerlab-host'), { recursive: true });
      writeFileSync(join(dir, '.brokerlab-host', 'host.pid'), `${other.pid}\n`);
      // A socket file can be removed by hand: then the live pid still holds the folder.
      const refused = await lockDataFolder(dir, 'darwin').catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toContain(`(pid ${other.pid})`);
      expect(readFileSync(join(dir, '.brokerlab-host', 'host.pid'), 'utf8')).toBe(`${other.pid}\n`);
      if (process.platform === 'linux') {
        await lock(dir);
        expect(readFileSync(join(dir, '.brokerlab-host', 'host.pid'), 'utf8')).toBe(`${process.pid}\n`);
      }
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('is freed by the OS when its holder dies without releasing it (host.pid left behind)', async () => {
    const dir = tempDir();
    const pidFile = join(dir, '.brokerlab-host', 'host.pid');
    mkdirSync(join(dir, '.brokerlab-host'));
    // Another process holding the folder as a host does: the socket, and its pid in host.pid.
    const script = `const fs = require('node:fs');
      require('node:net').createServer((s) => s.end(process.pid + '\\n')).listen({ path: ${JSON.stringify(lockAddress(dir))} }, () => {
        fs.writeFileSync(${JSON.stringify(pidFile)}, process.pid + '\\n');
        console.log('locked');
      });`;
    const holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.once('exit', (code) => reject(new Error(`the holder exited (${code})`)));
    });
    await expect(lockDataFolder(dir)).rejects.toThrow(`(pid ${holder.pid})`);
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    expect(readFileSync(pidFile, 'utf8')).toBe(`${holder.pid}\n`);
    await lock(dir);
    expect(readFileSync(pidFile, 'utf8')).toBe(`${process.pid}\n`);
  });

  it('with a socket file (macOS and others), takes over a file nobody answers on', async () => {
    const dir = tempDir();
    const address = lockAddress(dir, 'darwin');
    // A stale socket file: bound by a server that is closed without unlinking is not possible in
    // Node (close unlinks), so leave a plain file where the socket was.
    writeFileSync(address, '');
    try {
      const l = await lock(dir, 'darwin');
      await expect(lockDataFolder(dir, 'darwin')).rejects.toBeInstanceOf(DataFolderInUseError);
      await l.release();
    } finally {
      rmSync(address, { force: true });
    }
  });

  it('refuses when the socket is held even if host.pid is missing', async () => {
    const dir = tempDir();
    const server = createServer();
    await new Promise<void>((r) => server.listen({ path: lockAddress(dir) }, () => r()));
    try {
      await expect(lockDataFolder(dir)).rejects.toBeInstanceOf(DataFolderInUseError);
      expect(existsSync(join(dir, '.brokerlab-host', 'host.pid'))).toBe(false);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
