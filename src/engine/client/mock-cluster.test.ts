// The client against librdkafka's mock cluster: an independent Kafka implementation, so a
// mistake shared by our encoder and our decoder cannot pass unnoticed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMockCluster, MOCK_DEFAULT_PARTITIONS, type MockCluster } from '../../../test/fixtures/mock-cluster';
import { ApiKey } from '../protocol/api-keys';
import type { CompressionCodecName } from '../protocol/compression/codec';
import { BrokerConnection } from './broker-connection';
import { UnsupportedApiError } from './client-errors';
import { Fetcher } from './fetcher';
import { KafkaClient, parseBootstrapList } from './kafka-client';
import { listOffsets } from './list-offsets';
import { Producer } from './producer';
import { partitionForKey } from './partitioner';
import { Admin } from './admin';

let mock: MockCluster;
let client: KafkaClient;

beforeAll(async () => {
  mock = await startMockCluster({ brokers: 3 });
  client = new KafkaClient({ bootstrap: mock.bootstrap, requestTimeoutMs: 10_000 });
});

afterAll(async () => {
  await client?.close();
  await mock?.stop();
});

describe('librdkafka mock cluster', () => {
  test('connects and negotiates versions within the broker ranges', async () => {
    const [addr] = parseBootstrapList(mock.bootstrap);
    const conn = await BrokerConnection.connect({ ...addr, connectTimeoutMs: 5_000 });
    try {
      expect(conn.apiVersionsVersion).toBeGreaterThanOrEqual(0);
      const metadata = conn.apiVersions.get(ApiKey.Metadata)!;
      expect(metadata).toBeDefined();
      expect(conn.pickVersion(ApiKey.Metadata, 0, 12)).toBe(metadata.max);
      expect(conn.pickVersion(ApiKey.Produce, 3, 11)).toBe(Math.min(11, conn.apiVersions.get(ApiKey.Produce)!.max));
      expect(() => conn.pickVersion(ApiKey.DescribeCluster, 0, 1)).toThrow(UnsupportedApiError);
    } finally {
      conn.close();
    }
  });

  test('reads cluster metadata: 3 brokers, auto-created topic with 4 partitions and leaders', async () => {
    const meta = await client.connect();
    expect(meta.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
    // The mock names no real controller (it sends 0); what matters is that the fields line up.
    expect(meta.clusterId).toMatch(/^mockCluster/);
    expect(meta.controllerId).toBeGreaterThanOrEqual(-1);
    const topic = await client.topic('meta-topic', { allowAutoTopicCreation: true });
    expect(topic.partitions.map((p) => p.partition)).toEqual([0, 1, 2, 3]);
    expect(topic.partitions.length).toBe(MOCK_DEFAULT_PARTITIONS);
    for (const p of topic.partitions) {
      expect([1, 2, 3]).toContain(p.leaderId);
      expect(p.replicas).toContain(p.leaderId);
      expect(p.isr.length).toBeGreaterThan(0);
    }
  });

  test('produces with acks=-1 and fetches the same keys, values and headers back', async () => {
    const producer = new Producer(client);
    const fetcher = new Fetcher(client);
    const records = Array.from({ length: 20 }, (_, i) => ({
      key: `key-${i % 5}`,
      value: i === 7 ? null : `value-${i}`,
      headers: [{ key: 'h', value: `hv-${i}` }, { key: 'empty', value: null }],
      timestamp: 1_700_000_000_000 + i,
    }));
    const batches = await producer.send('roundtrip', records, { acks: -1, allowAutoTopicCreation: true });
    expect(batches.reduce((n, b) => n + b.recordCount, 0)).toBe(20);
    for (const b of batches) expect(b.baseOffset).toBeGreaterThanOrEqual(0);

    for (const b of batches) {
      const got = [];
      for await (const r of fetcher.readRange({ topic: 'roundtrip', partition: b.partition, fromOffset: 0 })) got.push(r);
      const expected = records.filter((r) => partitionForKey(Buffer.from(r.key), MOCK_DEFAULT_PARTITIONS) === b.partition);
      expect(got.map((r) => r.offset)).toEqual(expected.map((_, i) => b.baseOffset + i));
      expect(got.map((r) => r.key?.toString())).toEqual(expected.map((r) => r.key));
      expect(got.map((r) => r.value?.toString() ?? null)).toEqual(expected.map((r) => r.value));
      expect(got.map((r) => r.timestamp)).toEqual(expected.map((r) => r.timestamp));
      expect(got.map((r) => r.headers.map((h) => [h.key, h.value?.toString() ?? null]))).toEqual(
        expected.map((r) => r.headers.map((h) => [h.key, h.value])),
      );
    }
  });

  test('fetching from inside a batch skips the records before the requested offset', async () => {
    const producer = new Producer(client);
    const [b] = await producer.send('mid-batch', Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, partition: 2 })), {
      compression: 'gzip',
      allowAutoTopicCreation: true,
    });
    const res = await new Fetcher(client).fetch({ topic: 'mid-batch', partition: 2, offset: b.baseOffset + 4 });
    expect(res.records.map((r) => r.value?.toString())).toEqual(['v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
    expect(res.nextOffset).toBe(b.baseOffset + 10);
    expect(res.highWatermark).toBe(b.baseOffset + 10);
  });

  test('acks=0 gets no response, and the records still arrive', async () => {
    const producer = new Producer(client);
    const [b] = await producer.send('acks0', [{ value: 'fire-and-forget', partition: 3 }], { acks: 0, allowAutoTopicCreation: true });
    expect(b.baseOffset).toBe(-1);
    const deadline = Date.now() + 5_000;
    let values: string[] = [];
    while (values.length === 0 && Date.now() < deadline) {
      values = (await new Fetcher(client).fetch({ topic: 'acks0', partition: 3, offset: 0, maxWaitMs: 200 })).records.map((r) => r.value!.toString());
    }
    expect(values).toEqual(['fire-and-forget']);
  });

  test('listOffsets gives earliest and latest', async () => {
    const producer = new Producer(client);
    await producer.send('offsets', [{ value: 'a' }, { value: 'b' }, { value: 'c' }].map((r) => ({ ...r, partition: 1 })), { allowAutoTopicCreation: true });
    const [earliest, latest, other] = await listOffsets(client, [
      { topic: 'offsets', partition: 1, spec: 'earliest' },
      { topic: 'offsets', partition: 1, spec: 'latest' },
      { topic: 'offsets', partition: 0, spec: 'latest' },
    ]);
    expect(earliest.offset).toBe(0);
    expect(latest.offset).toBe(3);
    expect(other.offset).toBe(0);
  });

  test('listOffsets of several topics on one leader: every partition\'s log end, though the mock writes v4+ leader epochs as int64', async () => {
    const producer = new Producer(client);
    const topics = ['ends-a', 'ends-b', 'ends-c'];
    // Partition p of topic t holds t's index + p + 1 records, so a misread answer cannot pass.
    for (const [t, topic] of topics.entries()) {
      for (let p = 0; p < MOCK_DEFAULT_PARTITIONS; p++) {
        await producer.send(topic, Array.from({ length: t + p + 1 }, (_, i) => ({ value: `v${i}`, partition: p })), { allowAutoTopicCreation: true });
      }
    }
    const queries = topics.flatMap((topic) => Array.from({ length: MOCK_DEFAULT_PARTITIONS }, (_, partition) => ({ topic, partition, spec: 'latest' as const })));
    const ends = await listOffsets(client, queries);
    expect(ends.map((e) => [e.topic, e.partition, e.offset])).toEqual(topics.flatMap((topic, t) => Array.from({ length: MOCK_DEFAULT_PARTITIONS }, (_, p) => [topic, p, t + p + 1])));
  });

  test('a fetch past the log end raises OFFSET_OUT_OF_RANGE with the log bounds', async () => {
    const producer = new Producer(client);
    await producer.send('oor', [{ value: 'x', partition: 0 }], { allowAutoTopicCreation: true });
    const err = await new Fetcher(client).fetch({ topic: 'oor', partition: 0, offset: 50, maxWaitMs: 50 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'OFFSET_OUT_OF_RANGE', code: 1, logStartOffset: 0, logEndOffset: 1 });
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as CompressionCodecName[]) {
    test(`compression ${codec} round-trips through the mock`, async () => {
      const topic = `compressed-${codec}`;
      const values = Array.from({ length: 50 }, (_, i) => `${codec} record ${i} `.repeat(10));
      const [b] = await new Producer(client).send(topic, values.map((value) => ({ value, partition: 0 })), {
        compression: codec,
        allowAutoTopicCreation: true,
      });
      const got = [];
      for await (const r of new Fetcher(client).readRange({ topic, partition: 0, fromOffset: b.baseOffset })) got.push(r.value?.toString());
      expect(got).toEqual(values);
    });
  }

  test('admin offset reset: commit as generation -1 through the coordinator, then fetch the committed offsets', async () => {
    const admin = new Admin(client);
    await new Producer(client).send('group-topic', [{ value: 'x', partition: 0 }], { allowAutoTopicCreation: true });
    const coordinator = await admin.findCoordinator('reset-group');
    expect([1, 2, 3]).toContain(coordinator.nodeId);
    await admin.offsetCommit('reset-group', [
      { topic: 'group-topic', partition: 0, offset: 1, metadata: 'reset by brokerlab' },
      { topic: 'group-topic', partition: 2, offset: 0 },
    ]);
    const committed = await admin.offsetFetch('reset-group', [
      { topic: 'group-topic', partition: 0 },
      { topic: 'group-topic', partition: 1 },
      { topic: 'group-topic', partition: 2 },
    ]);
    expect(committed.map((c) => [c.partition, c.offset])).toEqual([
      [0, 1],
      [1, -1],
      [2, 0],
    ]);
    expect(committed[0].metadata).toBe('reset by brokerlab');
  });

  test('admin calls the mock does not advertise give UnsupportedApiError', async () => {
    const admin = new Admin(client);
    await expect(admin.createTopics([{ name: 'x', numPartitions: 1, replicationFactor: 1 }])).rejects.toThrow(/CreateTopics is not supported by this cluster/);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers.map((b) => b.nodeId)).toEqual([1, 2, 3]);
  });
});
