// The watchdog ends only its own host's brokers (issue 9 §1): when a new host took the folder just
// after the old one died, brokers.pids already lists the new host's brokers, and they must live.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { startOrphanWatchdog, writeBrokerPids } from './orphan-watchdog';
import { isProcessAlive } from '../process-alive';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sleeper(args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...args], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** A process whose argv is what a host passes its broker. */
function fakeBroker(hostPid: number): ChildProcess {
  return sleeper(['dist/engine/broker-process.cjs', JSON.stringify({ nodeId: 1, hostPid, logDir: '/x' })]);
}

describe.runIf(process.platform === 'linux')('the orphan watchdog', () => {
  it('ends the brokers of its dead host and leaves a live host’s brokers listed in the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brokerlab-watchdog-'));
    dirs.push(dir);
    const deadHost = sleeper();
    const liveHost = sleeper();
    const orphan = fakeBroker(deadHost.pid!);
    const other = fakeBroker(liveHost.pid!);
    writeBrokerPids(dir, [orphan.pid!, other.pid!]);
    await new Promise((r) => setTimeout(r, 100));
    const watchdog = startOrphanWatchdog(dir, createLogger('test', 'error', new PassThrough()), deadHost.pid!);
    expect(watchdog).not.toBeNull();
    deadHost.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (isProcessAlive(orphan.pid!) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(isProcessAlive(orphan.pid!)).toBe(false);
    // The watchdog is done (it exits after its grace period) and the other host's broker still runs.
    while (watchdog!.exitCode === null && watchdog!.signalCode === null && Date.now() < deadline + 3000) await new Promise((r) => setTimeout(r, 50));
    expect(isProcessAlive(other.pid!)).toBe(true);
  });
});
