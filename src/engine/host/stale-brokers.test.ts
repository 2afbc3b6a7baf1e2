// Stale-broker clean-up ends a broker only when its engine host is gone (issue 9 §1): a broker of
// a live host — another cluster's — is left alone whatever the pid files say.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { endStaleBrokers, hostPidOfBroker } from './stale-brokers';
import { writeBrokerPids } from './orphan-watchdog';
import { isProcessAlive } from '../process-alive';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A process that looks like a broker of host `hostPid` (its argv is what the host passes). */
function fakeBroker(hostPid: number): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'dist/engine/broker-process.cjs', JSON.stringify({ nodeId: 1, hostPid, logDir: '/x' })], {
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function deadPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => gone.once('exit', r));
  return gone.pid!;
}

describe.runIf(process.platform === 'linux')('ending stale brokers', () => {
  it('reads the host pid from a broker process argv', async () => {
    const broker = fakeBroker(4242);
    await new Promise((r) => setTimeout(r, 100));
    expect(hostPidOfBroker(broker.pid!)).toBe(4242);
  });

  it('ends a listed broker whose host is gone, and leaves one whose host lives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brokerlab-stale-'));
    dirs.push(dir);
    const liveHost = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(liveHost);
    const orphan = fakeBroker(await deadPid());
    const hosted = fakeBroker(liveHost.pid!);
    // The orphan holds a broker folder's .lock; the hosted one is only in the pid list.
    mkdirSync(join(dir, 'broker-1'));
    writeFileSync(join(dir, 'broker-1', '.lock'), `${orphan.pid}\n`);
    writeBrokerPids(dir, [hosted.pid!]);
    await new Promise((r) => setTimeout(r, 100));
    const lines: string[] = [];
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const logger = createLogger('test', 'info', out);
    const ended = await endStaleBrokers(dir, logger);
    expect(ended).toEqual([orphan.pid]);
    expect(isProcessAlive(orphan.pid!)).toBe(false);
    expect(isProcessAlive(hosted.pid!)).toBe(true);
    expect(lines.join('\n')).toContain(`its engine host (pid ${liveHost.pid}) is alive: left alone`);
  });
});
