// Transactions judged by independent clients against a 3-broker cluster of real processes: a
// kafkajs transactional producer commits and aborts; kafkajs and kcat read with read_committed
// (only committed records) and read_uncommitted (aborted ones too); offsets sent in a transaction
// count only once it commits (and RequireStable sees them pending); a second producer with the
// same transactional.id fences the first; a transaction past its timeout is aborted; a SIGKILLed
// coordinator's successor finishes the transaction; aborted transactions survive a crash in .txnindex.
import { readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProcess } from '../fixtures/processes';
import { createTopic, withAdmin } from '../drivers/kafkajs';
import { kafkajsReadValues, transactionalProducer } from '../drivers/kafkajs-txn';
import { kcatConsume } from '../drivers/kcat';
import { describeProducers, describeTransaction, listTransactions, offsetFetch, transactionCoordinator } from '../drivers/txn-admin';
import { brokerPid, startFastCluster, waitFor } from '../cluster/cluster-fixture';

const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();
const UNSTABLE_OFFSET_COMMIT = 88;

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('transactions with kafkajs in a 3-broker cluster', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    // Longer broker sessions and replica lag than the fast failover defaults: on a loaded machine
    // (50 __transaction_state partitions per broker) leader flips and ISR shrinks make kafkajs resend
    // acks=all batches under new sequence numbers — duplicates that are kafkajs's, not the brokers'.
    cluster = await startFastCluster(3, {
      'transaction.abort.timed.out.transaction.cleanup.interval.ms': '300',
      'broker.session.timeout.ms': '6000',
      'replica.lag.time.max.ms': '15000',
    });
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
    const described = await describeTransaction(cluster.bootstrap, 'orders-tx');
    expect(described).toMatchObject({ errorCode: 0, transactionState: 'CompleteCommit', topics: [] });
  }, 90_000);

  it('sendOffsets: the group offset counts once the transaction commits, never for an aborted one; RequireStable sees it pending (KIP-447)', async () => {
    await createTopic(cluster.bootstrap, 'txn-in', { partitions: 1, replicationFactor: 3 });
    const producer = await transactionalProducer(cluster.bootstrap, 'ctp-tx');
    const offsets = (offset: string) => ({ consumerGroupId: 'ctp', topics: [{ topic: 'txn-in', partitions: [{ partition: 0, offset }] }] });
    // kafkajs does not retry AddOffsetsToTxn's CONCURRENT_TRANSACTIONS (the Java client does), which
    // the coordinator answers while the previous transaction's markers are still being written.
    const completed = () =>
      waitFor('the previous transaction to complete', async () => (await describeTransaction(cluster.bootstrap, 'ctp-tx')).transactionState, (s) => s.startsWith('Complete'), 10_000);
    try {
      const t1 = await producer.transaction();
      await t1.send({ topic: 'txn-out', messages: [{ value: 'ctp-1' }] });
      await t1.sendOffsets(offsets('7'));
      await t1.commit();
      await completed();
      await waitFor('the committed offset', () => offsetFetch(cluster.bootstrap, 'ctp', 'txn-in', 0, true), ([e, o]) => e === 0 && o === 7, 10_000);

      const t2 = await producer.transaction();
      await t2.sendOffsets(offsets('12'));
      expect(await offsetFetch(cluster.bootstrap, 'ctp', 'txn-in', 0, true)).toEqual([UNSTABLE_OFFSET_COMMIT, -1]);
      expect(await offsetFetch(cluster.bootstrap, 'ctp', 'txn-in', 0, false)).toEqual([0, 7]);
      await t2.abort();
      await waitFor('the abort to settle', () => offsetFetch(cluster.bootstrap, 'ctp', 'txn-in', 0, true), ([e]) => e === 0, 10_000);
      await completed();
      expect(await offsetFetch(cluster.bootstrap, 'ctp', 'txn-in', 0, true)).toEqual([0, 7]);

      const t3 = await producer.transaction();
      await t3.sendOffsets(offsets('20'));
      await t3.commit();
    } finally {
      await producer.disconnect();
    }
    const fetched = await waitFor(
      'kafkajs to see offset 20',
      () => withAdmin(cluster.bootstrap, (admin) => admin.fetchOffsets({ groupId: 'ctp', topics: ['txn-in'] })),
      (r) => r[0]?.partitions[0]?.offset === '20',
      10_000,
    );
    expect(fetched[0]!.partitions[0]!.offset).toBe('20');
  }, 90_000);

  it('a second producer with the same transactional.id fences the first: its open transaction is aborted and it can neither send nor commit', async () => {
    await createTopic(cluster.bootstrap, 'txn-zombie', { partitions: 2, replicationFactor: 3 });
    const zombie = await transactionalProducer(cluster.bootstrap, 'zombie-tx', { retries: 2 });
    const successor = await transactionalProducer(cluster.bootstrap, 'zombie-tx');
    try {
      const old = await zombie.transaction();
      await old.send({ topic: 'txn-zombie', messages: values('old', 4).map((value) => ({ value, partition: 0 })) });
      const before = await describeTransaction(cluster.bootstrap, 'zombie-tx');
      expect(before.transactionState).toBe('Ongoing');
      const next = await successor.transaction();
      const after = await describeTransaction(cluster.bootstrap, 'zombie-tx');
      expect(after.producerEpoch).toBeGreaterThan(before.producerEpoch);
      await next.send({ topic: 'txn-zombie', messages: values('new', 3).map((value) => ({ value, partition: 1 })) });
      await next.commit();
      await expect(old.send({ topic: 'txn-zombie', messages: [{ value: 'old-late', partition: 1 }] })).rejects.toThrow();
      await expect(old.commit()).rejects.toThrow();
    } finally {
      await zombie.disconnect().catch(() => undefined);
      await successor.disconnect();
    }
    expect(sorted(await kafkajsReadValues(cluster.bootstrap, 'txn-zombie', { readUncommitted: false, expected: 3 }))).toEqual(values('new', 3));
    const uncommitted = await kafkajsReadValues(cluster.bootstrap, 'txn-zombie', { readUncommitted: true, expected: 7 });
    expect(uncommitted).not.toContain('old-late');
  }, 90_000);

  it('a transaction past its timeout is aborted: read_committed then moves past it, the producer is fenced', async () => {
    await createTopic(cluster.bootstrap, 'txn-timeout', { partitions: 1, replicationFactor: 3 });
    const slow = await transactionalProducer(cluster.bootstrap, 'slow-tx', { transactionTimeoutMs: 2_000, retries: 1 });
    const quick = await transactionalProducer(cluster.bootstrap, 'quick-tx');
    try {
      const hanging = await slow.transaction();
      await hanging.send({ topic: 'txn-timeout', messages: values('slow', 3).map((value) => ({ value })) });
      const t = await quick.transaction();
      await t.send({ topic: 'txn-timeout', messages: values('quick', 2).map((value) => ({ value })) });
      await t.commit();
      // The hanging transaction holds the last stable offset at its first record: nothing after it is readable yet.
      const leader = cluster.brokers.map((b) => `${b.host}:${b.port}`);
      const producers = await waitFor(
        'the leader to describe the open transaction',
        async () => {
          for (const address of leader) {
            const p = await describeProducers(address, 'txn-timeout', 0);
            if (p.errorCode === 0) return p;
          }
          throw new Error('no leader');
        },
        () => true,
        5_000,
      );
      expect(producers.activeProducers.some((p) => p.currentTxnStartOffset === 0n)).toBe(true);
      expect(await kafkajsReadValues(cluster.bootstrap, 'txn-timeout', { readUncommitted: false, expected: 1, timeoutMs: 500, quietMs: 0 })).toEqual([]);
      expect((await listTransactions(cluster.bootstrap, ['Ongoing'])).map((s) => s.transactionalId)).toContain('slow-tx');

      await waitFor('the timeout abort', () => describeTransaction(cluster.bootstrap, 'slow-tx'), (d) => d.transactionState === 'CompleteAbort', 10_000);
      expect(sorted(await kafkajsReadValues(cluster.bootstrap, 'txn-timeout', { readUncommitted: false, expected: 2 }))).toEqual(values('quick', 2));
      await expect(hanging.commit()).rejects.toThrow();
    } finally {
      await slow.disconnect().catch(() => undefined);
      await quick.disconnect();
    }
  }, 90_000);

  it('SIGKILL of the coordinator mid-transaction: the new coordinator finishes it, all or nothing across partitions', async () => {
    await createTopic(cluster.bootstrap, 'txn-failover', { partitions: 3, replicationFactor: 3 });
    const producer = await transactionalProducer(cluster.bootstrap, 'failover-tx', { retries: 10, transactionTimeoutMs: 10_000 });
    let committed = false;
    try {
      const txn = await producer.transaction();
      await txn.send({ topic: 'txn-failover', messages: values('f', 9).map((value, i) => ({ value, partition: i % 3 })) });
      const coordinator = await transactionCoordinator(cluster.bootstrap, 'failover-tx');
      process.kill(brokerPid(cluster, coordinator.nodeId), 'SIGKILL');
      try {
        await txn.commit();
        committed = true;
      } catch (err) {
        // Indeterminate for the client; the transaction still ends (its timeout aborts it at worst).
        console.warn(`commit after the coordinator's SIGKILL failed: ${String(err)}`);
      }
      await waitFor(
        'the transaction to be complete at the new coordinator',
        async () => (await describeTransaction(cluster.bootstrap, 'failover-tx')).transactionState,
        (state) => state === 'CompleteCommit' || state === 'CompleteAbort',
        30_000,
      );
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
    const final = await describeTransaction(cluster.bootstrap, 'failover-tx');
    if (committed) expect(final.transactionState).toBe('CompleteCommit');
    const seen = await kafkajsReadValues(cluster.bootstrap, 'txn-failover', { readUncommitted: false, expected: 9, timeoutMs: 15_000 });
    // Never torn: every record of the transaction, or none of them.
    expect(sorted(seen)).toEqual(final.transactionState === 'CompleteCommit' ? sorted(values('f', 9)) : []);
  }, 120_000);

  it('aborted transactions survive a crash of every broker: .txnindex rebuilt from the log, read_committed unchanged', async () => {
    const dirs = readdirSync(cluster.dataDir).filter((d) => d.startsWith('broker-'));
    const txnIndexes = (): string[] =>
      dirs.flatMap((b) => {
        const base = join(cluster.dataDir, b);
        return readdirSync(base)
          .filter((d) => d.startsWith('txn-out-'))
          .flatMap((d) => readdirSync(join(base, d)).filter((f) => f.endsWith('.txnindex')).map((f) => join(base, d, f)));
      });
    const before = txnIndexes().filter((f) => statSync(f).size > 0);
    expect(before.length).toBeGreaterThan(0);
    for (const f of before) expect(statSync(f).size % 34).toBe(0);
    // Crash: SIGKILL of the host and its brokers (the process group this test started).
    const addresses = cluster.brokers;
    cluster.process.killGroup('SIGKILL');
    await cluster.process.exited;
    await waitFor('every broker to be gone', async () => (await Promise.all(addresses.map((a) => accepts(a.host, a.port)))).some(Boolean), (up) => !up, 20_000);
    // The indexes are lost too: recovery must rebuild them from the log.
    for (const f of txnIndexes()) rmSync(f);
    await cluster.restart();
    const committed = sorted([...values('a', 10), ...values('c', 5)]);
    const read = await waitFor(
      'read_committed after the restart',
      () => kcatConsume(cluster.bootstrap, 'txn-out', { isolation: 'read_committed', timeoutMs: 20_000 }),
      (r) => r.length >= 15,
      60_000,
    );
    expect(sorted(read.map((r) => r.value?.toString('utf8') ?? '').filter((v) => /^[abc]-/.test(v)))).toEqual(committed);
    expect(txnIndexes().filter((f) => statSync(f).size > 0).length).toBeGreaterThan(0);
  }, 120_000);
});
