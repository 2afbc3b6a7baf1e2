import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatProduce } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { BrokerConnection } from '../../src/engine/client/broker-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import { ErrorCode } from '../../src/engine/protocol/errors';

describe('OffsetForLeaderEpoch', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('answers the end offset of an epoch, and refuses unknown partitions and fenced epochs', async () => {
    await createTopic(cluster.bootstrap, 'epochs', { partitions: 1 });
    await kcatProduce(cluster.bootstrap, 'epochs', Array.from({ length: 10 }, (_, i) => ({ value: `v${i}` })), { partition: 0, idempotent: false });
    const conn = await BrokerConnection.connect({ host: '127.0.0.1', port: cluster.brokers[0].port });
    try {
      for (const version of [0, 2, 4]) {
        const response = await conn.send(ApiKey.OffsetForLeaderEpoch, version, {
          replicaId: -1,
          topics: [
            { topic: 'epochs', partitions: [{ partition: 0, currentLeaderEpoch: -1, leaderEpoch: 0 }, { partition: 7, currentLeaderEpoch: -1, leaderEpoch: 0 }] },
          ],
        });
        const [known, unknown] = response.topics[0].partitions;
        expect(known).toMatchObject({ errorCode: ErrorCode.NONE, partition: 0, endOffset: 10n });
        if (version >= 1) expect(known.leaderEpoch).toBe(0);
        expect(unknown.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
      }
      const fenced = await conn.send(ApiKey.OffsetForLeaderEpoch, 4, {
        replicaId: -1,
        topics: [{ topic: 'epochs', partitions: [{ partition: 0, currentLeaderEpoch: 5, leaderEpoch: 0 }] }],
      });
      expect(fenced.topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_LEADER_EPOCH);
    } finally {
      conn.close();
    }
  });
});
