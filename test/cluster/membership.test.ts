// Brokers join and leave a running cluster (issue 4 §1): an added broker registers and takes
// replicas; removing one moves its replicas away first (AlterPartitionReassignments), and a removal
// that cannot keep a partition's replication factor is refused with the reason.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { clusterApi, TEST_TOKEN, type ClusterApi } from './api-fixture';
import { FAST_FAILOVER_CONFIG } from './cluster-fixture';

describe('adding and removing brokers', () => {
  let cluster: ClusterProcess;
  let api: ClusterApi;

  beforeAll(async () => {
    const config = Object.entries(FAST_FAILOVER_CONFIG).flatMap(([k, v]) => ['--config', `${k}=${v}`]);
    cluster = await startCluster({ brokers: 3, extraArgs: [...config, '--token', TEST_TOKEN] });
    api = await clusterApi(cluster);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('refuses to remove a broker when no other broker can take its replicas, saying why', async () => {
    await api.act('/api/rpc/topics:create', { name: 'wide', partitions: 2, replicationFactor: 3 });
    const refused = await api.call('POST', '/api/brokers/2/remove');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/cannot remove broker 2: partition wide-\d has replication factor 3 and only 2 other live broker\(s\)/);
    expect((await api.state()).brokers.map((b) => b.id)).toEqual([1, 2, 3]);
  });

  it('adds a fourth broker, then removes broker 2 after moving its replicas away', async () => {
    const added = await api.act('/api/brokers');
    expect(added.broker).toMatchObject({ id: 4, state: 'running' });
    const state = await api.state();
    expect(state.brokers.find((b) => b.id === 4)?.controller).toMatchObject({ registered: true, fenced: false });

    const produced = await kcatProduce(cluster.bootstrap, 'wide', Array.from({ length: 2000 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })), { partitionCount: 2 });
    expect(produced.indeterminate).toEqual([]);
    const removed = await api.act('/api/brokers/2/remove');
    expect(removed.detail).toMatch(/replica\(s\) moved away first/);
    const after = await api.state();
    expect(after.brokers.map((b) => b.id)).toEqual([1, 3, 4]);
    for (const p of after.partitions.filter((p) => p.topic === 'wide')) {
      expect(p.replicas).not.toContain(2);
      expect(p.replicas).toHaveLength(3);
    }
    expect(existsSync(join(cluster.dataDir, 'broker-2'))).toBe(false);
    const consumed = await kcatConsume(cluster.bootstrap.split(',').filter((_, i) => i !== 1).join(','), 'wide', { timeoutMs: 30_000 });
    expect(consumed.length).toBe(2000);
  }, 90_000);
});
