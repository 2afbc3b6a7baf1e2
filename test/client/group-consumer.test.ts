// Issue 14 §4: the project's GroupConsumer in one group with a kafkajs member (custom assigner
// registered as `roundrobin`) and a kcat member (librdkafka's roundrobin), on 3 brokers. After each
// join and leave the coordinator's view (DescribeGroups) gives every partition exactly one owner
// and our member's own assignment agrees with it; committed offsets survive a SIGKILL of the
// group's coordinator and the member commits through the new one.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnTracked, type ClusterProcess, type TrackedProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { KCAT } from '../drivers/kcat';
import { Admin } from '../../src/engine/client/admin';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { GroupConsumer } from '../../src/engine/client/consumer/index';
import { KafkaProducer } from '../../src/engine/client/producer/index';
import { listOffsets } from '../../src/engine/client/list-offsets';
import { brokerPid, startFastCluster, waitFor } from '../cluster/cluster-fixture';

const TOPIC = 'mixed';
const GROUP = 'mixed-group';
const PARTITIONS = 6;
const MEMBER_SCRIPT = join(REPO_ROOT, 'test', 'fixtures', 'roundrobin-member.mjs');

interface Ownership {
  state: string;
  members: Array<{ memberId: string; clientId: string; partitions: number[] }>;
}

describe('GroupConsumer with kafkajs and kcat members (roundrobin)', () => {
  let cluster: ClusterProcess;
  let client: KafkaClient;
  let admin: Admin;
  beforeAll(async () => {
    cluster = await startFastCluster(3);
    await createTopic(cluster.bootstrap, TOPIC, { partitions: PARTITIONS, replicationFactor: 3 });
    client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'observer', retries: 8, retryBackoffMs: 200 });
    admin = new Admin(client);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await cluster?.stop();
  });

  async function produce(from: number, count: number): Promise<void> {
    const c = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'feeder' });
    const producer = new KafkaProducer(c, { lingerMs: 5 });
    const reports = await Promise.all(Array.from({ length: count }, (_, i) => producer.send({ topic: TOPIC, key: `k-${from + i}`, value: `v-${from + i}` })));
    await producer.close();
    await c.close();
    expect(reports.filter((r) => r.status !== 'acknowledged')).toEqual([]);
  }

  async function ownership(): Promise<Ownership> {
    const [g] = await admin.describeGroups([GROUP]);
    return {
      state: g!.state,
      members: g!.members.map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        partitions: (m.assignedPartitions?.partitions ?? []).filter((t) => t.topic === TOPIC).flatMap((t) => t.partitions).sort((a, b) => a - b),
      })),
    };
  }

  /** The partitions in the kafkajs member's latest join event, as it printed them. */
  function kafkajsView(proc: TrackedProcess | undefined): number[] | undefined {
    const joins = (proc?.stdout() ?? '').split('\n').filter((l) => l.startsWith('{"type":"join"'));
    const last = joins[joins.length - 1];
    if (!last) return undefined;
    return [...((JSON.parse(last) as { assignment: Record<string, number[]> }).assignment[TOPIC] ?? [])].sort((a, b) => a - b);
  }

  /** The partitions in kcat's latest "rebalanced … assigned:" line (librdkafka's rebalance callback, on stderr). */
  function kcatView(proc: TrackedProcess | undefined): number[] | undefined {
    const lines = [...(proc?.stderr() ?? '').matchAll(/rebalanced.*?: assigned: (.*)$/gm)];
    const last = lines[lines.length - 1];
    if (!last) return undefined;
    return [...last[1]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
  }

  /**
   * Stable, `count` members, every partition owned once, and our member's view — and the kafkajs and
   * kcat members' own views, while they are in the group — equal to the coordinator's.
   */
  function settled(consumer: GroupConsumer, count: number, kafkajs?: TrackedProcess, kcat?: TrackedProcess) {
    return (o: Ownership): boolean => {
      const theirs = o.members.find((m) => m.clientId === 'kafkajs-roundrobin');
      if (kafkajs && (!theirs || JSON.stringify(kafkajsView(kafkajs)) !== JSON.stringify(theirs.partitions))) return false;
      const rd = o.members.find((m) => m.clientId === 'rdkafka');
      if (kcat && (!rd || JSON.stringify(kcatView(kcat)) !== JSON.stringify(rd.partitions))) return false;
      if (o.state !== 'Stable' || o.members.length !== count) return false;
      const all = o.members.flatMap((m) => m.partitions).sort((a, b) => a - b);
      if (JSON.stringify(all) !== JSON.stringify(Array.from({ length: PARTITIONS }, (_, i) => i))) return false;
      const ours = o.members.find((m) => m.memberId === consumer.memberId);
      const mine = consumer.assignedPartitions.map((p) => p.partition).sort((a, b) => a - b);
      return ours !== undefined && JSON.stringify(ours.partitions) === JSON.stringify(mine);
    };
  }

  it('every partition has exactly one owner after each join and leave; commits survive a coordinator kill', async () => {
    await produce(0, 600);
    const seen = new Set<string>();
    const events: string[] = [];
    const memberClient = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'brokerlab-member', retries: 8, retryBackoffMs: 200 });
    const consumer = new GroupConsumer(memberClient, {
      groupId: GROUP,
      topics: [TOPIC],
      groupInstanceId: 'brokerlab-static-1',
      assignors: ['roundrobin'],
      sessionTimeoutMs: 10_000,
      rebalanceTimeoutMs: 20_000,
      heartbeatIntervalMs: 500,
      autoCommitIntervalMs: 300,
      autoOffsetReset: 'earliest',
      maxWaitMs: 200,
      onPartitionsRevoked: (ps) => void events.push(`revoked ${ps.map((p) => p.partition).join(',')}`),
      onPartitionsAssigned: (ps, g) => void events.push(`assigned ${ps.map((p) => p.partition).join(',')} in generation ${g.generationId}`),
    });
    const running = consumer.run((r) => void seen.add(r.value!.toString()));
    const members: TrackedProcess[] = [];
    try {
      const alone = await waitFor('our member alone with 6 partitions', ownership, settled(consumer, 1), 30_000);
      expect(alone.members[0]!.partitions).toEqual([0, 1, 2, 3, 4, 5]);

      const kafkajs = spawnTracked(process.execPath, [MEMBER_SCRIPT, JSON.stringify({ bootstrap: cluster.bootstrap, groupId: GROUP, topic: TOPIC })], { cwd: REPO_ROOT, label: 'kafkajs roundrobin member' });
      members.push(kafkajs);
      const two = await waitFor('our member and kafkajs, 3 partitions each', ownership, settled(consumer, 2, kafkajs), 40_000);
      expect(two.members.map((m) => m.partitions.length)).toEqual([3, 3]);

      const kcat = spawnTracked(
        KCAT,
        ['-u', '-b', cluster.bootstrap, '-G', GROUP, TOPIC, '-f', '%p %o\\n', '-X', 'partition.assignment.strategy=roundrobin', '-X', 'auto.offset.reset=earliest', '-X', 'session.timeout.ms=10000', '-X', 'heartbeat.interval.ms=500'],
        { label: 'kcat -G roundrobin' },
      );
      members.push(kcat);
      const three = await waitFor('three members, 2 partitions each', ownership, settled(consumer, 3, kafkajs, kcat), 40_000);
      expect(three.members.map((m) => m.partitions.length)).toEqual([2, 2, 2]);
      expect(three.members.map((m) => m.clientId).sort()).toEqual(['brokerlab-member', 'kafkajs-roundrobin', 'rdkafka']);

      await kafkajs.stop(10_000);
      const afterKafkajs = await waitFor('kafkajs left: two members', ownership, settled(consumer, 2, undefined, kcat), 40_000);
      expect(afterKafkajs.members.map((m) => m.clientId).sort()).toEqual(['brokerlab-member', 'rdkafka']);

      await kcat.stop(10_000);
      await waitFor('kcat left: our member alone again', ownership, settled(consumer, 1), 40_000);
      // One generation per join and leave, each announced to the member's callbacks (the last may still be running).
      await waitFor('five assignments announced', async () => events.filter((e) => e.startsWith('assigned')).length, (n) => n >= 5, 5_000);
      expect(events.filter((e) => e.startsWith('revoked')).length).toBeGreaterThanOrEqual(4);

      // Everything read by someone and committed: the group's offsets reach the log end.
      const ends = await listOffsets(client, Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: TOPIC, partition, spec: 'latest' as const })));
      const committedAll = async () => (await admin.offsetFetch(GROUP, ends.map((e) => ({ topic: TOPIC, partition: e.partition })))).map((o) => o.offset);
      const before = await waitFor('commits at the log end', committedAll, (c) => JSON.stringify(c) === JSON.stringify(ends.map((e) => e.offset)), 20_000);

      const coordinator = (await admin.findCoordinator(GROUP)).nodeId;
      process.kill(brokerPid(cluster, coordinator), 'SIGKILL');
      const after = await waitFor(
        'the commits through a new coordinator',
        async () => {
          const fresh = new KafkaClient({ bootstrap: cluster.bootstrap, retries: 8, retryBackoffMs: 200 });
          try {
            const a = new Admin(fresh);
            if ((await a.findCoordinator(GROUP)).nodeId === coordinator) throw new Error('not moved yet');
            return (await a.offsetFetch(GROUP, ends.map((e) => ({ topic: TOPIC, partition: e.partition })))).map((o) => o.offset);
          } finally {
            await fresh.close();
          }
        },
        () => true,
        30_000,
      );
      expect(after).toEqual(before);

      // The member finds the new coordinator, reads new records and commits them there.
      await produce(600, 300);
      await waitFor('our member to read the new records', async () => [...seen].filter((v) => Number(v.slice(2)) >= 600).length, (n) => n === 300, 40_000);
      const ends2 = await listOffsets(client, Array.from({ length: PARTITIONS }, (_, partition) => ({ topic: TOPIC, partition, spec: 'latest' as const })));
      const fresh = new KafkaClient({ bootstrap: cluster.bootstrap, retries: 8, retryBackoffMs: 200 });
      try {
        await waitFor(
          'the new commits',
          async () => (await new Admin(fresh).offsetFetch(GROUP, ends2.map((e) => ({ topic: TOPIC, partition: e.partition })))).map((o) => o.offset),
          (c) => JSON.stringify(c) === JSON.stringify(ends2.map((e) => e.offset)),
          30_000,
        );
      } finally {
        await fresh.close();
      }
    } finally {
      for (const m of members) await m.stop(5_000).catch(() => undefined);
      await consumer.stop();
      await running.catch(() => undefined);
      await memberClient.close();
    }
  }, 240_000);
});
