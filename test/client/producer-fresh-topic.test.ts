// The idempotent producer's first batches on a freshly started 3-broker cluster (what the workload
// templates hit): producer ids handed out by every broker at once are distinct cluster-wide, and
// idempotent producers pipelining their first batches to brand-new topics get every send
// acknowledged, densely, with no OUT_OF_ORDER_SEQUENCE_NUMBER. The ordering rule itself is proven
// deterministically in src/engine/client/producer/sender.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import { ErrorCode } from '../../src/engine/protocol/errors';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { KafkaProducer } from '../../src/engine/client/producer/index';

describe('idempotent producers right after cluster start (3 brokers)', () => {
  let cluster: ClusterProcess;
  beforeAll(async () => {
    cluster = await startCluster({ brokers: 3 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('InitProducerId asked of every broker at once gives distinct producer ids', async () => {
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'pid-burst', requestTimeoutMs: 5_000 });
    try {
      const brokers = (await client.refreshMetadata([])).brokers.map((b) => b.nodeId);
      expect(brokers).toHaveLength(3);
      const initOnce = async (nodeId: number): Promise<bigint> => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const { response } = await client.send(nodeId, ApiKey.InitProducerId, null, () => ({ transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 }));
          if (response.errorCode === ErrorCode.NONE) return response.producerId;
          // A broker still waiting for its block answers COORDINATOR_LOAD_IN_PROGRESS: ask again.
          expect(response.errorCode).toBe(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`broker ${nodeId} gave no producer id`);
      };
      const ids = await Promise.all(brokers.flatMap((b) => Array.from({ length: 20 }, () => initOnce(b))));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('every send of producers pipelining their first batches to fresh topics is acknowledged, densely', async () => {
    const failures: string[] = [];
    for (let round = 0; round < 3; round++) {
      const topic = `fresh-${round}`;
      await createTopic(cluster.bootstrap, topic, { partitions: 4, replicationFactor: 3 });
      const client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: `fresh-${round}`, retries: 10, retryBackoffMs: 200 });
      // One record per batch and no linger: up to five batches of a partition could be in flight at once.
      const producer = new KafkaProducer(client, { idempotence: true, acks: -1, lingerMs: 0, batchSize: 1, deliveryTimeoutMs: 30_000, requestTimeoutMs: 10_000 });
      const offsets = new Map<number, number[]>();
      try {
        const sends = Array.from({ length: 200 }, (_, i) =>
          producer.send({ topic, partition: i % 4, value: `v-${i}` }).then((r) => {
            if (r.status !== 'acknowledged') failures.push(`${topic}: ${r.status} ${r.error} ${r.message}`);
            else offsets.set(r.partition, [...(offsets.get(r.partition) ?? []), r.offset]);
          }),
        );
        await Promise.all(sends);
        await producer.close();
      } finally {
        await client.close();
      }
      for (let p = 0; p < 4; p++) expect([...(offsets.get(p) ?? [])].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 120_000);
});
