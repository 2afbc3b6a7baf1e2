// The sender's error paths against a scripted broker: KIP-360's client-side epoch bump after
// OUT_OF_ORDER_SEQUENCE_NUMBER (the refused batch fails, the next one goes with epoch + 1 from
// sequence 0), a retry after a lost connection keeping its sequence, and the three report kinds.
import { afterEach, describe, expect, test } from 'vitest';
import { ApiKey } from '../../protocol/api-keys';
import { ErrorCode } from '../../protocol/errors';
import { decodeRequest, encodeResponse } from '../../protocol/headers';
import { decodeRecordBatchesSync } from '../../protocol/record-batch-decoder';
import { KafkaClient } from '../kafka-client';
import { apiVersionsResponse, startFakeBroker, type FakeBroker, type FakeRequest } from '../test-support/fake-broker';
import { KafkaProducer } from './kafka-producer';

const RANGES = [
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
  { apiKey: ApiKey.Produce, minVersion: 3, maxVersion: 9 },
  { apiKey: ApiKey.InitProducerId, minVersion: 0, maxVersion: 4 },
];

interface SeenBatch {
  producerId: bigint;
  epoch: number;
  sequence: number;
  values: string[];
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** One broker leading `t-0`; `onProduce` says what to do with each batch: an error code, or 'drop' (close the connection after appending); produce answers may be held a while. */
async function scripted(onProduce: (batch: SeenBatch, n: number) => number | 'drop', initProducerIdError = 0, produceReplyDelayMs = 0): Promise<{ broker: FakeBroker; seen: SeenBatch[]; client: KafkaClient }> {
  const seen: SeenBatch[] = [];
  let offset = 0;
  let self: FakeBroker | null = null;
  const broker = await startFakeBroker((req: FakeRequest, reply) => {
    if (req.apiKey === ApiKey.ApiVersions) return reply(apiVersionsResponse(req, RANGES));
    if (req.apiKey === ApiKey.Metadata) {
      return reply(
        encodeResponse(ApiKey.Metadata, req.apiVersion, req.correlationId, {
          throttleTimeMs: 0,
          brokers: [{ nodeId: 1, host: self!.host, port: self!.port, rack: null }],
          clusterId: 'fake',
          controllerId: 1,
          topics: [{ errorCode: 0, name: 't', isInternal: false, partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }], topicAuthorizedOperations: 0 }],
          clusterAuthorizedOperations: 0,
        }),
      );
    }
    if (req.apiKey === ApiKey.InitProducerId) {
      return reply(encodeResponse(ApiKey.InitProducerId, req.apiVersion, req.correlationId, { throttleTimeMs: 0, errorCode: initProducerIdError, producerId: initProducerIdError ? -1n : 7n, producerEpoch: initProducerIdError ? -1 : 0 }));
    }
    if (req.apiKey === ApiKey.Produce) {
      const body = decodeRequest(ApiKey.Produce, req.apiVersion, req.frame, req.bodyOffset);
      const [b] = decodeRecordBatchesSync(body.topicData[0].partitionData[0].records!);
      if (!b || b.isControl) throw new Error('expected one data batch');
      const batch: SeenBatch = { producerId: BigInt(b.header.producerId), epoch: b.header.producerEpoch, sequence: b.header.baseSequence, values: b.records.map((r) => r.value!.toString()) };
      seen.push(batch);
      const action = onProduce(batch, seen.length);
      if (action === 'drop') {
        offset += batch.values.length;
        req.socket.destroy();
        return;
      }
      const baseOffset = action === 0 ? BigInt(offset) : -1n;
      if (action === 0) offset += batch.values.length;
      const response = encodeResponse(ApiKey.Produce, req.apiVersion, req.correlationId, {
        responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: action, baseOffset, recordErrors: [] }] }],
        throttleTimeMs: 0,
      });
      if (produceReplyDelayMs > 0) {
        setTimeout(() => reply(response), produceReplyDelayMs);
        return;
      }
      return reply(response);
    }
  });
  self = broker;
  const client = new KafkaClient({ bootstrap: `${broker.host}:${broker.port}`, retryBackoffMs: 10, requestTimeoutMs: 5_000 });
  cleanups.push(() => broker.close(), () => client.close());
  return { broker, seen, client };
}

describe('Sender', () => {
  test('OUT_OF_ORDER_SEQUENCE_NUMBER fails that batch and bumps the epoch; the next batch starts at sequence 0', async () => {
    const { seen, client } = await scripted((_b, n) => (n === 2 ? ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER : 0));
    const producer = new KafkaProducer(client, { retryBackoffMs: 10 });
    const first = await producer.send({ topic: 't', partition: 0, value: 'a' });
    const second = await producer.send({ topic: 't', partition: 0, value: 'b' });
    const third = await producer.send({ topic: 't', partition: 0, value: 'c' });
    expect(first).toMatchObject({ status: 'acknowledged', offset: 0 });
    expect(second).toMatchObject({ status: 'failed', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(third).toMatchObject({ status: 'acknowledged', offset: 1 });
    expect(seen.map((b) => [b.producerId, b.epoch, b.sequence])).toEqual([
      [7n, 0, 0],
      [7n, 0, 1],
      [7n, 1, 0],
    ]);
    expect(producer.stats).toMatchObject({ epochBumps: 1, producerIds: 1 });
  });

  test('a lost response is retried with the same sequence and epoch, and acknowledged once', async () => {
    const { seen, client } = await scripted((_b, n) => (n === 1 ? 'drop' : 0));
    const producer = new KafkaProducer(client, { retryBackoffMs: 10 });
    const report = await producer.send({ topic: 't', partition: 0, value: 'x' });
    expect(report.status).toBe('acknowledged');
    expect(seen.map((b) => [b.epoch, b.sequence, b.values.join()])).toEqual([
      [0, 0, 'x'],
      [0, 0, 'x'],
    ]);
  });

  test('a non-retriable error fails the batch; running out of time after a lost response is indeterminate', async () => {
    const { client } = await scripted((b) => (b.values[0] === 'big' ? ErrorCode.MESSAGE_TOO_LARGE : 'drop'));
    const producer = new KafkaProducer(client, { retryBackoffMs: 10, deliveryTimeoutMs: 300 });
    expect(await producer.send({ topic: 't', partition: 0, value: 'big' })).toMatchObject({ status: 'failed', error: 'MESSAGE_TOO_LARGE' });
    expect(await producer.send({ topic: 't', partition: 0, value: 'lost' })).toMatchObject({ status: 'indeterminate' });
  });

  test('a first batch refused by a leader not yet leading is not overtaken by the batches behind it', async () => {
    // A fresh topic's leader that has not applied its leadership yet answers NOT_LEADER_OR_FOLLOWER;
    // once it leads, it knows nothing of the producer and, as Kafka's ProducerAppendInfo does
    // (KIP-360), accepts any sequence. Batches pipelined behind the refused first one would then be
    // stored first, and the first one could never be: OUT_OF_ORDER_SEQUENCE_NUMBER until the
    // delivery timeout. Replies are held 30 ms so that every batch the sender allows is in flight.
    let lastSeq: number | null = null;
    const { seen, client } = await scripted((b, n) => {
      if (n === 1) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
      if (lastSeq !== null && b.sequence !== lastSeq + 1) return ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER;
      lastSeq = b.sequence + b.values.length - 1;
      return 0;
    }, 0, 30);
    const producer = new KafkaProducer(client, { retryBackoffMs: 10, lingerMs: 0, batchSize: 1, deliveryTimeoutMs: 3_000 });
    const reports = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((value) => producer.send({ topic: 't', partition: 0, value })));
    expect(reports.map((r) => r.status)).toEqual(['acknowledged', 'acknowledged', 'acknowledged', 'acknowledged', 'acknowledged']);
    expect(reports.map((r) => (r.status === 'acknowledged' ? r.offset : null))).toEqual([0, 1, 2, 3, 4]);
    // The first batch went alone until it was stored; the rest followed in sequence.
    expect(seen.map((b) => [b.sequence, b.values.join()])).toEqual([
      [0, 'a'],
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
      [4, 'e'],
    ]);
  });

  test('idempotence refuses acks other than all, as Kafka does', async () => {
    const { client } = await scripted(() => 0);
    expect(() => new KafkaProducer(client, { acks: 1 })).toThrow(/acks=-1/);
    expect(() => new KafkaProducer(client, { maxInFlight: 6 })).toThrow(/≤ 5/);
    expect(() => new KafkaProducer(client, { acks: 1, idempotence: false })).not.toThrow();
  });

  test('records expire while no producer id can be had, and were never sent', async () => {
    const { seen, client } = await scripted(() => 0, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const producer = new KafkaProducer(client, { retryBackoffMs: 10, deliveryTimeoutMs: 300 });
    expect(await producer.send({ topic: 't', partition: 0, value: 'waiting' })).toMatchObject({ status: 'failed', error: 'DELIVERY_TIMEOUT' });
    expect(seen).toEqual([]);
    await producer.close();
  });
});
