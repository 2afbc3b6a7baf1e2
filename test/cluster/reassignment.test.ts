import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatMetadata, kcatProduce } from '../drivers/kcat';
import { createKafka } from '../drivers/kafkajs';
import { startFastCluster, waitFor } from './cluster-fixture';

describe('partition reassignment (KIP-455) in a 3-broker cluster', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startFastCluster(3);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('moves a partition to other brokers: the new replica catches up, then the old one leaves', async () => {
    const admin = createKafka(cluster.bootstrap).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic: 'moving', replicaAssignment: [{ partition: 0, replicas: [1, 2] }] }], waitForLeaders: true });
      const produced = await kcatProduce(cluster.bootstrap, 'moving', Array.from({ length: 5000 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })), { partition: 0 });
      expect(produced.indeterminate).toEqual([]);
      await admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [3, 2] }] }] });
      const meta = await waitFor(
        'replicas [3, 2] with an ISR of both',
        () => kcatMetadata(cluster.bootstrap, { topic: 'moving' }),
        (m) => {
          const p = m.topics[0]?.partitions[0];
          return !!p && p.replicas.join() === '3,2' && [...p.isrs].sort().join() === '2,3';
        },
        15_000,
      );
      expect(meta.topics[0].partitions[0].leader).not.toBe(1);
      // The replica that left deletes its log.
      await waitFor('broker 1 to delete its copy', async () => existsSync(join(cluster.dataDir, 'broker-1', 'moving-0')), (present) => !present, 10_000);
      const listed = await admin.listPartitionReassignments({});
      expect(listed.topics).toEqual([]);
      // Every acknowledged record is readable after the move, in order.
      const consumed = await kcatConsume(cluster.bootstrap, 'moving', { timeoutMs: 30_000 });
      expect(consumed.map((r) => r.value?.toString())).toEqual(produced.acknowledged.map((w) => w.value?.toString()));
      await expect(
        admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [9] }] }] }),
      ).rejects.toMatchObject({ errors: [{ type: 'INVALID_REPLICA_ASSIGNMENT' }] });
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});
