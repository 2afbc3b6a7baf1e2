import { afterEach, describe, expect, test } from 'vitest';
import { ApiKey } from '../protocol/api-keys';
import { CompressionCodec } from '../protocol/compression/codec';
import { decodeRequest, encodeResponse } from '../protocol/headers';
import { buildRecordBatch } from '../protocol/record-batch-builder';
import { Fetcher } from './fetcher';
import { KafkaClient } from './kafka-client';
import { apiVersionsResponse, startFakeBroker, type FakeBroker, type FakeRequest } from './test-support/fake-broker';

const RANGES = [
  { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 3 },
  { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 12 },
  { apiKey: ApiKey.Fetch, minVersion: 0, maxVersion: 11 },
];

let broker: FakeBroker | undefined;
let client: KafkaClient | undefined;
afterEach(async () => {
  await client?.close();
  await broker?.close();
});

/** A one-partition topic whose log is two batches: offsets 0-2 (gzip) and 3-5. */
async function logOfTwoBatches() {
  const a = await buildRecordBatch(['a0', 'a1', 'a2'].map((value) => ({ value })), { baseOffset: 0, compression: CompressionCodec.GZIP });
  const b = await buildRecordBatch(['b3', 'b4', 'b5'].map((value) => ({ value })), { baseOffset: 3 });
  return { a, b, log: Buffer.concat([a, b]) };
}

async function serve(log: Buffer, secondBatchAt: number): Promise<{ fetches: Array<{ offset: bigint; maxBytes: number }> }> {
  const fetches: Array<{ offset: bigint; maxBytes: number }> = [];
  broker = await startFakeBroker((req: FakeRequest, reply) => {
    if (req.apiKey === ApiKey.ApiVersions) return reply(apiVersionsResponse(req, RANGES));
    if (req.apiKey === ApiKey.Metadata) {
      return reply(
        encodeResponse(ApiKey.Metadata, req.apiVersion, req.correlationId, {
          throttleTimeMs: 0,
          brokers: [{ nodeId: 1, host: broker!.host, port: broker!.port, rack: null }],
          clusterId: 'fake',
          controllerId: 1,
          topics: [
            {
              errorCode: 0,
              name: 't',
              isInternal: false,
              partitions: [{ errorCode: 0, partitionIndex: 0, leaderId: 1, leaderEpoch: 0, replicaNodes: [1], isrNodes: [1], offlineReplicas: [] }],
              topicAuthorizedOperations: 0,
            },
          ],
          clusterAuthorizedOperations: 0,
        }),
      );
    }
    if (req.apiKey === ApiKey.Fetch) {
      const body = decodeRequest(ApiKey.Fetch, req.apiVersion, req.frame, req.bodyOffset);
      const p = body.topics[0].partitions[0];
      fetches.push({ offset: p.fetchOffset, maxBytes: p.partitionMaxBytes });
      // Like an old server, cut the log at maxBytes even in the middle of a batch.
      const start = p.fetchOffset >= 3n ? secondBatchAt : 0;
      const records = log.subarray(start, start + p.partitionMaxBytes);
      return reply(
        encodeResponse(ApiKey.Fetch, req.apiVersion, req.correlationId, {
          throttleTimeMs: 0,
          errorCode: 0,
          responses: [
            {
              topic: 't',
              partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 6n, lastStableOffset: 6n, logStartOffset: 0n, abortedTransactions: null, records }],
            },
          ],
        }),
      );
    }
  });
  client = new KafkaClient({ bootstrap: `${broker.host}:${broker.port}`, requestTimeoutMs: 5_000 });
  return { fetches };
}

describe('Fetcher', () => {
  test('drops a partial trailing batch and skips records before the requested offset', async () => {
    const { a, log } = await logOfTwoBatches();
    await serve(log, a.length);
    const res = await new Fetcher(client!).fetch({ topic: 't', partition: 0, offset: 1, maxBytes: a.length + 30 });
    expect(res.records.map((r) => [r.offset, r.value?.toString()])).toEqual([
      [1, 'a1'],
      [2, 'a2'],
    ]);
    expect(res.nextOffset).toBe(3);
    expect(res.recordSet.length).toBe(a.length);
    expect([res.highWatermark, res.lastStableOffset, res.logStartOffset]).toEqual([6, 6, 0]);
  });

  test('a first batch larger than maxBytes is fetched again with room for the whole batch', async () => {
    const { a, log } = await logOfTwoBatches();
    const { fetches } = await serve(log, a.length);
    const res = await new Fetcher(client!).fetch({ topic: 't', partition: 0, offset: 0, maxBytes: 20 });
    expect(res.records.map((r) => r.value?.toString())).toEqual(['a0', 'a1', 'a2']);
    expect(fetches.map((f) => f.maxBytes)).toEqual([20, a.length]);
  });

  test('readRange reads to the high watermark across batches and stops', async () => {
    const { a, log } = await logOfTwoBatches();
    const { fetches } = await serve(log, a.length);
    const got: string[] = [];
    for await (const r of new Fetcher(client!).readRange({ topic: 't', partition: 0, fromOffset: 2, maxBytes: a.length + 5 })) got.push(r.value!.toString());
    expect(got).toEqual(['a2', 'b3', 'b4', 'b5']);
    expect(fetches.map((f) => f.offset)).toEqual([2n, 3n]);
  });
});
