// The producer's modes and the group consumer's positions on one real broker: acks=1 with every
// codec and murmur2 keys, read back by kcat; acks=0 reported indeterminate; two GroupConsumers with
// the range assignor splitting 4 partitions as RangeAssignor does, manual commits, the survivor
// resuming at the committed offsets after a LeaveGroup, and a static member coming back within its
// session to the same partitions without a new generation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { kcatConsume } from '../drivers/kcat';
import { partitionForKey } from '../drivers/partitioner';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { KafkaProducer, type DeliveryReport } from '../../src/engine/client/producer/index';
import { GroupConsumer, type GroupConsumerOptions } from '../../src/engine/client/consumer/index';
import { waitFor } from '../cluster/cluster-fixture';
import { Admin } from '../../src/engine/client/admin';

let cluster: ClusterProcess;
const clients: KafkaClient[] = [];
const newClient = (clientId: string): KafkaClient => {
  const c = new KafkaClient({ bootstrap: cluster.bootstrap, clientId });
  clients.push(c);
  return c;
};
beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
}, 60_000);
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await cluster?.stop();
});

describe('KafkaProducer modes', () => {
  it('acks=1 with each codec: keyed records land on their murmur2 partition at the reported offsets', async () => {
    const topic = 'modes-codecs';
    await createTopic(cluster.bootstrap, topic, { partitions: 3 });
    const client = newClient('codecs');
    const sent: Array<{ key: string; value: string; report: DeliveryReport }> = [];
    for (const compression of ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const) {
      const producer = new KafkaProducer(client, { acks: 1, idempotence: false, compression, lingerMs: 5 });
      const batch = Array.from({ length: 50 }, (_, i) => ({ key: `${compression}-k${i % 7}`, value: `${compression}-v${i}` }));
      const reports = await Promise.all(batch.map((r) => producer.send({ topic, ...r })));
      await producer.close();
      batch.forEach((r, i) => sent.push({ ...r, report: reports[i]! }));
    }
    expect(sent.filter((s) => s.report.status !== 'acknowledged')).toEqual([]);
    const read = await kcatConsume(cluster.bootstrap, topic, { timeoutMs: 30_000 });
    expect(read).toHaveLength(sent.length);
    for (const s of sent) {
      const r = s.report as Extract<DeliveryReport, { status: 'acknowledged' }>;
      expect(r.partition).toBe(partitionForKey(Buffer.from(s.key), 3));
      const found = read.find((x) => x.partition === r.partition && x.offset === r.offset);
      expect(found?.value?.toString()).toBe(s.value);
    }
  }, 60_000);

  it('keyless records stick to one partition until batch.size bytes went there (KIP-480)', async () => {
    const topic = 'modes-sticky';
    await createTopic(cluster.bootstrap, topic, { partitions: 3 });
    // 27-byte records (the producer's size estimate): 8 of them pass the 200 bytes of batch.size.
    const producer = new KafkaProducer(newClient('sticky'), { idempotence: false, acks: 1, lingerMs: 50, batchSize: 200 });
    const reports = await Promise.all(Array.from({ length: 40 }, (_, i) => producer.send({ topic, value: `s-${String(i).padStart(4, '0')}` })));
    await producer.close();
    const partitions = reports.map((r) => (r.status === 'acknowledged' ? r.partition : -1));
    const runs: number[] = [];
    partitions.forEach((p, i) => (i > 0 && p === partitions[i - 1] ? runs[runs.length - 1]!++ : runs.push(1)));
    expect(partitions).not.toContain(-1);
    expect(runs.slice(0, -1).every((n) => n === 8), `runs ${runs.join(',')}`).toBe(true);
    expect(new Set(partitions).size).toBeGreaterThan(1);
  }, 60_000);

  it('acks=0 reports every record indeterminate, and they arrive', async () => {
    const topic = 'modes-acks0';
    await createTopic(cluster.bootstrap, topic, { partitions: 1 });
    const producer = new KafkaProducer(newClient('acks0'), { acks: 0, idempotence: false });
    const reports = await Promise.all(Array.from({ length: 20 }, (_, i) => producer.send({ topic, value: `z${i}` })));
    await producer.close();
    expect(new Set(reports.map((r) => `${r.status} ${'error' in r ? r.error : ''}`))).toEqual(new Set(['indeterminate NO_ACKNOWLEDGEMENT']));
    await waitFor('the acks=0 records', () => kcatConsume(cluster.bootstrap, topic, { timeoutMs: 10_000 }), (r) => r.length === 20, 20_000);
  }, 60_000);
});

describe('GroupConsumer positions', () => {
  const topic = 'positions';
  const group = 'positions-group';
  const base = (clientId: string, extra: Partial<GroupConsumerOptions> = {}): [KafkaClient, GroupConsumerOptions] => [
    newClient(clientId),
    { groupId: group, topics: [topic], assignors: ['range'], autoCommit: false, autoOffsetReset: 'earliest', sessionTimeoutMs: 6_000, heartbeatIntervalMs: 300, rebalanceTimeoutMs: 10_000, maxWaitMs: 100, ...extra },
  ];

  it('range splits 4 partitions 2/2 in member order; manual commits; the survivor resumes at the commits; a static member returns without a rebalance', async () => {
    await createTopic(cluster.bootstrap, topic, { partitions: 4 });
    const producer = new KafkaProducer(newClient('feeder'));
    const produce = async (from: number, n: number) => {
      const r = await Promise.all(Array.from({ length: n }, (_, i) => producer.send({ topic, partition: (from + i) % 4, value: `p-${from + i}` })));
      expect(r.every((x) => x.status === 'acknowledged')).toBe(true);
    };
    await produce(0, 200);

    const reads: Record<string, string[]> = { a: [], b: [] };
    const [ca, oa] = base('member-a', { groupInstanceId: 'a-static' });
    const [cb, ob] = base('member-b');
    const a = new GroupConsumer(ca, oa);
    const b = new GroupConsumer(cb, ob);
    // Each handler commits what it processed (at-least-once: commit after processing).
    const runA = a.run(async (r) => {
      reads.a.push(r.value!.toString());
      await a.commit([{ topic, partition: r.partition, offset: r.offset + 1 }]);
    });
    const runB = b.run(async (r) => {
      reads.b.push(r.value!.toString());
      await b.commit([{ topic, partition: r.partition, offset: r.offset + 1 }]);
    });
    await waitFor('both members assigned', async () => [a.assignedPartitions.length, b.assignedPartitions.length], (l) => l[0] === 2 && l[1] === 2, 20_000);
    // Static "a-static" sorts before the dynamic member (AbstractPartitionAssignor.MemberInfo), so it takes 0-1.
    expect(a.assignedPartitions.map((p) => p.partition).sort()).toEqual([0, 1]);
    expect(b.assignedPartitions.map((p) => p.partition).sort()).toEqual([2, 3]);
    await waitFor('all 200 read', async () => reads.a.length + reads.b.length, (n) => n === 200, 20_000);

    // b leaves; a takes 2-3 from b's commits, reading nothing b already committed.
    await b.stop();
    await runB;
    await waitFor('a alone with 4 partitions', async () => a.assignedPartitions.length, (n) => n === 4, 20_000);
    const readBefore = reads.a.length;
    await produce(200, 40);
    await waitFor('a reads the 40 new records', async () => reads.a.length, (n) => n === readBefore + 40, 20_000);
    expect(new Set([...reads.a, ...reads.b]).size).toBe(240);
    await waitFor('a caught up: lag 0 on every partition', async () => a.lag(), (l) => l.length === 4 && l.every((p) => p.lag === 0 && p.committed === p.position), 10_000);

    // a crashes (no LeaveGroup) and comes back with the same group.instance.id inside the session.
    const generation = a.membership.generationId;
    a.crash();
    await runA.catch(() => undefined);
    const [ca2, oa2] = base('member-a-again', { groupInstanceId: 'a-static' });
    const again = new GroupConsumer(ca2, oa2);
    const readsAgain: string[] = [];
    const runAgain = again.run((r) => void readsAgain.push(r.value!.toString()));
    await waitFor('the static member back with its partitions', async () => again.assignedPartitions.length, (n) => n === 4, 20_000);
    expect(again.membership.generationId).toBe(generation);
    // Everything was committed, so nothing is read again.
    await produce(240, 4);
    await waitFor('the new records', async () => readsAgain.length, (n) => n === 4, 20_000);
    expect(readsAgain.sort()).toEqual(['p-240', 'p-241', 'p-242', 'p-243']);
    await again.stop();
    await runAgain;
    await producer.close();
  }, 90_000);

  it('a member stuck in its handler past the rebalance timeout leaves, and the other member takes its partitions', async () => {
    const stuckTopic = 'poll-timeout';
    await createTopic(cluster.bootstrap, stuckTopic, { partitions: 2 });
    const feeder = new KafkaProducer(newClient('poll-feeder'));
    await Promise.all([0, 1].map((partition) => feeder.send({ topic: stuckTopic, partition, value: `first-${partition}` })));
    const options = (clientId: string): [KafkaClient, GroupConsumerOptions] => [
      newClient(clientId),
      { groupId: 'poll-timeout-group', topics: [stuckTopic], assignors: ['range'], autoOffsetReset: 'earliest', sessionTimeoutMs: 6_000, heartbeatIntervalMs: 200, rebalanceTimeoutMs: 1_500, maxWaitMs: 100 },
    ];
    let release: () => void = () => undefined;
    const stuck = new GroupConsumer(...options('stuck'));
    const healthy = new GroupConsumer(...options('healthy'));
    const healthyReads: string[] = [];
    const runStuck = stuck.run(() => new Promise<void>((resolve) => (release = resolve)));
    await waitFor('the stuck member to own both partitions', async () => stuck.assignedPartitions.length, (n) => n === 2, 20_000);
    // Nothing else happens in the group: only the member's own poll timeout can take it out.
    const admin = new Admin(newClient('poll-observer'));
    await waitFor('the stuck member to leave the group', async () => (await admin.describeGroups(['poll-timeout-group']))[0]!.members.length, (n) => n === 0, 20_000);
    const runHealthy = healthy.run((r) => void healthyReads.push(r.value!.toString()));
    await waitFor('the healthy member to own both partitions', async () => healthy.assignedPartitions.length, (n) => n === 2, 20_000);
    await waitFor('the healthy member to read both records', async () => healthyReads.length, (n) => n >= 2, 20_000);
    // The first record was never finished, so the healthy member read it too (at-least-once).
    expect(healthyReads.sort()).toEqual(['first-0', 'first-1']);
    release();
    await Promise.all([stuck.stop(5_000), healthy.stop(5_000)]);
    await Promise.all([runStuck.catch(() => undefined), runHealthy]);
    await feeder.close();
  }, 60_000);

  it('a crashed member sends no LeaveGroup: the other member takes its partitions only after the session timeout', async () => {
    const crashTopic = 'crash-session';
    await createTopic(cluster.bootstrap, crashTopic, { partitions: 2 });
    const options = (clientId: string): [KafkaClient, GroupConsumerOptions] => [
      newClient(clientId),
      { groupId: 'crash-group', topics: [crashTopic], assignors: ['roundrobin'], autoOffsetReset: 'earliest', sessionTimeoutMs: 6_000, heartbeatIntervalMs: 300, rebalanceTimeoutMs: 10_000, maxWaitMs: 100 },
    ];
    const doomed = new GroupConsumer(...options('doomed'));
    const survivor = new GroupConsumer(...options('survivor'));
    const runs = [doomed.run(() => undefined), survivor.run(() => undefined)];
    await waitFor('one partition each', async () => [doomed.assignedPartitions.length, survivor.assignedPartitions.length], (l) => l[0] === 1 && l[1] === 1, 20_000);
    const crashedAt = Date.now();
    doomed.crash();
    await waitFor('the survivor to own both partitions', async () => survivor.assignedPartitions.length, (n) => n === 2, 20_000);
    const waited = Date.now() - crashedAt;
    // The coordinator expires the session 6 s (Kafka's group.min.session.timeout.ms) after the last
    // heartbeat, which came at most 300 ms before the crash.
    expect(waited).toBeGreaterThanOrEqual(5_500);
    expect(waited).toBeLessThan(15_000);
    await survivor.stop(5_000);
    await Promise.all(runs.map((r) => r.catch(() => undefined)));
  }, 60_000);
});
