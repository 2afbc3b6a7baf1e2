// Committed offsets survive the loss of their coordinator: after SIGKILL of the broker leading the
// group's __consumer_offsets partition, OffsetFetch through the new coordinator returns exactly the
// last acknowledged commit of every partition — and the same after every broker was killed and the
// cluster restarted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { Admin } from '../../src/engine/client/admin';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { brokerPid, startFastCluster, waitFor } from './cluster-fixture';

const GROUP = 'billing';
const PARTITIONS = [0, 1, 2];

async function withAdmin<T>(cluster: ClusterProcess, work: (admin: Admin) => Promise<T>): Promise<T> {
  const client = new KafkaClient({ bootstrap: cluster.bootstrap, retries: 8, retryBackoffMs: 200 });
  try {
    return await work(new Admin(client));
  } finally {
    await client.close();
  }
}

async function committed(cluster: ClusterProcess): Promise<number[]> {
  return withAdmin(cluster, async (admin) => {
    const offsets = await admin.offsetFetch(GROUP, PARTITIONS.map((partition) => ({ topic: 'ledger', partition })));
    return PARTITIONS.map((p) => offsets.find((o) => o.partition === p)?.offset ?? -2);
  });
}

describe('the group coordinator in a 3-broker cluster', () => {
  let cluster: ClusterProcess;
  let lastAcked = -1;

  beforeAll(async () => {
    cluster = await startFastCluster(3);
    await createTopic(cluster.bootstrap, 'ledger', { partitions: 3, replicationFactor: 3 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('answers the last acknowledged commit through the new coordinator after SIGKILL of the old one', async () => {
    const coordinator = await withAdmin(cluster, async (admin) => {
      for (let n = 1; n <= 20; n++) {
        await admin.offsetCommit(GROUP, PARTITIONS.map((partition) => ({ topic: 'ledger', partition, offset: n * 10 })));
        lastAcked = n * 10;
      }
      return (await admin.findCoordinator(GROUP)).nodeId;
    });
    process.kill(brokerPid(cluster, coordinator), 'SIGKILL');
    const offsets = await waitFor(
      'OffsetFetch through a new coordinator',
      async () => {
        const moved = await withAdmin(cluster, async (admin) => (await admin.findCoordinator(GROUP)).nodeId);
        if (moved === coordinator) throw new Error('coordinator not moved yet');
        return committed(cluster);
      },
      () => true,
      20_000,
    );
    expect(offsets).toEqual(PARTITIONS.map(() => lastAcked));
  }, 60_000);

  it('answers the same after every broker is killed and the cluster restarts', async () => {
    for (const id of [1, 2, 3]) {
      try {
        process.kill(brokerPid(cluster, id), 'SIGKILL');
      } catch {
        // Already dead (the previous test killed one).
      }
    }
    await cluster.restart();
    const offsets = await waitFor('OffsetFetch after a restart', () => committed(cluster), () => true, 30_000);
    expect(offsets).toEqual(PARTITIONS.map(() => lastAcked));
  }, 90_000);
});
