// KIP-890 part 1 with real brokers: a partition leader asks the transaction's coordinator
// (AddPartitionsToTxn v4 verify-only) before a transactional batch opens a transaction on the
// partition. A batch for a partition the producer never added is refused with INVALID_TXN_STATE and
// nothing is appended; once added, the same batch goes in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import { ErrorCode } from '../../src/engine/protocol/errors';
import { buildRecordBatchSync } from '../../src/engine/protocol/record-batch-builder';
import type { ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { transactionCoordinator } from '../drivers/txn-admin';
import { leaderOf, startFastCluster, waitFor } from '../cluster/cluster-fixture';

describe('partition leaders verify transactional batches with the coordinator (KIP-890)', () => {
  let cluster: ClusterProcess;
  const connections: BrokerConnection[] = [];
  const connectTo = async (nodeId: number): Promise<BrokerConnection> => {
    const b = cluster.brokers[nodeId - 1]!;
    const c = await BrokerConnection.connect({ host: b.host, port: b.port, nodeId, clientId: 'kip-890-test' });
    connections.push(c);
    return c;
  };

  beforeAll(async () => {
    cluster = await startFastCluster(3);
    await createTopic(cluster.bootstrap, 'verified', { partitions: 2, replicationFactor: 3 });
  }, 60_000);
  afterAll(async () => {
    for (const c of connections) c.close();
    await cluster?.stop();
  });

  it("advertises the transaction APIs in ApiVersions in the versions Kafka 3.9 accepts", async () => {
    const c = await connectTo(1);
    const range = (key: number) => {
      const r = c.apiVersions.get(key);
      return r ? [r.min, r.max] : null;
    };
    expect({
      InitProducerId: range(ApiKey.InitProducerId),
      AddPartitionsToTxn: range(ApiKey.AddPartitionsToTxn),
      AddOffsetsToTxn: range(ApiKey.AddOffsetsToTxn),
      EndTxn: range(ApiKey.EndTxn),
      WriteTxnMarkers: range(ApiKey.WriteTxnMarkers),
      TxnOffsetCommit: range(ApiKey.TxnOffsetCommit),
      DescribeProducers: range(ApiKey.DescribeProducers),
      DescribeTransactions: range(ApiKey.DescribeTransactions),
      ListTransactions: range(ApiKey.ListTransactions),
    }).toEqual({
      InitProducerId: [0, 5],
      AddPartitionsToTxn: [0, 5],
      AddOffsetsToTxn: [0, 4],
      EndTxn: [0, 4],
      WriteTxnMarkers: [0, 1],
      TxnOffsetCommit: [0, 4],
      DescribeProducers: [0, 0],
      DescribeTransactions: [0, 0],
      ListTransactions: [0, 1],
    });
  });

  it('refuses a batch for a partition not in the transaction and appends nothing; accepts it once added', async () => {
    const coordinator = await waitFor('a transaction coordinator', () => transactionCoordinator(cluster.bootstrap, 'verify-tx'), () => true, 20_000);
    const coord = await connectTo(coordinator.nodeId);
    const init = await waitFor(
      'InitProducerId',
      () => coord.send(ApiKey.InitProducerId, 4, { transactionalId: 'verify-tx', transactionTimeoutMs: 60_000, producerId: -1n, producerEpoch: -1 }),
      (r) => r.errorCode === 0,
      20_000,
    );
    const { producerId, producerEpoch } = init;
    const leader = await connectTo(await leaderOf(cluster, 'verified', 0));
    let seq = 0;
    const produce = async (partition: number) => {
      const records = buildRecordBatchSync([{ key: null, value: `v-${seq}` }], { producerId, producerEpoch, baseSequence: seq, transactional: true });
      const r = await leader.send(ApiKey.Produce, 9, {
        transactionalId: 'verify-tx',
        acks: -1,
        timeoutMs: 10_000,
        topicData: [{ name: 'verified', partitionData: [{ index: partition, records }] }],
      });
      return r.responses[0]!.partitionResponses[0]!;
    };
    const logEnd = async () => {
      const r = await leader.send(ApiKey.ListOffsets, 5, {
        replicaId: -1,
        isolationLevel: 0,
        topics: [{ name: 'verified', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1n }] }],
      });
      return Number(r.topics[0]!.partitions[0]!.offset);
    };

    // NOT_ENOUGH_REPLICAS (retriable) while the leader cannot reach a loaded coordinator yet.
    const refused = await waitFor('a verified answer', () => produce(0), (r) => r.errorCode !== ErrorCode.NOT_ENOUGH_REPLICAS, 20_000);
    expect(refused.errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(await logEnd()).toBe(0);

    const added = await coord.send(ApiKey.AddPartitionsToTxn, 3, {
      transactions: [],
      v3AndBelowTransactionalId: 'verify-tx',
      v3AndBelowProducerId: producerId,
      v3AndBelowProducerEpoch: producerEpoch,
      v3AndBelowTopics: [{ name: 'verified', partitions: [0] }],
    });
    expect(added.resultsByTopicV3AndBelow[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(0);
    const accepted = await waitFor('the batch to be accepted', () => produce(0), (r) => r.errorCode !== ErrorCode.NOT_ENOUGH_REPLICAS, 20_000);
    expect(accepted).toMatchObject({ errorCode: 0, baseOffset: 0n });
    seq++;
    expect(await logEnd()).toBe(1);

    // The verify-only form answers per partition: in the transaction, and not.
    const verified = await coord.send(ApiKey.AddPartitionsToTxn, 4, {
      transactions: [{ transactionalId: 'verify-tx', producerId, producerEpoch, verifyOnly: true, topics: [{ name: 'verified', partitions: [0, 1] }] }],
      v3AndBelowTransactionalId: '',
      v3AndBelowProducerId: -1n,
      v3AndBelowProducerEpoch: -1,
      v3AndBelowTopics: [],
    });
    expect(verified.resultsByTransaction[0]!.topicResults[0]!.resultsByPartition.map((p) => [p.partitionIndex, p.partitionErrorCode])).toEqual([
      [0, 0],
      [1, ErrorCode.INVALID_TXN_STATE],
    ]);
    // A stale epoch is fenced.
    const stale = await coord.send(ApiKey.AddPartitionsToTxn, 4, {
      transactions: [{ transactionalId: 'verify-tx', producerId, producerEpoch: producerEpoch - 1, verifyOnly: true, topics: [{ name: 'verified', partitions: [0] }] }],
      v3AndBelowTransactionalId: '',
      v3AndBelowProducerId: -1n,
      v3AndBelowProducerEpoch: -1,
      v3AndBelowTopics: [],
    });
    expect(stale.resultsByTransaction[0]!.topicResults[0]!.resultsByPartition[0]!.partitionErrorCode).toBe(ErrorCode.PRODUCER_FENCED);
  }, 90_000);
});
