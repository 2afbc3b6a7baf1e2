// A coordinator failover made reproducible: the coordinator's link to a partition leader is cut,
// so the transaction sits in PrepareCommit with its marker unwritten; the coordinator is killed and
// the link healed; the new coordinator loads PrepareCommit from __transaction_state and finishes
// the commit. read_committed then sees the whole transaction — never part of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { kafkajsReadValues, transactionalProducer } from '../drivers/kafkajs-txn';
import { describeTransaction, transactionCoordinator } from '../drivers/txn-admin';
import { clusterApi, TEST_TOKEN, type ClusterApi } from '../cluster/api-fixture';
import { FAST_FAILOVER_CONFIG, leaderOf, waitFor } from '../cluster/cluster-fixture';

describe('a transaction in PrepareCommit survives the loss of its coordinator', () => {
  let cluster: ClusterProcess;
  let api: ClusterApi;

  beforeAll(async () => {
    const config = { ...FAST_FAILOVER_CONFIG, 'broker.session.timeout.ms': '4000' };
    cluster = await startCluster({ brokers: 3, extraArgs: [...Object.entries(config).flatMap(([k, v]) => ['--config', `${k}=${v}`]), '--token', TEST_TOKEN] });
    api = await clusterApi(cluster);
    await createTopic(cluster.bootstrap, 'txn-prepare', { partitions: 3, replicationFactor: 3 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('the new coordinator completes the commit after the old one was cut from the leader and killed', async () => {
    const producer = await transactionalProducer(cluster.bootstrap, 'prepare-tx', { transactionTimeoutMs: 120_000 });
    const values = Array.from({ length: 6 }, (_, i) => `p-${i}`);
    let coordinator: number;
    try {
      // Warm up: the coordinator exists and the producer has its id.
      const warm = await producer.transaction();
      await warm.abort();
      coordinator = (await transactionCoordinator(cluster.bootstrap, 'prepare-tx')).nodeId;
      const leaders = await Promise.all([0, 1, 2].map((p) => leaderOf(cluster, 'txn-prepare', p)));
      const partition = leaders.findIndex((l) => l !== coordinator);
      expect(partition).toBeGreaterThanOrEqual(0);
      const leader = leaders[partition]!;
      const txn = await producer.transaction();
      await txn.send({ topic: 'txn-prepare', messages: values.map((value) => ({ value, partition })) });
      await api.act(`/api/links/${coordinator}/${leader}/cut`);
      // PrepareCommit needs its __transaction_state record replicated: with the leader cut off that
      // takes until the ISR drops it, which may outlast kafkajs's request timeout.
      await txn.commit().catch(() => undefined);
      await waitFor('PrepareCommit', async () => (await describeTransaction(cluster.bootstrap, 'prepare-tx')).transactionState, (s) => s === 'PrepareCommit', 20_000);
      // It stays there: the marker cannot reach the leader.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await describeTransaction(cluster.bootstrap, 'prepare-tx')).transactionState).toBe('PrepareCommit');
      // Nothing of it is readable while its marker is missing.
      expect(await kafkajsReadValues(cluster.bootstrap, 'txn-prepare', { readUncommitted: false, expected: 1, timeoutMs: 1_000, quietMs: 0 })).toEqual([]);
      await api.act(`/api/brokers/${coordinator}/kill`);
      await api.act(`/api/links/${coordinator}/${leader}/heal`);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    const done = await waitFor(
      'the new coordinator to complete the commit',
      async () => (await describeTransaction(cluster.bootstrap, 'prepare-tx')).transactionState,
      (s) => s === 'CompleteCommit',
      30_000,
    );
    expect(done).toBe('CompleteCommit');
    expect((await transactionCoordinator(cluster.bootstrap, 'prepare-tx')).nodeId).not.toBe(coordinator);
    expect([...(await kafkajsReadValues(cluster.bootstrap, 'txn-prepare', { readUncommitted: false, expected: 6 }))].sort()).toEqual(values);
  }, 120_000);
});
