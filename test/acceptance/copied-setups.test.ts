// Setups copied from elsewhere (issue 9 §3): brokers numbered from 0 and advertised as
// `localhost`, as docker-compose files and test suites expect, seen through kafkajs.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createKafka, withAdmin } from '../drivers/kafkajs';
import { BROKERLAB_BIN, REPO_ROOT, startCluster, type ClusterProcess } from '../fixtures/processes';
import { clusterApi, TEST_TOKEN } from '../cluster/api-fixture';

describe('brokerlab up --first-broker-id 0 --advertise localhost', () => {
  const clusters: ClusterProcess[] = [];
  afterAll(async () => {
    for (const c of clusters) await c.stop();
  });

  it('serves kafkajs with brokers localhost:<port> and ids 0–2; assignments by those ids work; the folder keeps its ids', async () => {
    const cluster = await startCluster({ brokers: 3, extraArgs: ['--first-broker-id', '0', '--advertise', 'localhost', '--token', TEST_TOKEN] });
    clusters.push(cluster);
    expect(cluster.brokers.map((b) => b.host)).toEqual(['localhost', 'localhost', 'localhost']);
    const ports = cluster.brokers.map((b) => b.port);

    const described = await withAdmin(cluster.bootstrap, (admin) => admin.describeCluster());
    expect(described.brokers.map((b) => b.nodeId).sort()).toEqual([0, 1, 2]);
    expect(described.brokers.every((b) => b.host === 'localhost')).toBe(true);
    expect(described.brokers.map((b) => b.port).sort()).toEqual([...ports].sort());

    // A manual assignment by the ids a copied setup uses.
    const assignment = [
      { partition: 0, replicas: [0, 1, 2] },
      { partition: 1, replicas: [2, 0, 1] },
      { partition: 2, replicas: [1, 2, 0] },
    ];
    await withAdmin(cluster.bootstrap, (admin) => admin.createTopics({ topics: [{ topic: 'by-ids', replicaAssignment: assignment }], waitForLeaders: true }));
    const metadata = await withAdmin(cluster.bootstrap, (admin) => admin.fetchTopicMetadata({ topics: ['by-ids'] }));
    const partitions = [...metadata.topics[0]!.partitions].sort((a, b) => a.partitionId - b.partitionId);
    expect(partitions.map((p) => p.replicas)).toEqual(assignment.map((a) => a.replicas));
    expect(partitions.map((p) => p.leader)).toEqual([0, 2, 1]);

    // Produce (acks=all through replication between the brokers) and read back, through localhost.
    const kafka = createKafka(cluster.bootstrap);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'by-ids', acks: -1, messages: [0, 1, 2].map((p) => ({ partition: p, value: `to ${p}` })) });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'copied-setup' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'by-ids', fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed only ${JSON.stringify(seen)}`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message.value!.toString());
          if (seen.length === 3) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(seen.sort()).toEqual(['to 0', 'to 1', 'to 2']);
    const coordinator = await withAdmin(cluster.bootstrap, (admin) => admin.describeGroups(['copied-setup']));
    expect(coordinator.groups[0]!.groupId).toBe('copied-setup');

    // A broker added later takes the next id; the API's view lists them by id.
    const api = await clusterApi(cluster);
    const added = await api.act('/api/brokers', {});
    expect(added.broker.id).toBe(3);
    await api.act('/api/brokers/3/remove', {});
    expect((await api.state()).brokers.map((b) => b.id)).toEqual([0, 1, 2]);

    // Restarted without the flag, the folder keeps its ids; with other ids it is refused.
    await cluster.stop();
    const restarted = await startCluster({ brokers: 3, dataDir: cluster.dataDir });
    clusters.push(restarted);
    const again = await withAdmin(restarted.bootstrap, (admin) => admin.describeCluster());
    expect(again.brokers.map((b) => b.nodeId).sort()).toEqual([0, 1, 2]);
    expect(again.brokers.every((b) => b.host === '127.0.0.1')).toBe(true);
    await restarted.stop();
    const refused = spawnSync(process.execPath, [BROKERLAB_BIN, 'up', '--brokers', '3', '--port', '0', '--data', cluster.dataDir, '--first-broker-id', '1'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(refused.status).toBe(6);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `brokerlab: --first-broker-id 1: the data folder ${cluster.dataDir} was created with broker ids 0, 1, 2 (${cluster.dataDir}/broker-0/meta.properties holds node.id=0); leave out --first-broker-id to keep them, or use a new folder with --data DIR\n`,
    );
  });
});
