import { afterEach, describe, expect, test } from 'vitest';
import { ApiKey } from '../protocol/api-keys';
import { ErrorCode } from '../protocol/errors';
import { decodeRequest, encodeResponse } from '../protocol/headers';
import { decodeRecordBatchesSync } from '../protocol/record-batch-decoder';
import { Admin } from './admin';
import { KafkaProtocolError, UnsupportedApiError } from './client-errors';
import { KafkaClient } from './kafka-client';
import { Producer } from './producer';
import { apiVersionsResponse, startFakeBroker, type FakeBroker, type FakeRequest } from './test-support/fake-broker';

const RANGES = [
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
  { apiKey: ApiKey.Produce, minVersion: 0, maxVersion: 9 },
];

const brokers: FakeBroker[] = [];
const clients: KafkaClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

/** Two fake brokers sharing one view of who leads `t-0`; broker 1 gives up leadership on the first produce. */
async function twoBrokerCluster(onProduce: (nodeId: number, recordCount: number) => number) {
  const state = { leader: 1 };
  const nodes: FakeBroker[] = [];
  const handlerFor = (nodeId: number) => (req: FakeRequest, reply: (b: Buffer) => void) => {
    if (req.apiKey === ApiKey.ApiVersions) return reply(apiVersionsResponse(req, RANGES));
    if (req.apiKey === ApiKey.Metadata) {
      return reply(
        encodeResponse(ApiKey.Metadata, req.apiVersion, req.correlationId, {
          throttleTimeMs: 0,
          brokers: nodes.map((n, i) => ({ nodeId: i + 1, host: n.host, port: n.port, rack: null })),
          clusterId: 'fake-cluster',
          controllerId: 1,
          topics: [
            {
              errorCode: 0,
              name: 't',
              isInternal: false,
              partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: state.leader, leaderEpoch: state.leader, replicaNodes: [1, 2], isrNodes: [1, 2], offlineReplicas: [] }],
              topicAuthorizedOperations: 0,
            },
          ],
          clusterAuthorizedOperations: 0,
        }),
      );
    }
    if (req.apiKey === ApiKey.Produce) {
      const body = decodeRequest(ApiKey.Produce, req.apiVersion, req.frame, req.bodyOffset);
      const count = decodeRecordBatchesSync(body.topicData[0].partitionData[0].records!).reduce((n, b) => n + (b.isControl ? 0 : b.records.length), 0);
      const errorCode = onProduce(nodeId, count);
      if (errorCode === ErrorCode.NOT_LEADER_OR_FOLLOWER) state.leader = 2;
      return reply(
        encodeResponse(ApiKey.Produce, req.apiVersion, req.correlationId, {
          responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode, baseOffset: errorCode === 0 ? 40n : -1n, recordErrors: [] }] }],
          throttleTimeMs: 0,
        }),
      );
    }
  };
  nodes.push(await startFakeBroker(handlerFor(1)), await startFakeBroker(handlerFor(2)));
  brokers.push(...nodes);
  return nodes;
}

function client(bootstrap: FakeBroker): KafkaClient {
  const c = new KafkaClient({ bootstrap: `${bootstrap.host}:${bootstrap.port}`, retryBackoffMs: 10, requestTimeoutMs: 5_000 });
  clients.push(c);
  return c;
}

describe('KafkaClient routing', () => {
  test('NOT_LEADER_OR_FOLLOWER refreshes metadata and retries on the new leader', async () => {
    const seen: Array<[number, number]> = [];
    const [one, two] = await twoBrokerCluster((nodeId, count) => {
      seen.push([nodeId, count]);
      return nodeId === 1 ? ErrorCode.NOT_LEADER_OR_FOLLOWER : 0;
    });
    const c = client(one);
    const metadataBefore = one.requestsOf(ApiKey.Metadata).length + two.requestsOf(ApiKey.Metadata).length;
    const result = await new Producer(c).send('t', [{ key: 'k', value: 'v' }]);
    expect(result).toEqual([expect.objectContaining({ partition: 0, baseOffset: 40, recordCount: 1 })]);
    // The same batch, first to the old leader, then to the new one.
    expect(seen).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const metadataAfter = one.requestsOf(ApiKey.Metadata).length + two.requestsOf(ApiKey.Metadata).length;
    expect(metadataAfter - metadataBefore).toBeGreaterThanOrEqual(2);
    expect((await c.partition('t', 0)).leaderId).toBe(2);
  });

  test('routing retries are bounded: a partition that keeps answering NOT_LEADER_OR_FOLLOWER fails', async () => {
    const [one] = await twoBrokerCluster(() => ErrorCode.NOT_LEADER_OR_FOLLOWER);
    const c = new KafkaClient({ bootstrap: `${one.host}:${one.port}`, retries: 2, retryBackoffMs: 5 });
    clients.push(c);
    const err = await new Producer(c).send('t', [{ value: 'v' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KafkaProtocolError);
    expect((err as KafkaProtocolError).name).toBe('NOT_LEADER_OR_FOLLOWER');
    expect((err as Error).message).toMatch(/^NOT_LEADER_OR_FOLLOWER: For requests intended only for the leader.*\[t-0/);
    expect(brokers.reduce((n, b) => n + b.requestsOf(ApiKey.Produce).length, 0)).toBe(3);
  });

  test('a non-routing error is not retried and reads like Kafka', async () => {
    const [one] = await twoBrokerCluster(() => ErrorCode.NOT_ENOUGH_REPLICAS);
    const err = await new Producer(client(one)).send('t', [{ value: 'v' }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NOT_ENOUGH_REPLICAS', code: 19, retriable: true });
    expect((err as Error).message).toMatch(/^NOT_ENOUGH_REPLICAS: Messages are rejected since there are fewer in-sync replicas than required\./);
    expect(one.requestsOf(ApiKey.Produce)).toHaveLength(1);
  });

  test('an API the cluster does not advertise gives UnsupportedApiError', async () => {
    const [one] = await twoBrokerCluster(() => 0);
    const admin = new Admin(client(one));
    const err = await admin.createTopics([{ name: 'x', numPartitions: 1, replicationFactor: 1 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedApiError);
    expect((err as Error).message).toMatch(/^CreateTopics is not supported by this cluster/);
    await expect(admin.listGroups()).rejects.toThrow(/ListGroups is not supported by this cluster/);
    // Without DescribeCluster the cluster view comes from Metadata.
    const cluster = await admin.describeCluster();
    expect(cluster).toMatchObject({ clusterId: 'fake-cluster', controllerId: 1 });
    expect(cluster.brokers.map((b) => b.nodeId)).toEqual([1, 2]);
  });
});
