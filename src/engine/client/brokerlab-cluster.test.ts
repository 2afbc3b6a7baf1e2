// The client against the project's own broker (`brokerlab up`), as a real process.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCluster, type ClusterProcess } from '../../../test/fixtures/processes';
import { Admin } from './admin';
import { KafkaProtocolError } from './client-errors';
import { Fetcher } from './fetcher';
import { KafkaClient } from './kafka-client';
import { Producer } from './producer';

let cluster: ClusterProcess;
let client: KafkaClient;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
  client = new KafkaClient({ bootstrap: cluster.bootstrap, requestTimeoutMs: 15_000 });
});

afterAll(async () => {
  await client?.close();
  await cluster?.stop();
});

describe('brokerlab cluster', () => {
  test('create topic, produce, fetch, list offsets, delete topic', async () => {
    const admin = new Admin(client);
    const cluster = await admin.describeCluster();
    expect(cluster.brokers).toHaveLength(1);

    const [created] = await admin.createTopics([{ name: 'client-e2e', numPartitions: 2, replicationFactor: 1, configs: { 'cleanup.policy': 'delete' } }]);
    expect(created.name).toBe('client-e2e');
    const listed = await admin.listTopics();
    expect(listed.map((t) => t.name)).toContain('client-e2e');
    expect(listed.find((t) => t.name === 'client-e2e')?.partitionCount).toBe(2);

    const records = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers: [{ key: 'n', value: String(i) }], partition: 1 }));
    const [batch] = await new Producer(client).send('client-e2e', records, { acks: -1, compression: 'lz4' });
    expect(batch).toMatchObject({ partition: 1, baseOffset: 0, recordCount: 10 });

    const got = [];
    for await (const r of new Fetcher(client).readRange({ topic: 'client-e2e', partition: 1, fromOffset: 0 })) got.push(r);
    expect(got.map((r) => [r.offset, r.key?.toString(), r.value?.toString(), r.headers[0]?.value?.toString()])).toEqual(
      records.map((r, i) => [i, r.key, r.value, String(i)]),
    );
    const [earliest, latest] = await admin.listOffsets([
      { topic: 'client-e2e', partition: 1, spec: 'earliest' },
      { topic: 'client-e2e', partition: 1, spec: 'latest' },
    ]);
    expect([earliest.offset, latest.offset]).toEqual([0, 10]);

    await admin.deleteTopics(['client-e2e']);
    expect((await admin.listTopics()).map((t) => t.name)).not.toContain('client-e2e');
    const err = await admin.createTopics([{ name: 'bad topic name!', numPartitions: 1, replicationFactor: 1 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).name).toBe('INVALID_TOPIC_EXCEPTION');
  });
});
