// Bad input on the wire: each case gets a clear answer or a closed connection, and the broker goes
// on serving — a kcat consumer on another connection receives every record throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { spawnTracked, type TrackedProcess } from '../fixtures/tracked';
import { KCAT } from '../drivers/kcat';
import { kcatProduce } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { RawConnection, frame } from '../drivers/raw-connection';
import { ApiKey } from '../../src/engine/protocol/api-keys';
import { decodeResponse, encodeRequest } from '../../src/engine/protocol/headers';
import { ErrorCode } from '../../src/engine/protocol/errors';
import { buildRecordBatchSync } from '../../src/engine/protocol/record-batch-builder';

/** A request header with a null client id: v1, or v2 (an empty tagged-field section) when `flexible`. */
function header(apiKey: number, apiVersion: number, correlationId: number, flexible = false): Buffer {
  const b = Buffer.alloc(flexible ? 11 : 10);
  b.writeInt16BE(apiKey, 0);
  b.writeInt16BE(apiVersion, 2);
  b.writeInt32BE(correlationId, 4);
  b.writeInt16BE(-1, 8);
  return b;
}

describe('bad input to a broker', () => {
  let cluster: ClusterProcess;
  let consumer: TrackedProcess;
  let written = 0;

  const writeSome = async (n: number): Promise<void> => {
    const produced = await kcatProduce(cluster.bootstrap, 'watched', Array.from({ length: n }, (_, i) => ({ value: `w${written + i}` })), { partition: 0, idempotent: false });
    expect(produced.acknowledged.length).toBe(n);
    written += n;
  };

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1 });
    await createTopic(cluster.bootstrap, 'watched', { partitions: 1 });
    await createTopic(cluster.bootstrap, 'two', { partitions: 2 });
    consumer = spawnTracked(KCAT, ['-C', '-b', cluster.bootstrap, '-t', 'watched', '-o', 'beginning', '-u', '-f', '%s\n'], { label: 'watching consumer' });
    await writeSome(10);
  });
  afterAll(async () => {
    await consumer?.stop(2000);
    await cluster?.stop();
  });

  it('closes the connection on an unknown API key, with a log line naming it', async () => {
    const conn = await RawConnection.connect(cluster.bootstrap);
    conn.write(frame(header(9999, 0, 1)));
    expect(await conn.closedByPeer()).toBe(true);
    expect(cluster.stderr()).toMatch(/unknown API key 9999/);
    await writeSome(10);
  });

  it('answers an unknown ApiVersions version in the v0 format with UNSUPPORTED_VERSION and closes on other unsupported versions', async () => {
    const conn = await RawConnection.connect(cluster.bootstrap);
    conn.write(frame(header(ApiKey.ApiVersions, 99, 7, true)));
    const reply = await conn.nextFrame();
    expect(reply).not.toBeNull();
    const { correlationId, body } = decodeResponse(ApiKey.ApiVersions, 0, reply as Buffer);
    expect(correlationId).toBe(7);
    expect(body.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    expect(body.apiKeys.find((k) => k.apiKey === ApiKey.ApiVersions)).toMatchObject({ minVersion: 0, maxVersion: 4 });
    conn.write(frame(header(ApiKey.Metadata, 99, 8, true)));
    expect(await conn.closedByPeer()).toBe(true);
    expect(cluster.stderr()).toMatch(/unsupported version 99 of Metadata/);
    await writeSome(10);
  });

  it('answers CORRUPT_MESSAGE for a batch with a wrong CRC while the other partition of the same request is appended', async () => {
    const good = buildRecordBatchSync([{ key: 'k', value: 'good' }]);
    const bad = buildRecordBatchSync([{ key: 'k', value: 'bad!' }]);
    bad[bad.length - 2] ^= 0xff; // inside the CRC-covered records
    const conn = await RawConnection.connect(cluster.bootstrap);
    conn.write(
      encodeRequest(ApiKey.Produce, 9, 21, 'bad-input-test', {
        transactionalId: null,
        acks: -1,
        timeoutMs: 5000,
        topicData: [{ name: 'two', partitionData: [{ index: 0, records: good }, { index: 1, records: bad }] }],
      }),
    );
    const reply = await conn.nextFrame();
    const { body } = decodeResponse(ApiKey.Produce, 9, reply as Buffer);
    const byPartition = new Map(body.responses[0].partitionResponses.map((p) => [p.index, p]));
    expect(byPartition.get(0)).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0n });
    expect(byPartition.get(1)?.errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(byPartition.get(1)?.errorMessage).toMatch(/crc|checksum/i);
    conn.close();
    await writeSome(10);
  });

  it.each([
    ['a size above socket.request.max.bytes', (() => { const b = Buffer.alloc(4); b.writeInt32BE(200 * 1024 * 1024); return b; })()],
    ['a negative size', (() => { const b = Buffer.alloc(4); b.writeInt32BE(-12); return b; })()],
    ['random bytes', Buffer.from('8f3a01ffee12b7c4d9000102ab', 'hex')],
  ])('closes the connection on %s', async (_what, bytes) => {
    const conn = await RawConnection.connect(cluster.bootstrap);
    conn.write(bytes);
    expect(await conn.closedByPeer()).toBe(true);
    await writeSome(10);
  });

  it('drops a truncated frame when the client goes away, and keeps serving', async () => {
    const conn = await RawConnection.connect(cluster.bootstrap);
    const whole = frame(header(ApiKey.Metadata, 1, 3));
    conn.write(whole.subarray(0, whole.length - 4));
    conn.close();
    await writeSome(10);
  });

  it('delivered every record to the consumer on another connection throughout', async () => {
    const expected = Array.from({ length: written }, (_, i) => `w${i}`);
    await consumer.waitForOutput(new RegExp(`^w${written - 1}$`, 'm'), { stream: 'stdout', timeoutMs: 15_000 });
    expect(consumer.stdout().split('\n').filter(Boolean)).toEqual(expected);
  });
});
