// The fault switches of issue 4 on a real 3-broker cluster, through the HTTP API and the CLI:
// each switch is checked against the broker's process and against the controller's view.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { Producer } from '../../src/engine/client/producer';
import { HttpConsoleClient, type WebSocketLike } from '../../src/shared/http-console-client';
import type { EngineClusterState, EngineEvent } from '../../src/shared/engine-types';
import { REPO_ROOT, startCluster, type ClusterProcess } from '../fixtures/processes';
import { clusterApi, processRunning, processStateLetter, TEST_TOKEN, type ClusterApi } from './api-fixture';
import { FAST_FAILOVER_CONFIG, waitFor } from './cluster-fixture';

const TOPIC = 'faults';

function broker(state: EngineClusterState, id: number) {
  return state.brokers.find((b) => b.id === id)!;
}

function logSize(dataDir: string, brokerId: number): number {
  let total = 0;
  for (const p of [0, 1, 2]) {
    const dir = join(dataDir, `broker-${brokerId}`, `${TOPIC}-${p}`);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.log')) total += statSync(join(dir, f)).size;
  }
  return total;
}

describe('fault switches of a 3-broker cluster (session timeout 2 s)', () => {
  let cluster: ClusterProcess;
  let api: ClusterApi;
  let produced = 0;

  // A fresh client each time: one with metadata from before a fault would wait out its request
  // timeout on a blackholed leader, as any Kafka client does.
  const produce = async (n: number): Promise<void> => {
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'fault-test', connectTimeoutMs: 2000, requestTimeoutMs: 10_000, retries: 8 });
    try {
      const producer = new Producer(client);
      for (const partition of [0, 1, 2]) {
        await producer.send(TOPIC, Array.from({ length: n }, (_, i) => ({ partition, key: Buffer.from(`k${i}`), value: Buffer.from(`v${produced + i}`) })), { acks: -1 });
      }
    } finally {
      await client.close();
    }
    produced += n;
  };
  const state = () => api.state();
  const until = (what: string, done: (s: EngineClusterState) => boolean, timeoutMs = 10_000) => waitFor(what, state, done, timeoutMs);
  const replicasCaughtUp = (s: EngineClusterState) =>
    s.partitions.filter((p) => p.topic === TOPIC).every((p) => p.isr.length === 3 && p.replicaStatus.every((r) => r.logEndOffset === p.highWatermark && r.logEndOffset === produced));

  beforeAll(async () => {
    const config = Object.entries(FAST_FAILOVER_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
    cluster = await startCluster({ brokers: 3, extraArgs: [...config, '--token', TEST_TOKEN] });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts with every broker running, registered and unfenced, and shows each replica’s log end offset', async () => {
    api = await clusterApi(cluster);
    const created = await api.call('POST', '/api/rpc/topics:create', { name: TOPIC, partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
    expect(created.status).toBe(200);
    await produce(20);
    const s = await until('replicas caught up', replicasCaughtUp);
    expect(s.brokers.map((b) => [b.id, b.state, b.controller?.fenced])).toEqual([
      [1, 'running', false],
      [2, 'running', false],
      [3, 'running', false],
    ]);
    expect(s.fsyncOnWrite).toBe(false);
    expect(s.sessionTimeoutMs).toBe(2000);
    const p0 = s.partitions.find((p) => p.topic === TOPIC && p.partition === 0)!;
    expect(p0.replicas.sort()).toEqual([1, 2, 3]);
    expect(p0.highWatermark).toBe(20);
  });

  it('refuses bad requests with a status and a message', async () => {
    const noToken = await api.call('GET', '/api/cluster', undefined, null);
    expect(noToken.status).toBe(401);
    const wrongToken = await api.call('POST', '/api/brokers/1/kill', undefined, 'x'.repeat(32));
    expect(wrongToken.status).toBe(401);
    const cases: Array<[string, number, RegExp, unknown?]> = [
      ['/api/brokers/abc/kill', 400, /broker id must be a whole number, got 'abc'/],
      ['/api/brokers/9/kill', 404, /there is no broker 9 \(the brokers are 1, 2, 3\)/],
      ['/api/brokers/1/explode', 404, /there is no broker action 'explode'/],
      ['/api/links/1/2/snip', 404, /there is no link action 'snip'/],
      ['/api/links/1/1/cut', 400, /two different brokers/],
      ['/api/brokers/1/resume', 409, /broker 1 is running, not paused/],
      ['/api/brokers/1/start', 409, /broker 1 is already running/],
      ['/api/brokers/1/latency', 400, /needs ms/, {}],
      ['/api/brokers/1/latency', 400, /request.ms must be a whole number/, { ms: 'slow' }],
      ['/api/brokers/1/isolate', 400, /request.mode must be one of blackhole, reset/, { mode: 'drop' }],
      ['/api/brokers/1/kill', 400, /unknown field 'force'/, { force: true }],
    ];
    for (const [path, status, message, body] of cases) {
      const r = await api.call('POST', path, body);
      expect([path, r.status]).toEqual([path, status]);
      expect(r.body.error.message).toMatch(message);
    }
    expect((await api.call('GET', '/api/brokers/1/kill')).status).toBe(405);
    // Nothing was harmed by any of it.
    expect((await state()).brokers.every((b) => b.state === 'running')).toBe(true);
  });

  it('pause is SIGSTOP: the controller fences the silent broker; resume unfences it', async () => {
    const pid = broker(await state(), 3).pid!;
    const paused = await api.act('/api/brokers/3/pause');
    expect(paused.broker.state).toBe('paused');
    // The signal lands asynchronously; on a loaded machine /proc may still say R for a moment.
    if (process.platform === 'linux') await waitFor('broker 3 stopped by SIGSTOP', async () => processStateLetter(pid), (l) => l === 'T', 3000);
    await until('broker 3 fenced', (s) => broker(s, 3).controller?.fenced === true);
    expect(broker(await state(), 3).state).toBe('paused');
    await api.act('/api/brokers/3/resume');
    await waitFor('broker 3 continued by SIGCONT', async () => processStateLetter(pid), (l) => l !== 'T', 3000);
    await until('broker 3 unfenced', (s) => broker(s, 3).controller?.fenced === false && broker(s, 3).state === 'running');
    // Unfenced is not yet back in the ISRs: the next fault must start from a whole cluster.
    await until('broker 3 back in every ISR', replicasCaughtUp, 20_000);
  });

  it('isolate cuts the broker from clients, brokers and the controller: fenced, out of every ISR; heal brings it back', async () => {
    await until('every ISR whole before the fault', replicasCaughtUp, 20_000);
    await api.act('/api/brokers/2/isolate');
    let healed = false;
    try {
      expect(broker(await state(), 2).state).toBe('isolated');
      // A client reaching broker 2 gets silence, as in a real partition.
      const b2 = broker(await state(), 2);
      await expect(BrokerConnection.connect({ host: b2.host, port: b2.port, connectTimeoutMs: 800 })).rejects.toThrow(/timed out/);
      const s = await until('broker 2 fenced and out of the ISRs', (x) =>
        broker(x, 2).controller?.fenced === true && x.partitions.filter((p) => p.topic === TOPIC).every((p) => !p.isr.includes(2) && p.leader !== 2 && p.isr.length === 2),
      );
      expect(broker(s, 2).network.isolation).toBe('blackhole');
      await produce(5);
      await api.act('/api/brokers/2/heal');
      healed = true;
    } finally {
      // A failure above must not leave broker 2 cut off for every later test.
      if (!healed) await api.call('POST', '/api/brokers/2/heal');
    }
    await until('broker 2 back in every ISR', (x) => broker(x, 2).controller?.fenced === false && replicasCaughtUp(x), 20_000);
    expect(broker(await state(), 2).state).toBe('running');
  });

  it('a cut link 1<->3 drops the follower from the leader’s ISR while both stay registered; heal restores it', async () => {
    const before = await state();
    const led1 = before.partitions.filter((p) => p.topic === TOPIC && p.leader === 1);
    const led3 = before.partitions.filter((p) => p.topic === TOPIC && p.leader === 3);
    expect(led1.length + led3.length).toBeGreaterThan(0);
    const cut = await api.act('/api/links/1/3/cut');
    expect(cut.links).toEqual([{ a: 1, b: 3, mode: 'blackhole' }]);
    await produce(5);
    const s = await until(
      'each leader on 1 or 3 to drop the other',
      (x) => x.partitions.filter((p) => p.topic === TOPIC && (p.leader === 1 || p.leader === 3)).every((p) => !p.isr.includes(p.leader === 1 ? 3 : 1)),
      15_000,
    );
    expect(broker(s, 1).controller?.fenced).toBe(false);
    expect(broker(s, 3).controller?.fenced).toBe(false);
    expect(broker(s, 1).network.cutFrom).toEqual([3]);
    await api.act('/api/links/1/3/heal');
    await until('ISRs whole again', replicasCaughtUp, 20_000);
    expect((await state()).links).toEqual([]);
  });

  it('latency delays every exchange with the broker, each way; 0 removes it', async () => {
    const b1 = broker(await state(), 1);
    const timeConnect = async () => {
      const started = Date.now();
      const conn = await BrokerConnection.connect({ host: b1.host, port: b1.port, connectTimeoutMs: 5000 });
      conn.close();
      return Date.now() - started;
    };
    const slow = await api.act('/api/brokers/1/latency', { ms: 250 });
    expect(slow.broker.network.latency).toEqual({ inMs: 250, outMs: 250 });
    expect(await timeConnect()).toBeGreaterThanOrEqual(480);
    await api.act('/api/brokers/1/latency', { ms: 0 });
    expect(await timeConnect()).toBeLessThan(200);
  });

  it('kill is SIGKILL: the process is gone and the controller fences it; start brings it back on its port', async () => {
    const before = broker(await state(), 1);
    const killed = await api.act('/api/brokers/1/kill');
    expect(killed.broker.state).toBe('killed');
    expect(killed.broker.pid).toBeNull();
    expect(processRunning(before.pid!)).toBe(false);
    await until('broker 1 fenced', (s) => broker(s, 1).controller?.fenced === true && s.partitions.every((p) => p.leader !== 1));
    const started = await api.act('/api/brokers/1/start');
    expect(started.broker.state).toBe('running');
    expect(started.broker.port).toBe(before.port);
    await until('broker 1 caught up', (s) => broker(s, 1).controller?.fenced === false && replicasCaughtUp(s), 20_000);
  });

  it('stop is a controlled shutdown: leaderships leave before the process ends; restart gives a new process', async () => {
    await api.act('/api/brokers/2/restart').then((r) => expect(r.broker.state).toBe('running'));
    await until('broker 2 caught up after restart', replicasCaughtUp, 20_000);
    const stopped = await api.act('/api/brokers/2/stop');
    expect(stopped.broker.state).toBe('stopped');
    // No wait for a session timeout: the controller moved everything off it during the shutdown.
    const s = await state();
    expect(s.partitions.every((p) => p.leader !== 2)).toBe(true);
    expect(broker(s, 2).controller?.fenced).toBe(true);
    expect((await api.call('POST', '/api/brokers/2/stop')).status).toBe(409);
    await api.act('/api/brokers/2/start');
    await until('broker 2 caught up', replicasCaughtUp, 20_000);
  });

  it('power-loss kills the broker and cuts its files back to what was fsynced; it recovers from its peers', async () => {
    await produce(10);
    await until('replicas caught up', replicasCaughtUp, 20_000);
    const sizeBefore = logSize(cluster.dataDir, 3);
    expect(sizeBefore).toBeGreaterThan(0);
    const cut = await api.act('/api/brokers/3/power-loss');
    expect(cut.broker.state).toBe('power-lost');
    expect(cut.detail).toMatch(/files truncated and \d+ removed/);
    // flush.messages/flush.ms are Kafka's "never": nothing produced since the broker started was fsynced.
    expect(logSize(cluster.dataDir, 3)).toBeLessThan(sizeBefore);
    await api.act('/api/brokers/3/start');
    await until('broker 3 re-replicated what the cut lost', replicasCaughtUp, 20_000);
  });

  it('the event log and the engine:event stream tell leader changes, ISR changes, broker states and faults', async () => {
    const r = await api.call('GET', '/api/events?after=0');
    expect(r.status).toBe(200);
    const kinds = new Set((r.body.events as EngineEvent[]).map((e) => e.kind));
    for (const kind of ['leader-change', 'isr-shrink', 'isr-expand', 'broker-state', 'broker-fenced', 'broker-unfenced', 'fault'] as const) expect(kinds).toContain(kind);
    const faults = (r.body.events as EngineEvent[]).filter((e) => e.kind === 'fault').map((e) => (e.kind === 'fault' ? e.action : ''));
    expect(faults).toEqual(expect.arrayContaining(['pause', 'resume', 'isolate', 'heal', 'link-cut', 'link-heal', 'latency', 'kill', 'start', 'restart', 'stop', 'power-loss']));

    const ws = new HttpConsoleClient({ baseUrl: api.baseUrl, token: TEST_TOKEN, webSocket: (url) => new WebSocket(url) as unknown as WebSocketLike });
    const seen: EngineEvent[] = [];
    ws.subscribe('engine:event', (e) => seen.push(e));
    try {
      await new Promise((res) => setTimeout(res, 300));
      await api.act('/api/brokers/1/latency', { inMs: 5, outMs: 0 });
      await waitFor('the latency event on the stream', async () => seen, (s) => s.some((e) => e.kind === 'fault' && e.action === 'latency' && e.detail === 'in 5 ms, out 0 ms'), 5000);
      await api.act('/api/brokers/1/heal');
    } finally {
      ws.close();
    }
  });

  it('the CLI drives the same switches, with one-line errors and exit codes', () => {
    const cli = (...args: string[]) => {
      const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'brokerlab.js'), ...args], {
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, BROKERLAB_API: api.baseUrl, BROKERLAB_API_TOKEN: TEST_TOKEN },
      });
      return { code: run.status, stdout: run.stdout, stderr: run.stderr };
    };
    const shown = cli('cluster');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^broker 2 {2}running/m);
    expect(shown.stdout).toMatch(/fsync: off/);
    expect(cli('broker', 'pause', '2')).toMatchObject({ code: 0, stdout: 'broker 2: pause — SIGSTOP (now paused)\n' });
    const refused = cli('broker', 'pause', '2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('brokerlab: CONFLICT: broker 2 is paused: only a running broker can be paused\n');
    expect(cli('broker', 'resume', '2').code).toBe(0);
    expect(cli('link', 'cut', '2', '3', '--mode', 'reset').stdout).toBe('link 2<->3: cut; links cut now: 2<->3 (reset)\n');
    expect(cli('link', 'heal', '3', '2').stdout).toBe('link 3<->2: heal; links cut now: none\n');
    expect(cli('broker', 'kill', '7')).toMatchObject({ code: 1, stderr: 'brokerlab: NOT_FOUND: there is no broker 7 (the brokers are 1, 2, 3)\n' });
    for (const [args, message] of [
      [['broker'], /^brokerlab: broker: missing the action/],
      [['broker', 'kill', 'two'], /^brokerlab: the broker id must be a whole number, got 'two'$/m],
      [['broker', 'latency', '1'], /^brokerlab: broker latency: give the delay in ms/],
      [['link', 'cut', '1'], /^brokerlab: missing the second broker id$/m],
      [['broker', 'kill', '1', '--api', 'ftp://x'], /^brokerlab: --api must be an http:\/\/ URL/],
    ] as Array<[string[], RegExp]>) {
      const run = cli(...args);
      expect([args, run.code]).toEqual([args, 2]);
      expect(run.stderr.split('\n')[0]).toMatch(message);
    }
    // The whole api: line works as --api, token included.
    const viaLine = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'brokerlab.js'), 'cluster', '--api', `${api.baseUrl}/#token=${TEST_TOKEN}`], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH } });
    expect(viaLine.status).toBe(0);
  });
});
