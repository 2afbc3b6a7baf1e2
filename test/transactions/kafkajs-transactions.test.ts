// Transactions judged by independent clients against a 3-broker cluster of real processes: a
// kafkajs transactional producer commits and aborts; kafkajs and kcat read with read_committed
// (only committed records) and read_uncommitted (aborted ones too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { kafkajsReadValues, transactionalProducer } from '../drivers/kafkajs-txn';
import { kcatConsume } from '../drivers/kcat';
import { startFastCluster } from '../cluster/cluster-fixture';

const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

describe('transactions with kafkajs in a 3-broker cluster', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startFastCluster(3);
    await createTopic(cluster.bootstrap, 'txn-out', { partitions: 3, replicationFactor: 3 });
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('read_committed sees committed transactions only; read_uncommitted sees the aborted one too', async () => {
    const producer = await transactionalProducer(cluster.bootstrap, 'orders-tx');
    try {
      const send = async (prefix: string, n: number, commit: boolean): Promise<void> => {
        const txn = await producer.transaction();
        await txn.send({ topic: 'txn-out', messages: values(prefix, n).map((value, i) => ({ key: `k${i}`, value })) });
        if (commit) await txn.commit();
        else await txn.abort();
      };
      await send('a', 10, true);
      await send('b', 10, false);
      await send('c', 5, true);
    } finally {
      await producer.disconnect();
    }
    const committed = sorted([...values('a', 10), ...values('c', 5)]);
    const all = sorted([...committed, ...values('b', 10)]);
    expect(sorted(await kafkajsReadValues(cluster.bootstrap, 'txn-out', { readUncommitted: false, expected: 15 }))).toEqual(committed);
    expect(sorted(await kafkajsReadValues(cluster.bootstrap, 'txn-out', { readUncommitted: true, expected: 25 }))).toEqual(all);
    const kcatCommitted = await kcatConsume(cluster.bootstrap, 'txn-out', { isolation: 'read_committed' });
    expect(sorted(kcatCommitted.map((r) => r.value?.toString('utf8') ?? ''))).toEqual(committed);
    const kcatAll = await kcatConsume(cluster.bootstrap, 'txn-out', { isolation: 'read_uncommitted' });
    expect(sorted(kcatAll.map((r) => r.value?.toString('utf8') ?? ''))).toEqual(all);
  }, 90_000);
});
