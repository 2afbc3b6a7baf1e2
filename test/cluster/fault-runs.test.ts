// Issue 4 §5's runs: 3 brokers, RF 3, min.insync.replicas 2, idempotent kcat and kafkajs producers
// writing with acks=all while a fault hits and a consumer reading as the cluster recovers; in each run
// every acknowledged record appears exactly once, failed ones at most once, offsets are dense, order
// per producer holds, every record the consumers saw equals the final log's record at its offset, and
// within replica.lag.time.max.ms + 2 s of the heal every partition's ISR holds all three replicas.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { kafkajsProduce } from '../drivers/kafkajs';
import { checkHistory } from '../../src/engine/history/checker';
import type { AckedWrite, ConsumedRecord, IndeterminateWrite } from '../drivers/types';
import { clusterApi, TEST_TOKEN, type ClusterApi } from './api-fixture';
import { FAST_FAILOVER_CONFIG, waitFor } from './cluster-fixture';
import type { EngineClusterState } from '../../src/shared/engine-types';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { Producer } from '../../src/engine/client/producer';

const LAG_MS = Number(FAST_FAILOVER_CONFIG['replica.lag.time.max.ms']);

describe('fault runs on a 3-broker cluster (RF 3, min ISR 2, idempotent acks=all producer)', () => {
  let cluster: ClusterProcess;
  let api: ClusterApi;
  const acknowledged: AckedWrite[] = [];
  const indeterminate: IndeterminateWrite[] = [];
  const reads: ConsumedRecord[][] = [];
  let seq = 0;
  let run = 0;

  const leaderOf = async (partition: number): Promise<number> =>
    (await api.state()).partitions.find((p) => p.topic === 'runs' && p.partition === partition)?.leader ?? -1;
  const fullIsr = (s: EngineClusterState) => s.partitions.filter((p) => p.topic === 'runs').every((p) => p.isr.length === 3);

  /** Produces two streams while `fault` runs after `delayMs`, then reads while they finish. */
  async function streamThrough(fault: () => Promise<void>, delayMs = 150): Promise<void> {
    const thisRun = run++;
    const next = (tag: string, keys: number) => () => {
      const n = seq++;
      return { key: `${tag}${n % keys}`, value: `${tag}${n}` };
    };
    const producing = kcatProduce(cluster.bootstrap, 'runs', Array.from({ length: 6000 }, next('k', 101)), {
      // One producer name per run: order is checked per producer and partition.
      producer: `kcat-${thisRun}`,
      partitionCount: 3,
      config: { 'batch.num.messages': 100, 'linger.ms': 2, 'message.timeout.ms': 20_000 },
      timeoutMs: 60_000,
    });
    // Small sends, so the kafkajs producer is mid-stream when the fault lands; enough retries to
    // ride out a fence (kafkajs backs off 100 ms doubling to 1 s).
    const producingJs = kafkajsProduce(cluster.bootstrap, 'runs', Array.from({ length: 3000 }, next('j', 97)), {
      producer: `kafkajs-${thisRun}`,
      batchSize: 20,
      retries: 8,
    });
    await new Promise((r) => setTimeout(r, delayMs));
    await fault();
    // Read while the producers may still write and replicas catch up: a consumer must never see a
    // record the final log does not hold at that offset.
    const reading = kcatConsume(cluster.bootstrap, 'runs', { timeoutMs: 60_000 });
    // Whatever one client reports is kept even if the other failed, so a failure here is reported
    // as itself and not again as unexpected records in the final check.
    const settled = await Promise.allSettled([producing, producingJs, reading]);
    for (const result of settled.slice(0, 2)) {
      if (result.status === 'fulfilled' && 'acknowledged' in result.value) {
        acknowledged.push(...result.value.acknowledged);
        indeterminate.push(...result.value.indeterminate);
      }
    }
    if (settled[2].status === 'fulfilled') reads.push(settled[2].value);
    for (const result of settled) if (result.status === 'rejected') throw result.reason;
  }

  async function expectHealedWithin(ms: number): Promise<void> {
    const healedAt = Date.now();
    await waitFor('every ISR full again', () => api.state(), fullIsr, ms);
    expect(Date.now() - healedAt).toBeLessThanOrEqual(ms);
  }

  beforeAll(async () => {
    const config = Object.entries(FAST_FAILOVER_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
    cluster = await startCluster({ brokers: 3, extraArgs: [...config, '--token', TEST_TOKEN] });
    api = await clusterApi(cluster);
    await api.act('/api/rpc/topics:create', { name: 'runs', partitions: 3, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('isolates the leader (blackhole), then heals it', async () => {
    const leader = await leaderOf(0);
    await streamThrough(async () => {
      await api.act(`/api/brokers/${leader}/isolate`);
      await waitFor('a new leader', () => leaderOf(0), (id) => id > 0 && id !== leader, 10_000);
      await api.act(`/api/brokers/${leader}/heal`);
    });
    await expectHealedWithin(LAG_MS + 2000);
  }, 90_000);

  it('power-loses a follower and restarts it', async () => {
    const leader = await leaderOf(1);
    const follower = (await api.state()).partitions.find((p) => p.topic === 'runs' && p.partition === 1)!.replicas.find((id) => id !== leader)!;
    await streamThrough(async () => {
      await api.act(`/api/brokers/${follower}/power-loss`);
      await new Promise((r) => setTimeout(r, 300));
      await api.act(`/api/brokers/${follower}/start`);
    });
    await expectHealedWithin(LAG_MS + 2000);
  }, 90_000);

  it('kills and restarts the leader five times in a row', async () => {
    for (let round = 0; round < 5; round++) {
      const leader = await leaderOf(round % 3);
      await streamThrough(async () => {
        await api.act(`/api/brokers/${leader}/kill`);
        await waitFor('a new leader', () => leaderOf(round % 3), (id) => id > 0 && id !== leader, 10_000);
        await api.act(`/api/brokers/${leader}/start`);
      }, 100);
      await expectHealedWithin(LAG_MS + 2000);
    }
  }, 240_000);

  it('with two brokers down, refuses acks=all writes with NOT_ENOUGH_REPLICAS and the leader log end stops', async () => {
    const leader = await leaderOf(2);
    const others = (await api.state()).brokers.map((b) => b.id).filter((id) => id !== leader);
    for (const id of others) await api.act(`/api/brokers/${id}/kill`);
    await waitFor('an ISR of one', () => api.state(), (s) => s.partitions.find((p) => p.topic === 'runs' && p.partition === 2)?.isr.length === 1, 10_000);
    const leaderEnd = async (): Promise<number | null> =>
      (await api.state()).partitions.find((p) => p.topic === 'runs' && p.partition === 2)?.replicaStatus.find((r) => r.brokerId === leader)?.logEndOffset ?? null;
    const before = await leaderEnd();
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, retries: 0 });
    try {
      for (let i = 0; i < 5; i++) {
        await expect(new Producer(client).send('runs', [{ partition: 2, key: 'k', value: `refused-${i}` }], { acks: -1 })).rejects.toMatchObject({ name: 'NOT_ENOUGH_REPLICAS' });
      }
    } finally {
      await client.close();
    }
    // Replica reports come at least every 2 s: wait past one, then the leader's log end is unchanged.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await leaderEnd()).toBe(before);
    for (const id of others) await api.act(`/api/brokers/${id}/start`);
    await expectHealedWithin(LAG_MS + 2000);
  }, 60_000);

  it('every acknowledged record of all runs is in the final log exactly once, at dense offsets', async () => {
    const consumed = await kcatConsume(cluster.bootstrap, 'runs', { timeoutMs: 60_000 });
    const report = checkHistory({ acknowledged, indeterminate, reads: [...reads, consumed] }, { requireDenseOffsets: true });
    if (!report.ok && process.env['BROKERLAB_HISTORY_DUMP']) {
      writeFileSync(process.env['BROKERLAB_HISTORY_DUMP'], JSON.stringify({ acknowledged, indeterminate, reads: [...reads, consumed], log: cluster.stderr() }));
    }
    expect(report.ok, report.summary).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(0);
    // Both clients got writes through in every run.
    for (let r = 0; r < run; r++) {
      for (const client of ['kcat', 'kafkajs']) expect(acknowledged.some((a) => a.producer === `${client}-${r}`), `${client}-${r}`).toBe(true);
    }
  }, 90_000);
});
