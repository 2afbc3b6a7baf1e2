// The transaction APIs against an independent codec: kafkajs 2.2.4's own request encoders (the
// bytes it sends) must decode in our tables to the same values and re-encode byte for byte, and our
// responses must decode in kafkajs's response decoders to what we meant.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ApiKey } from './api-keys';
import { API_TABLES } from './apis/index';
import { decodeExact, encodeToBuffer } from './codec';

const require = createRequire(import.meta.url);

interface KafkajsRequest {
  apiKey: number;
  apiVersion: number;
  encode(): Promise<{ buffer: Buffer }>;
}
type KafkajsProtocol = (args: { version: number }) => (params: Record<string, unknown>) => {
  request: KafkajsRequest;
  response: { decode(raw: Buffer): Promise<unknown> };
};

function kafkajs(name: string): KafkajsProtocol {
  const mod = require(`kafkajs/src/protocol/requests/${name}`) as { protocol: KafkajsProtocol };
  return mod.protocol;
}

const cases = [
  {
    api: ApiKey.InitProducerId,
    name: 'initProducerId',
    params: { transactionalId: 'orders-tx', transactionTimeout: 30_000 },
    ours: { transactionalId: 'orders-tx', transactionTimeoutMs: 30_000 },
    response: { throttleTimeMs: 0, errorCode: 0, producerId: 4001n, producerEpoch: 3 },
    kafkajsResponse: { errorCode: 0, producerId: '4001', producerEpoch: 3 },
  },
  {
    api: ApiKey.AddPartitionsToTxn,
    name: 'addPartitionsToTxn',
    params: { transactionalId: 'orders-tx', producerId: '4001', producerEpoch: 3, topics: [{ topic: 'orders', partitions: [0, 2] }] },
    ours: { v3AndBelowTransactionalId: 'orders-tx', v3AndBelowProducerId: 4001n, v3AndBelowProducerEpoch: 3, v3AndBelowTopics: [{ name: 'orders', partitions: [0, 2] }] },
    response: { throttleTimeMs: 0, resultsByTopicV3AndBelow: [{ name: 'orders', resultsByPartition: [{ partitionIndex: 0, partitionErrorCode: 0 }, { partitionIndex: 2, partitionErrorCode: 0 }] }] },
    kafkajsResponse: { errors: [{ topic: 'orders', partitionErrors: [{ partition: 0, errorCode: 0 }, { partition: 2, errorCode: 0 }] }] },
  },
  {
    api: ApiKey.AddOffsetsToTxn,
    name: 'addOffsetsToTxn',
    params: { transactionalId: 'orders-tx', producerId: '4001', producerEpoch: 3, groupId: 'billing' },
    ours: { transactionalId: 'orders-tx', producerId: 4001n, producerEpoch: 3, groupId: 'billing' },
    response: { throttleTimeMs: 0, errorCode: 0 },
    kafkajsResponse: { errorCode: 0 },
  },
  {
    api: ApiKey.EndTxn,
    name: 'endTxn',
    params: { transactionalId: 'orders-tx', producerId: '4001', producerEpoch: 3, transactionResult: true },
    ours: { transactionalId: 'orders-tx', producerId: 4001n, producerEpoch: 3, committed: true },
    response: { throttleTimeMs: 0, errorCode: 0 },
    kafkajsResponse: { errorCode: 0 },
  },
  {
    api: ApiKey.TxnOffsetCommit,
    name: 'txnOffsetCommit',
    params: { transactionalId: 'orders-tx', groupId: 'billing', producerId: '4001', producerEpoch: 3, topics: [{ topic: 'in', partitions: [{ partition: 1, offset: '42' }] }] },
    ours: { transactionalId: 'orders-tx', groupId: 'billing', producerId: 4001n, producerEpoch: 3, topics: [{ name: 'in', partitions: [{ partitionIndex: 1, committedOffset: 42n, committedMetadata: null }] }] },
    response: { throttleTimeMs: 0, topics: [{ name: 'in', partitions: [{ partitionIndex: 1, errorCode: 0 }] }] },
    kafkajsResponse: { topics: [{ topic: 'in', partitions: [{ partition: 1, errorCode: 0 }] }] },
  },
];

describe('transaction APIs against kafkajs 2.2.4 encoders and decoders', () => {
  for (const c of cases) {
    for (const version of [0, 1]) {
      it(`${c.name} v${version}`, async () => {
        const { request, response } = kafkajs(c.name)({ version })(c.params);
        expect([request.apiKey, request.apiVersion]).toEqual([c.api, version]);
        const bytes = (await request.encode()).buffer;
        const table = API_TABLES[c.api];
        const decoded = decodeExact(table.request, version, bytes) as Record<string, unknown>;
        expect(decoded).toMatchObject(c.ours);
        expect(encodeToBuffer(table.request, version, decoded as never).toString('hex')).toBe(bytes.toString('hex'));
        const ourResponse = encodeToBuffer(table.response, version, c.response as never);
        expect(await response.decode(ourResponse)).toMatchObject(c.kafkajsResponse);
      });
    }
  }
});
