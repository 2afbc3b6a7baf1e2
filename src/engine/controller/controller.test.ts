import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Controller, ControllerClosedError, type ControllerOptions } from './controller';
import type { MetadataDelta } from './metadata-delta';
import { ZERO_UUID, isUuidText } from './uuid';

let dir: string;
const open: Controller[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'controller-'));
});
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A seeded stand-in for Math.random so placements are repeatable. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

async function start(options: ControllerOptions = {}): Promise<Controller> {
  const c = await Controller.open(dir, { random: seeded(7), clock: { now: () => 1_700_000_000_000 }, ...options });
  open.push(c);
  return c;
}

async function withBrokers(c: Controller, ids: number[]): Promise<Map<number, number>> {
  const epochs = new Map<number, number>();
  for (const id of ids) {
    const r = await c.registerBroker({ brokerId: id, endpoints: [{ name: 'PLAINTEXT', host: '127.0.0.1', port: 9000 + id, securityProtocol: 'PLAINTEXT' }] });
    expect(r.errorCode).toBe('NONE');
    const hb = await c.brokerHeartbeat({ brokerId: id, brokerEpoch: r.brokerEpoch, wantFence: false });
    expect(hb).toEqual({ errorCode: 'NONE', errorMessage: null, isFenced: false });
    epochs.set(id, r.brokerEpoch);
  }
  return epochs;
}

async function restart(c: Controller, options: ControllerOptions = {}): Promise<Controller> {
  await c.close();
  open.splice(open.indexOf(c), 1);
  return start(options);
}

describe('Controller: cluster and brokers', () => {
  it('creates a cluster id once, like Kafka (22-char URL-safe base64 of a random UUID)', async () => {
    const c = await start();
    const id = c.clusterId;
    expect(id).toHaveLength(22);
    expect(isUuidText(id)).toBe(true);
    const again = await restart(c);
    expect(again.clusterId).toBe(id);
  });

  it('registers brokers fenced, unfences on heartbeat, and rejects stale epochs', async () => {
    const c = await start();
    const r = await c.registerBroker({ brokerId: 1, endpoints: [{ name: 'PLAINTEXT', host: 'localhost', port: 9092, securityProtocol: 'PLAINTEXT' }] });
    expect(r.brokerEpoch).toBe(c.image().offset);
    expect(c.image().brokers.get(1)!.fenced).toBe(true);
    const stale = await c.brokerHeartbeat({ brokerId: 1, brokerEpoch: r.brokerEpoch + 5, wantFence: false });
    expect(stale.errorCode).toBe('STALE_BROKER_EPOCH');
    expect(stale.errorMessage).toBe(`Expected broker epoch ${r.brokerEpoch}, but got broker epoch ${r.brokerEpoch + 5}`);
    await c.brokerHeartbeat({ brokerId: 1, brokerEpoch: r.brokerEpoch, wantFence: false });
    expect(c.image().brokers.get(1)!.fenced).toBe(false);
  });
});

describe('Controller: CreateTopics', () => {
  it('creates a topic with round-robin replicas, first replica leading, all live replicas in the ISR', async () => {
    const c = await start();
    await withBrokers(c, [1, 2, 3]);
    const [r] = await c.createTopics([{ name: 'orders', numPartitions: 6, replicationFactor: 3, configs: [{ name: 'retention.ms', value: '1000' }] }]);
    expect(r).toMatchObject({ name: 'orders', errorCode: 'NONE', errorMessage: null, numPartitions: 6, replicationFactor: 3 });
    expect(isUuidText(r.topicId)).toBe(true);
    const topic = c.image().topicsByName.get('orders')!;
    expect(topic.topicId).toBe(r.topicId);
    const leaders = new Map<number, number>();
    for (const [, p] of topic.partitions) {
      expect(new Set(p.replicas).size).toBe(3);
      expect(p.isr).toEqual(p.replicas);
      expect(p.leader).toBe(p.replicas[0]);
      expect([p.leaderEpoch, p.partitionEpoch]).toEqual([0, 0]);
      leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
    }
    expect([...leaders.values()]).toEqual([2, 2, 2]);
    const retention = r.configs.find((x) => x.name === 'retention.ms')!;
    expect(retention).toMatchObject({ value: '1000', source: 'DYNAMIC_TOPIC_CONFIG', isDefault: false, readOnly: false, sensitive: false, type: 'LONG' });
    expect(r.configs.find((x) => x.name === 'segment.bytes')).toMatchObject({ value: '1073741824', source: 'DEFAULT_CONFIG', isDefault: true });
    expect(c.image().topicConfigs.get('orders')).toEqual(new Map([['retention.ms', '1000']]));
  });

  it('uses num.partitions / default.replication.factor for -1, and shows static broker configs as their source', async () => {
    const c = await start({ defaults: { numPartitions: 3, replicationFactor: 2, brokerConfig: { 'min.insync.replicas': '2' } } });
    await withBrokers(c, [1, 2, 3]);
    const [r] = await c.createTopics([{ name: 'defaults', numPartitions: -1, replicationFactor: -1 }]);
    expect([r.numPartitions, r.replicationFactor]).toEqual([3, 2]);
    expect(r.configs.find((x) => x.name === 'min.insync.replicas')).toMatchObject({ value: '2', source: 'STATIC_BROKER_CONFIG', isDefault: false });
  });

  it('answers bad requests with Kafka error names and messages, creating nothing', async () => {
    const c = await start();
    await withBrokers(c, [1]);
    await c.createTopics([{ name: 'a_b', numPartitions: 1, replicationFactor: 1 }]);
    const offset = c.image().offset;
    const results = await c.createTopics([
      { name: 'a_b', numPartitions: 1, replicationFactor: 1 },
      { name: 'a.b', numPartitions: 1, replicationFactor: 1 },
      { name: 'bad name', numPartitions: 1, replicationFactor: 1 },
      { name: '..', numPartitions: 1, replicationFactor: 1 },
      { name: '', numPartitions: 1, replicationFactor: 1 },
      { name: 'x'.repeat(250), numPartitions: 1, replicationFactor: 1 },
      { name: '__cluster_metadata', numPartitions: 1, replicationFactor: 1 },
      { name: 'rf3', numPartitions: 1, replicationFactor: 3 },
      { name: 'rf0', numPartitions: 1, replicationFactor: 0 },
      { name: 'p0', numPartitions: 0, replicationFactor: 1 },
      { name: 'p-2', numPartitions: -2, replicationFactor: 1 },
      { name: 'cfg', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: 'abc' }] },
      { name: 'cfg2', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'no.such.config', value: '1' }] },
      { name: 'cfg3', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'retention.ms', value: null }] },
      { name: 'dup', numPartitions: 1, replicationFactor: 1 },
      { name: 'dup', numPartitions: 2, replicationFactor: 1 },
    ]);
    const byName = Object.fromEntries(results.map((r) => [r.name, [r.errorCode, r.errorMessage]]));
    expect(byName['a_b']).toEqual(['TOPIC_ALREADY_EXISTS', "Topic 'a_b' already exists."]);
    expect(byName['a.b']).toEqual(['INVALID_TOPIC_EXCEPTION', "Topic 'a.b' collides with existing topic: a_b"]);
    expect(byName['bad name']).toEqual(['INVALID_TOPIC_EXCEPTION', `Topic name "bad name" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`]);
    expect(byName['..']).toEqual(['INVALID_TOPIC_EXCEPTION', 'Topic name cannot be "." or ".."']);
    expect(byName['']).toEqual(['INVALID_TOPIC_EXCEPTION', "Topic name is illegal, it can't be empty"]);
    expect(byName['x'.repeat(250)]).toEqual(['INVALID_TOPIC_EXCEPTION', `Topic name is illegal, it can't be longer than 249 characters, topic name: ${'x'.repeat(250)}`]);
    expect(byName['__cluster_metadata']).toEqual(['INVALID_REQUEST', 'Creation of internal topic __cluster_metadata is prohibited.']);
    expect(byName['rf3']).toEqual(['INVALID_REPLICATION_FACTOR', 'Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered.']);
    expect(byName['rf0']).toEqual(['INVALID_REPLICATION_FACTOR', 'Replication factor must be larger than 0, or -1 to use the default value.']);
    expect(byName['p0']).toEqual(['INVALID_PARTITIONS', 'Number of partitions was set to an invalid non-positive value.']);
    expect(byName['p-2']).toEqual(['INVALID_PARTITIONS', 'Number of partitions was set to an invalid non-positive value.']);
    expect(byName['cfg']).toEqual(['INVALID_CONFIG', 'Invalid value abc for configuration retention.ms: Not a number of type LONG']);
    expect(byName['cfg2']).toEqual(['INVALID_CONFIG', 'Unknown topic config name: no.such.config']);
    expect(byName['cfg3']).toEqual(['INVALID_CONFIG', 'Null value not supported for topic configs: retention.ms']);
    expect(byName['dup']).toEqual(['INVALID_REQUEST', 'Duplicate topic name.']);
    expect(results.filter((r) => r.name === 'dup')).toHaveLength(1);
    for (const r of results) expect([r.topicId, r.numPartitions, r.replicationFactor, r.configs]).toEqual([ZERO_UUID, -1, -1, []]);
    expect(c.image().offset).toBe(offset);
  });

  it('checks manual assignments as Kafka does', async () => {
    const c = await start();
    await withBrokers(c, [1, 2]);
    const results = await c.createTopics([
      { name: 'm1', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [2, 1] }, { partitionIndex: 1, brokerIds: [1, 2] }] },
      { name: 'm2', numPartitions: 2, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }] },
      { name: 'm3', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1, 1] }] },
      { name: 'm4', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [9] }] },
      { name: 'm5', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 1, brokerIds: [1, 2] }] },
      { name: 'm6', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 1, brokerIds: [1] }] },
      { name: 'm7', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }, { partitionIndex: 0, brokerIds: [2] }] },
    ]);
    const m = Object.fromEntries(results.map((r) => [r.name, [r.errorCode, r.errorMessage]]));
    expect(m.m1).toEqual(['NONE', null]);
    expect(c.image().topicsByName.get('m1')!.partitions.get(0)!.leader).toBe(2);
    expect(m.m2).toEqual(['INVALID_REQUEST', 'A manual partition assignment was specified, but numPartitions was not set to -1.']);
    expect(m.m3).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes the broker 1 more than once.']);
    expect(m.m4).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes broker 9, but no such broker is registered.']);
    expect(m.m5).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'The manual partition assignment includes a partition with 2 replica(s), but this is not consistent with previous partitions, which have 1 replica(s).']);
    expect(m.m6).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'partitions should be a consecutive 0-based integer sequence']);
    expect(m.m7).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'Found multiple manual partition assignments for partition 0']);
  });

  it('validateOnly answers without writing, and a policy can refuse', async () => {
    const c = await start({ createTopicPolicy: (r) => (r.name.startsWith('no-') ? `Topic ${r.name} is not allowed.` : null) });
    await withBrokers(c, [1]);
    const offset = c.image().offset;
    const [v] = await c.createTopics([{ name: 'maybe', numPartitions: 2, replicationFactor: 1 }], { validateOnly: true });
    expect(v).toMatchObject({ errorCode: 'NONE', numPartitions: 2, replicationFactor: 1 });
    expect(c.image().offset).toBe(offset);
    expect(c.image().topicsByName.has('maybe')).toBe(false);
    const [p] = await c.createTopics([{ name: 'no-way', numPartitions: 1, replicationFactor: 1 }]);
    expect([p.errorCode, p.errorMessage]).toEqual(['POLICY_VIOLATION', 'Topic no-way is not allowed.']);
  });

  it('tells subscribers what changed', async () => {
    const c = await start();
    await withBrokers(c, [1]);
    const deltas: MetadataDelta[] = [];
    const stop = c.onChange((d) => deltas.push(d));
    await c.createTopics([{ name: 'seen', numPartitions: 2, replicationFactor: 1 }]);
    await c.deleteTopics([{ name: 'seen' }]);
    stop();
    await c.createTopics([{ name: 'unseen', numPartitions: 1, replicationFactor: 1 }]);
    expect(deltas).toHaveLength(2);
    expect(deltas[0].createdTopics.map((t) => t.name)).toEqual(['seen']);
    expect(deltas[0].partitionChanges.map((p) => [p.partitionId, p.before, p.after.leader])).toEqual([[0, null, 1], [1, null, 1]]);
    expect(deltas[1].deletedTopics.map((t) => t.name)).toEqual(['seen']);
  });
});

describe('Controller: DeleteTopics and CreatePartitions', () => {
  it('deletes by name and by id, with Kafka errors for unknown ones', async () => {
    const c = await start();
    await withBrokers(c, [1]);
    const [a] = await c.createTopics([{ name: 'a', numPartitions: 1, replicationFactor: 1, configs: [{ name: 'cleanup.policy', value: 'compact' }] }]);
    const [b] = await c.createTopics([{ name: 'b', numPartitions: 1, replicationFactor: 1 }]);
    const results = await c.deleteTopics([{ name: 'a' }, { topicId: b.topicId }, { name: 'nope' }, { topicId: 'AAAAAAAAAAAAAAAAAAAAAg' }]);
    expect(results).toEqual([
      { name: 'a', topicId: a.topicId, errorCode: 'NONE', errorMessage: null },
      { name: 'b', topicId: b.topicId, errorCode: 'NONE', errorMessage: null },
      { name: 'nope', topicId: ZERO_UUID, errorCode: 'UNKNOWN_TOPIC_OR_PARTITION', errorMessage: 'This server does not host this topic-partition.' },
      { name: null, topicId: 'AAAAAAAAAAAAAAAAAAAAAg', errorCode: 'UNKNOWN_TOPIC_ID', errorMessage: 'This server does not host this topic ID.' },
    ]);
    expect(c.image().topicsByName.size).toBe(0);
    expect(c.image().topicConfigs.size).toBe(0);
    // A topic created again under the same name is a new topic with a new id.
    const [again] = await c.createTopics([{ name: 'a', numPartitions: 1, replicationFactor: 1 }]);
    expect(again.topicId).not.toBe(a.topicId);
  });

  it('only adds partitions', async () => {
    const c = await start();
    await withBrokers(c, [1, 2]);
    await c.createTopics([{ name: 't', numPartitions: 2, replicationFactor: 2 }]);
    const results = await c.createPartitions([
      { name: 't', count: 1, assignments: null },
      { name: 'missing', count: 3, assignments: null },
    ]);
    expect(results).toEqual([
      { name: 't', errorCode: 'INVALID_PARTITIONS', errorMessage: 'The topic t currently has 2 partition(s); 1 would not be an increase.' },
      { name: 'missing', errorCode: 'UNKNOWN_TOPIC_OR_PARTITION', errorMessage: null },
    ]);
    const [same] = await c.createPartitions([{ name: 't', count: 2, assignments: null }]);
    expect(same.errorMessage).toBe('Topic already has 2 partition(s).');
    const [few] = await c.createPartitions([{ name: 't', count: 4, assignments: [[1, 2]] }]);
    expect([few.errorCode, few.errorMessage]).toEqual(['INVALID_REPLICA_ASSIGNMENT', 'Attempted to add 2 additional partition(s), but only 1 assignment(s) were specified.']);
    const [ok] = await c.createPartitions([{ name: 't', count: 4, assignments: null }]);
    expect(ok.errorCode).toBe('NONE');
    const [manual] = await c.createPartitions([{ name: 't', count: 5, assignments: [[2, 1]] }]);
    expect(manual.errorCode).toBe('NONE');
    const parts = c.image().topicsByName.get('t')!.partitions;
    expect([...parts.keys()]).toEqual([0, 1, 2, 3, 4]);
    expect(parts.get(4)!.replicas).toEqual([2, 1]);
    for (const p of parts.values()) expect(p.replicas).toHaveLength(2);
  });
});

describe('Controller: fencing, producer ids and restarts', () => {
  it('fencing a broker takes it out of every ISR and moves leadership; unfencing restores leaderless partitions', async () => {
    const c = await start();
    const epochs = await withBrokers(c, [1, 2]);
    const created = await c.createTopics([
      { name: 'f', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1, 2] }] },
      { name: 'g', numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [1] }] },
    ]);
    expect(created.map((r) => r.errorCode)).toEqual(['NONE', 'NONE']);
    const fenced = await c.fenceBroker(1);
    expect(fenced.isFenced).toBe(true);
    expect(c.image().brokers.get(1)!.fenced).toBe(true);
    const f = () => c.image().topicsByName.get('f')!.partitions.get(0);
    const g = () => c.image().topicsByName.get('g')!.partitions.get(0);
    expect(f()).toEqual({ replicas: [1, 2], isr: [2], leader: 2, leaderEpoch: 1, partitionEpoch: 1 });
    // The last ISR member stays in the ISR, leaderless, as in Kafka.
    expect(g()).toEqual({ replicas: [1], isr: [1], leader: -1, leaderEpoch: 1, partitionEpoch: 1 });
    // New topics avoid the fenced broker.
    const [h] = await c.createTopics([{ name: 'h', numPartitions: 4, replicationFactor: 1 }]);
    expect(h.errorCode).toBe('NONE');
    for (const p of c.image().topicsByName.get('h')!.partitions.values()) expect(p.replicas).toEqual([2]);
    await c.brokerHeartbeat({ brokerId: 1, brokerEpoch: epochs.get(1)!, wantFence: false });
    expect(g()).toEqual({ replicas: [1], isr: [1], leader: 1, leaderEpoch: 2, partitionEpoch: 2 });
    // Rejoining the ISR is the leader's business (AlterPartition), not the controller's.
    expect(f()!.isr).toEqual([2]);
  });

  it('never hands out the same producer id twice, across restarts', async () => {
    let c = await start();
    const epochs = await withBrokers(c, [1]);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await c.allocateProducerIds(1, epochs.get(1)!);
      expect(r).toMatchObject({ errorCode: 'NONE', producerIdLen: 1000 });
      starts.push(r.producerIdStart);
    }
    c = await restart(c);
    starts.push((await c.allocateProducerIds(1, epochs.get(1)!)).producerIdStart);
    c = await restart(c, { snapshotIntervalRecords: 1 });
    starts.push((await c.allocateProducerIds(1, epochs.get(1)!)).producerIdStart);
    c = await restart(c);
    starts.push((await c.allocateProducerIds(1, epochs.get(1)!)).producerIdStart);
    expect(starts).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    const stale = await c.allocateProducerIds(1, 12345);
    expect(stale).toMatchObject({ errorCode: 'STALE_BROKER_EPOCH', producerIdStart: -1, producerIdLen: 0 });
  });

  it('reopens to the same image, with or without snapshots', async () => {
    const c = await start({ snapshotIntervalRecords: 5 });
    await withBrokers(c, [1, 2, 3]);
    for (let i = 0; i < 6; i++) await c.createTopics([{ name: `t${i}`, numPartitions: 3, replicationFactor: 2 }]);
    await c.deleteTopics([{ name: 't2' }]);
    await c.incrementalAlterConfigs([{ resourceType: 'TOPIC', resourceName: 't1', configs: [{ name: 'retention.ms', op: 'SET', value: '5' }] }]);
    const image = c.image();
    const files = await fs.readdir(path.join(dir, '__cluster_metadata-0'));
    expect(files.some((f) => f.endsWith('.checkpoint'))).toBe(true);
    const again = await restart(c);
    expect(again.image()).toEqual(image);
  });

  it('refuses calls after close', async () => {
    const c = await start();
    await c.close();
    await expect(c.createTopics([{ name: 'x', numPartitions: 1, replicationFactor: 1 }])).rejects.toBeInstanceOf(ControllerClosedError);
  });
});
