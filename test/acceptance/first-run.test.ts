// First run (issue 9 §1, §4): one data folder, one cluster; busy ports refused before anything is
// announced, each with its own exit code and nothing left running; the default API port taken by
// someone else is replaced by a free one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { kcatProduce } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { BROKERLAB_BIN, makeTempDir, REPO_ROOT, spawnTracked, startCluster, type ClusterProcess } from '../fixtures/processes';
import { clusterApi, processRunning, TEST_TOKEN } from '../cluster/api-fixture';

const API_LINE = /^api: http:\/\/127\.0\.0\.1:(\d+)\/#token=/m;

/** Runs `brokerlab up …` that is expected to refuse; resolves with its exit and output. */
async function refusedUp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawnTracked(process.execPath, [BROKERLAB_BIN, 'up', ...args], { cwd: REPO_ROOT, label: `brokerlab up ${args.join(' ')}` });
  const exit = await Promise.race([proc.exited, new Promise<null>((r) => setTimeout(() => r(null), 20_000))]);
  if (exit === null) {
    await proc.stop(2000);
    throw new Error(`brokerlab up ${args.join(' ')} did not exit:\n${proc.stdout()}\n${proc.stderr()}`);
  }
  return { code: exit.code, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** The port of the `api:` line (printed right after the bootstrap line, maybe in another chunk). */
async function apiPortOf(cluster: ClusterProcess): Promise<number> {
  return Number((await cluster.process.waitForOutput(API_LINE, { timeoutMs: 10_000 }))[1]);
}

/** Holds `port` on 127.0.0.1; null when someone else already holds it (it is busy all the same). */
function hold(port: number): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)));
    server.listen({ host: '127.0.0.1', port }, () => resolve(server));
  });
}

/** A port that was free a moment ago (the OS's pick), for tests that must name a fixed one. */
async function freePort(): Promise<number> {
  const server = (await hold(0))!;
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Processes whose command line names `dataDir` (a broker or host left behind would). */
function processesUsing(dataDir: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dataDir)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

describe('one data folder, one cluster', () => {
  const clusters: ClusterProcess[] = [];
  afterAll(async () => {
    for (const c of clusters) await c.stop();
  });

  it('refuses a second up on a folder in use in one line naming the folder and --data, and the first keeps serving', async () => {
    const first = await startCluster({ brokers: 2, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(first);
    const pidsBefore = (await (await clusterApi(first)).state()).brokers.map((b) => b.pid!);
    await createTopic(first.bootstrap, 'before-refusal', { partitions: 1, replicationFactor: 2 });

    const second = await refusedUp(['--brokers', '2', '--data', first.dataDir, '--port', '0']);
    expect(second.code).toBe(3);
    expect(second.stdout).toBe('');
    const lines = second.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`brokerlab: the data folder ${first.dataDir} is in use by another brokerlab (pid ${first.pid}): stop it, or give this one another folder with --data DIR`);

    // The first cluster is untouched: the same broker processes, and a produce through it is acknowledged.
    expect(pidsBefore.every(processRunning)).toBe(true);
    expect((await (await clusterApi(first)).state()).brokers.map((b) => b.pid)).toEqual(pidsBefore);
    const produced = await kcatProduce(first.bootstrap, 'before-refusal', [{ key: 'k', value: 'after the refusal' }], { partition: 0 });
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged).toHaveLength(1);
    expect(readFileSync(`${first.dataDir}/.brokerlab-host/host.pid`, 'utf8').trim()).toBe(String(first.pid));
  });

  it('takes the folder over once its host is gone (a killed host leaves a stale host.pid)', async () => {
    const first = await startCluster({ brokers: 1 });
    clusters.push(first);
    first.kill('SIGKILL');
    await first.process.exited;
    first.process.killGroup('SIGKILL');
    expect(existsSync(`${first.dataDir}/.brokerlab-host/host.pid`)).toBe(true);
    const next = await startCluster({ brokers: 1, dataDir: first.dataDir });
    clusters.push(next);
    expect(readFileSync(`${first.dataDir}/.brokerlab-host/host.pid`, 'utf8').trim()).toBe(String(next.pid));
  });

  it('runs two clusters on two folders, the second with --port 0 and no --api-port, each printing its own API address', async () => {
    // The first names its broker port and leaves the API port to the default (9600, or a free one
    // when 9600 is taken): it must come up whatever holds 9600.
    const port = await freePort();
    const a = await startCluster({ brokers: 1, extraArgs: ['--port', String(port), '--token', TEST_TOKEN] });
    clusters.push(a);
    const b = await startCluster({ brokers: 1, extraArgs: ['--token', TEST_TOKEN] });
    clusters.push(b);
    expect(a.brokers[0]!.port).toBe(port);
    const apiA = await apiPortOf(a);
    const apiB = await apiPortOf(b);
    expect(apiA).not.toBe(apiB);
    for (const [cluster, topic] of [
      [a, 'two-folders-a'],
      [b, 'two-folders-b'],
    ] as const) {
      const state = await (await clusterApi(cluster)).state();
      expect(state.dataDir).toBe(cluster.dataDir);
      await createTopic(cluster.bootstrap, topic);
      const produced = await kcatProduce(cluster.bootstrap, topic, [{ key: null, value: topic }], { partition: 0 });
      expect(produced.acknowledged).toHaveLength(1);
    }
  });
});

describe('busy ports', () => {
  const held: Server[] = [];
  afterAll(async () => {
    for (const s of held) await new Promise<void>((r) => s.close(() => r()));
  });

  it('with 9600 taken and no --api-port, up takes a free API port and prints it', async () => {
    // Hold 9600 ourselves; when something else has it, it is busy all the same.
    const mine = await hold(9600);
    if (mine) held.push(mine);
    const port = await freePort();
    const cluster = await startCluster({ brokers: 1, extraArgs: ['--port', String(port), '--token', TEST_TOKEN] });
    try {
      const api = await apiPortOf(cluster);
      expect(api).not.toBe(9600);
      expect((await (await clusterApi(cluster)).state()).brokers).toHaveLength(1);
      await cluster.process.waitForOutput(/port 9600 is in use: the API takes a free port \(see the api: line\)/, { stream: 'stderr', timeoutMs: 5000 });
    } finally {
      await cluster.stop();
    }
  });

  it('refuses a busy broker port in one line naming it and --port (exit 4), with nothing printed or left running', async () => {
    const blocker = (await hold(0))!;
    held.push(blocker);
    const busy = (blocker.address() as { port: number }).port;
    const dataDir = makeTempDir();
    // Three brokers from busy-2: the third one's port is the taken one.
    const run = await refusedUp(['--brokers', '3', '--data', dataDir, '--port', String(busy - 2), '--api-port', '0']);
    expect(run.code).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`brokerlab: port ${busy} is in use on 127.0.0.1: choose the first broker port with --port P (or --port 0 for free ports)\n`);
    expect(processesUsing(dataDir)).toEqual([]);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('broker-'))).toEqual([]);
    // The folder's lock went with it: a next up on it starts.
    const next = await startCluster({ brokers: 1, dataDir });
    await next.stop();
  });

  it('refuses a busy --api-port in one line (exit 5), with nothing printed or left running', async () => {
    const blocker = (await hold(0))!;
    held.push(blocker);
    const busy = (blocker.address() as { port: number }).port;
    const dataDir = makeTempDir();
    const run = await refusedUp(['--brokers', '1', '--data', dataDir, '--port', '0', '--api-port', String(busy)]);
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`brokerlab: API port ${busy} is in use on 127.0.0.1: pick another with --api-port P, or 0 for a free one\n`);
    expect(processesUsing(dataDir)).toEqual([]);
  });
});
