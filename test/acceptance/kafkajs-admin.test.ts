import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createKafka } from '../drivers/kafkajs';
import { kcatConsume } from '../drivers/kcat';

describe('kafkajs against one broker', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('creates, describes, lists offsets of and deletes topics with the admin client', async () => {
    const kafka = createKafka(cluster.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }], waitForLeaders: true })).toBe(true);
      // Creating it again is refused with TOPIC_ALREADY_EXISTS, which kafkajs reports as false.
      expect(await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(false);
      await expect(admin.createTopics({ topics: [{ topic: 'bad name!', numPartitions: 1 }] })).rejects.toMatchObject({ errors: [{ type: 'INVALID_TOPIC_EXCEPTION' }] });

      const meta = await admin.fetchTopicMetadata({ topics: ['orders'] });
      expect(meta.topics[0].name).toBe('orders');
      expect(meta.topics[0].partitions.map((p) => [p.partitionId, p.leader, p.replicas, p.isr]).sort()).toEqual([
        [0, 1, [1], [1]],
        [1, 1, [1], [1]],
        [2, 1, [1], [1]],
      ]);

      const producer = kafka.producer({ allowAutoTopicCreation: false });
      await producer.connect();
      const t0 = Date.now();
      const first = await producer.send({
        topic: 'orders',
        acks: -1,
        messages: Array.from({ length: 30 }, (_, i) => ({ partition: i % 3, key: `k${i}`, value: `v${i}`, timestamp: String(t0 + i) })),
      });
      expect(first.every((r) => r.errorCode === 0)).toBe(true);
      await producer.send({
        topic: 'orders',
        acks: -1,
        messages: Array.from({ length: 9 }, (_, i) => ({ partition: i % 3, key: `late${i}`, value: `late${i}`, timestamp: String(t0 + 100_000 + i) })),
      });
      await producer.disconnect();

      const offsets = await admin.fetchTopicOffsets('orders');
      expect(offsets.map((o) => [o.partition, o.low, o.high]).sort()).toEqual([
        [0, '0', '13'],
        [1, '0', '13'],
        [2, '0', '13'],
      ]);
      const byTime = await admin.fetchTopicOffsetsByTimestamp('orders', t0 + 100_000);
      expect(byTime.map((o) => [o.partition, o.offset]).sort()).toEqual([
        [0, '10'],
        [1, '10'],
        [2, '10'],
      ]);
      // A timestamp after every record: Kafka answers -1, which kafkajs turns into the high watermark.
      const future = await admin.fetchTopicOffsetsByTimestamp('orders', t0 + 10_000_000);
      expect(future.map((o) => o.offset)).toEqual(['13', '13', '13']);

      const read = await kcatConsume(cluster.bootstrap, 'orders');
      expect(read.length).toBe(39);

      await admin.deleteTopics({ topics: ['orders'] });
      expect(await admin.listTopics()).not.toContain('orders');
      await expect(admin.deleteTopics({ topics: ['orders'] })).rejects.toThrow(/UNKNOWN_TOPIC_OR_PARTITION|does not host/i);
    } finally {
      await admin.disconnect();
    }
  });
});
