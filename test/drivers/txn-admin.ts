// Transaction admin requests for the tests (kafka-transactions.sh's describe / list /
// describe-producers), sent with the project's connection over the wire to real brokers.
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import type { DescribeProducersResponse, DescribeTransactionsResponse, ListTransactionsResponse } from '../../src/engine/protocol/apis';

function split(hostPort: string): { host: string; port: number } {
  const i = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, i), port: Number(hostPort.slice(i + 1)) };
}

/** Runs `work` on the first address of `bootstrap` that accepts a connection (a killed broker is skipped). */
async function withAnyBroker<T>(bootstrap: string, work: (c: BrokerConnection) => Promise<T>): Promise<T> {
  let last: unknown;
  for (const address of bootstrap.split(',')) {
    let c: BrokerConnection;
    try {
      c = await BrokerConnection.connect({ ...split(address), clientId: 'txn-admin', connectTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
    } catch (err) {
      last = err;
      continue;
    }
    try {
      return await work(c);
    } finally {
      c.close();
    }
  }
  throw last instanceof Error ? last : new Error(`no broker of ${bootstrap} accepted a connection`);
}

async function withConnection<T>(hostPort: string, work: (c: BrokerConnection) => Promise<T>): Promise<T> {
  const c = await BrokerConnection.connect({ ...split(hostPort), clientId: 'txn-admin', connectTimeoutMs: 3_000, requestTimeoutMs: 10_000 });
  try {
    return await work(c);
  } finally {
    c.close();
  }
}

/** FindCoordinator key type 1 through `bootstrap` (the first address); throws on an error code. */
export async function transactionCoordinator(bootstrap: string, transactionalId: string): Promise<{ nodeId: number; address: string }> {
  return withAnyBroker(bootstrap, async (c) => {
    const r = await c.send(ApiKey.FindCoordinator, 4, { key: '', keyType: 1, coordinatorKeys: [transactionalId] });
    const found = r.coordinators[0]!;
    if (found.errorCode !== 0) throw new Error(`FindCoordinator(${transactionalId}) answered error ${found.errorCode}`);
    return { nodeId: found.nodeId, address: `${found.host}:${found.port}` };
  });
}

export async function describeTransaction(bootstrap: string, transactionalId: string): Promise<DescribeTransactionsResponse['transactionStates'][number]> {
  const coordinator = await transactionCoordinator(bootstrap, transactionalId);
  return withConnection(coordinator.address, async (c) => (await c.send(ApiKey.DescribeTransactions, 0, { transactionalIds: [transactionalId] })).transactionStates[0]!);
}

/** ListTransactions on every broker of `bootstrap`, concatenated. */
export async function listTransactions(bootstrap: string, stateFilters: string[] = []): Promise<ListTransactionsResponse['transactionStates']> {
  const all: ListTransactionsResponse['transactionStates'] = [];
  for (const address of bootstrap.split(',')) {
    const r = await withConnection(address, (c) => c.send(ApiKey.ListTransactions, 1, { stateFilters, producerIdFilters: [], durationFilter: -1n }));
    if (r.errorCode !== 0) throw new Error(`ListTransactions on ${address} answered error ${r.errorCode}`);
    all.push(...r.transactionStates);
  }
  return all;
}

export async function describeProducers(leaderAddress: string, topic: string, partition: number): Promise<DescribeProducersResponse['topics'][number]['partitions'][number]> {
  return withConnection(leaderAddress, async (c) => (await c.send(ApiKey.DescribeProducers, 0, { topics: [{ name: topic, partitionIndexes: [partition] }] })).topics[0]!.partitions[0]!);
}

/** OffsetFetch v7 of one partition at the group's coordinator: [errorCode, committed offset]. */
export async function offsetFetch(bootstrap: string, groupId: string, topic: string, partition: number, requireStable: boolean): Promise<[number, number]> {
  const coordinator = await withAnyBroker(bootstrap, async (c) => {
    const r = await c.send(ApiKey.FindCoordinator, 4, { key: '', keyType: 0, coordinatorKeys: [groupId] });
    const found = r.coordinators[0]!;
    if (found.errorCode !== 0) throw new Error(`FindCoordinator(${groupId}) answered error ${found.errorCode}`);
    return `${found.host}:${found.port}`;
  });
  return withConnection(coordinator, async (c) => {
    const r = await c.send(ApiKey.OffsetFetch, 7, { groupId, topics: [{ name: topic, partitionIndexes: [partition] }], groups: [], requireStable });
    const p = r.topics[0]!.partitions[0]!;
    return [p.errorCode || r.errorCode, Number(p.committedOffset)];
  });
}
