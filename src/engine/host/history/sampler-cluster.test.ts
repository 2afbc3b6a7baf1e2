// The always-on sampler against a real single-broker `brokerlab up` (issue 13 §1, §3): time lag
// reads one record batch per committed offset, not a window of the log (the cold-start cost the
// sampler bench measured), and a kafkajs group that rebalances shows each generation the
// coordinator wrote, with the members that joined and left.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCluster, type ClusterProcess } from '../../../../test/fixtures/processes';
import { waitFor } from '../../../../test/cluster/cluster-fixture';
import { Admin } from '../../client/admin';
import { BrokerConnection } from '../../client/broker-connection';
import { lagCollector } from '../../client/consumer-group-lag';
import { KafkaClient } from '../../client/kafka-client';
import { Producer } from '../../client/producer';
import { ApiKey } from '../../protocol/api-keys';
import { createMemoryLogger } from '../../logger';
import { startGroupMember } from '../test-support/group-member';
import { LagStream } from '../lag-stream';

let cluster: ClusterProcess;
let client: KafkaClient;
let admin: Admin;

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1 });
  client = new KafkaClient({ bootstrap: cluster.bootstrap, clientId: 'sampler-cluster-test' });
  admin = new Admin(client);
}, 60_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await client?.close();
  await cluster?.stop();
});

describe('the sampler on a real cluster', () => {
  it('time lag costs one record batch per committed offset, however much of the log lies behind it', async () => {
    await admin.createTopics([{ name: 'behind', numPartitions: 1, replicationFactor: 1 }]);
    const producer = new Producer(client);
    const t0 = Date.now();
    await producer.send('behind', [{ partition: 0, key: null, value: Buffer.alloc(200, 0) }], { acks: -1 });
    const t1 = Date.now();
    // 200 sends are 200 batches (~54 KiB): a Fetch with room for them all would carry them all.
    for (let i = 1; i < 200; i++) await producer.send('behind', [{ partition: 0, key: null, value: Buffer.alloc(200, i) }], { acks: -1 });
    await admin.offsetCommit('stopped-at-zero', [{ topic: 'behind', partition: 0, offset: 0 }]);

    // Watch what Fetch responses bring back (the connection's own answer, unchanged).
    let fetchedRecordBytes = 0;
    const send = BrokerConnection.prototype.send;
    const spy = vi.spyOn(BrokerConnection.prototype, 'send').mockImplementation(async function (this: BrokerConnection, ...args: Parameters<typeof send>) {
      const response = await send.apply(this, args);
      if (args[0] === ApiKey.Fetch) {
        const r = response as { responses: Array<{ partitions: Array<{ records: Buffer | null }> }> };
        for (const t of r.responses) for (const p of t.partitions) fetchedRecordBytes += p.records?.length ?? 0;
      }
      return response;
    });
    try {
      const before = Date.now();
      const collection = await lagCollector(admin, { groups: ['stopped-at-zero'] })();
      const after = Date.now();
      const row = collection.lag.find((l) => l.group === 'stopped-at-zero');
      expect(row).toMatchObject({ committedOffset: 0, logEndOffset: 200, lag: 200 });
      // The age of offset 0, the first record produced (its timestamp lies between t0 and t1).
      expect(row!.timeLagMs).toBeGreaterThanOrEqual(before - t1);
      expect(row!.timeLagMs).toBeLessThanOrEqual(after - t0);
    } finally {
      spy.mockRestore();
    }
    expect(fetchedRecordBytes).toBeGreaterThan(0);
    expect(fetchedRecordBytes).toBeLessThan(1024);
  }, 60_000);

  it('a kafkajs group that rebalances: each generation the coordinator wrote, with who joined and who left', async () => {
    await admin.createTopics([{ name: 'rebalanced', numPartitions: 2, replicationFactor: 1 }]);
    const stream = new LagStream({ tickMs: 250, logger: createMemoryLogger(), historyRoot: null });
    stream.attach({ admin, brokerStates: null });
    const group = 'rebalancing';
    try {
      // The tail starts at the log end on the first tick: let it have one before the group exists.
      await stream.latest();
      const a = await startGroupMember(cluster.bootstrap, group, 'rebalanced', 'member-a');
      await waitFor('generation 1', async () => stream.rebalances(group), (r) => r.length >= 1, 20_000);
      const b = await startGroupMember(cluster.bootstrap, group, 'rebalanced', 'member-b');
      await waitFor('generation 2', async () => stream.rebalances(group), (r) => r.length >= 2, 30_000);
      await a.stop();
      await waitFor('generation 3', async () => stream.rebalances(group), (r) => r.length >= 3, 30_000);
      await b.stop();
      const seen = await waitFor('generation 4 (empty)', async () => stream.rebalances(group), (r) => r.length >= 4, 30_000);

      const starts = (ids: string[]) => ids.map((id) => id.replace(/-[0-9a-f-]{36}$/, ''));
      expect(seen.map((r) => [r.generation, r.members, r.state, starts(r.joined), starts(r.left)])).toEqual([
        [1, 1, 'Stable', ['member-a'], []],
        [2, 2, 'Stable', ['member-b'], []],
        [3, 1, 'Stable', [], ['member-a']],
        [4, 0, 'Empty', [], ['member-b']],
      ]);
      expect(seen.map((r) => r.observed)).toEqual([1, 2, 3, 4]);
      // When the coordinator wrote it, not when a tick noticed.
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.at).toBeGreaterThanOrEqual(seen[i - 1]!.at);
    } finally {
      stream.close();
    }
  }, 120_000);
});
