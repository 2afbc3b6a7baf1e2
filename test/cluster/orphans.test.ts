// No orphans (issue 4, DESIGN decision 5): a SIGKILLed host leaves no broker behind within 5 s,
// even one it had SIGSTOPped, and every broker folder's `.lock` is free for the next host.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { clusterApi, processRunning, processStateLetter, TEST_TOKEN } from './api-fixture';
import { waitFor } from './cluster-fixture';

describe('no broker outlives its engine host', () => {
  const clusters: ClusterProcess[] = [];
  afterAll(async () => {
    for (const c of clusters) await c.stop();
  });

  it('after SIGKILL of the host, with one broker SIGSTOPped, no broker remains after 5 s and a new host takes the folder', async () => {
    const first = await startCluster({ brokers: 3, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(first);
    const api = await clusterApi(first);
    const pids = (await api.state()).brokers.map((b) => b.pid!);
    expect(pids.every((pid) => processRunning(pid))).toBe(true);
    await api.act('/api/brokers/2/pause');
    // The signal lands asynchronously; on a loaded machine /proc may still say R for a moment.
    if (process.platform === 'linux') await waitFor('broker 2 stopped by SIGSTOP', async () => processStateLetter(pids[1]!), (l) => l === 'T', 3000);

    first.kill('SIGKILL');
    const killedAt = Date.now();
    while (pids.some(processRunning) && Date.now() - killedAt < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(pids.filter(processRunning)).toEqual([]);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    // Each lock is released (a broker that stopped on its closed pipe removes it) or names a pid
    // that is gone (stale, taken over by the next broker).
    for (const id of [1, 2, 3]) {
      const lock = join(first.dataDir, `broker-${id}`, '.lock');
      if (existsSync(lock)) expect(processRunning(Number(readFileSync(lock, 'utf8').trim()))).toBe(false);
    }

    const second = await startCluster({ brokers: 3, dataDir: first.dataDir, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(second);
    const state = await (await clusterApi(second)).state();
    expect(state.brokers.map((b) => b.state)).toEqual(['running', 'running', 'running']);
  });

  it.runIf(process.platform === 'linux')('a host starting on a folder whose brokers outlived their host ends them first', async () => {
    const first = await startCluster({ brokers: 2, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(first);
    const api = await clusterApi(first);
    const pids = (await api.state()).brokers.map((b) => b.pid!);
    // A host whose brokers were paused and whose watchdog cannot help (SIGKILLed with it): the
    // stopped brokers hold their locks until the next host ends them.
    await api.act('/api/brokers/1/pause');
    await api.act('/api/brokers/2/pause');
    const watchdog = watchdogOf(first.pid);
    expect(watchdog).not.toBeNull();
    process.kill(watchdog!, 'SIGKILL');
    first.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    expect(pids.every(processRunning)).toBe(true);

    const second = await startCluster({ brokers: 2, dataDir: first.dataDir, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(second);
    expect(pids.filter(processRunning)).toEqual([]);
    expect(second.stderr()).toMatch(/still held by broker process \d+ from an earlier run: ending it/);
    const state = await (await clusterApi(second)).state();
    expect(state.brokers.map((b) => b.state)).toEqual(['running', 'running']);
  });

  // The idempotence acceptance test once lost its restarted broker this way under CI load: the
  // first host's watchdog woke after the second host had rewritten brokers.pids, and killed the
  // second host's broker 1.5 s later. A watchdog ends only the brokers its own host forked.
  it.runIf(process.platform === 'linux')('a watchdog that wakes after the next host took the folder leaves that host\'s brokers alone', async () => {
    const first = await startCluster({ brokers: 1, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(first);
    const firstPids = (await (await clusterApi(first)).state()).brokers.map((b) => b.pid!);
    const watchdog = watchdogOf(first.pid);
    expect(watchdog).not.toBeNull();
    // Held, as a loaded machine holds it, until the next host is up.
    process.kill(watchdog!, 'SIGSTOP');
    try {
      first.process.killGroup('SIGKILL');
      await first.process.exited;
      // Reaped, not only dead: a zombie still holds its pid, and with it the broker folder's lock.
      await waitFor('the first host\'s broker to be reaped', async () => firstPids.filter(pidExists), (left) => left.length === 0, 10_000);

      const second = await startCluster({ brokers: 1, dataDir: first.dataDir, extraArgs: ['--token', TEST_TOKEN] });
      clusters.push(second);
      const api = await clusterApi(second);
      const secondPids = (await api.state()).brokers.map((b) => b.pid!);
      expect(secondPids.every(processRunning)).toBe(true);

      process.kill(watchdog!, 'SIGCONT');
      // It has done all it will do once it exits (its grace for a clean stop is 1.5 s).
      await waitFor('the first host\'s watchdog to exit', async () => processRunning(watchdog!), (running) => !running, 10_000);
      expect(secondPids.filter((pid) => !processRunning(pid))).toEqual([]);
      expect((await api.state()).brokers.map((b) => b.state)).toEqual(['running']);
    } finally {
      try {
        process.kill(watchdog!, 'SIGCONT');
      } catch {
        // gone
      }
    }
  });
});

/** The watchdog process a host started (found by its argv, which names the host pid). */
function watchdogOf(hostPid: number): number | null {
  for (const entry of readdirProc()) {
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('brokerlab-watchdog') && args.includes(String(hostPid))) return Number(entry);
    } catch {
      // gone
    }
  }
  return null;
}

function readdirProc(): string[] {
  try {
    return readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
