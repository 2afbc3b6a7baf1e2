import { afterEach, describe, expect, test } from 'vitest';
import { createServer } from 'node:net';
import { ApiKey } from '../protocol/api-keys';
import { encodeApiVersionsFallback, encodeResponse } from '../protocol/headers';
import { BrokerConnection } from './broker-connection';
import { BrokerUnreachableError, ConnectionError, RequestTimeoutError, UnsupportedApiError } from './client-errors';
import { apiVersionsResponse, BASIC_RANGES, startFakeBroker, type FakeBroker } from './test-support/fake-broker';

const brokers: FakeBroker[] = [];
const connections: BrokerConnection[] = [];

afterEach(async () => {
  for (const c of connections.splice(0)) c.close();
  await Promise.all(brokers.splice(0).map((b) => b.close()));
});

async function fake(handler: Parameters<typeof startFakeBroker>[0]): Promise<FakeBroker> {
  const b = await startFakeBroker(handler);
  brokers.push(b);
  return b;
}

async function connect(b: FakeBroker, extra: { requestTimeoutMs?: number; connectTimeoutMs?: number } = {}): Promise<BrokerConnection> {
  const c = await BrokerConnection.connect({ host: b.host, port: b.port, nodeId: 7, ...extra });
  connections.push(c);
  return c;
}

const metadataBody = { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };

describe('BrokerConnection', () => {
  test('closing the socket mid-request rejects every pending request with a ConnectionError naming the broker', async () => {
    const b = await fake((req, reply) => {
      if (req.apiKey === ApiKey.ApiVersions) return reply(apiVersionsResponse(req, BASIC_RANGES));
      // Stay silent until the third Metadata request, then drop the connection.
      if (b.requestsOf(ApiKey.Metadata).length === 3) req.socket.destroy();
    });
    const conn = await connect(b);
    const pending = [1, 2, 3].map(() => conn.send(ApiKey.Metadata, 9, metadataBody).then(() => 'resolved', (e: unknown) => e));
    const results = await Promise.all(pending);
    for (const r of results) {
      expect(r).toBeInstanceOf(ConnectionError);
      expect((r as ConnectionError).message).toContain(`broker 7 (127.0.0.1:${b.port})`);
      expect((r as ConnectionError).message).toMatch(/closed by the broker with Metadata v9 in flight/);
    }
    expect(conn.isClosed).toBe(true);
    await expect(conn.send(ApiKey.Metadata, 9, metadataBody)).rejects.toBeInstanceOf(ConnectionError);
  });

  test('a request without a response times out, and the connection is dropped after it', async () => {
    const b = await fake((req, reply) => {
      if (req.apiKey === ApiKey.ApiVersions) reply(apiVersionsResponse(req, BASIC_RANGES));
    });
    const conn = await connect(b, { requestTimeoutMs: 5_000 });
    const started = Date.now();
    const other = conn.send(ApiKey.Metadata, 9, metadataBody).catch((e: unknown) => e);
    const err = await conn.send(ApiKey.Metadata, 9, metadataBody, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestTimeoutError);
    expect((err as Error).message).toMatch(/Metadata request timed out after 150 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await other).toBeInstanceOf(ConnectionError);
    expect(conn.isClosed).toBe(true);
  });

  test('responses are matched by correlation id even when they arrive out of order', async () => {
    const held: Array<() => void> = [];
    const b = await fake((req, reply) => {
      if (req.apiKey === ApiKey.ApiVersions) return reply(apiVersionsResponse(req, BASIC_RANGES));
      const body = { throttleTimeMs: 0, brokers: [], clusterId: `c${req.correlationId}`, controllerId: req.correlationId, topics: [] };
      held.push(() => reply(encodeResponse(ApiKey.Metadata, req.apiVersion, req.correlationId, body)));
      if (held.length === 2) for (const send of held.reverse()) send();
    });
    const conn = await connect(b);
    const [a, c] = await Promise.all([conn.send(ApiKey.Metadata, 9, metadataBody), conn.send(ApiKey.Metadata, 9, metadataBody)]);
    expect(a.controllerId).toBeLessThan(c.controllerId);
    expect(a.clusterId).toBe(`c${a.controllerId}`);
  });

  test('ApiVersions falls back to the broker range after UNSUPPORTED_VERSION (KIP-511)', async () => {
    const ranges = [
      { apiKey: ApiKey.ApiVersions, minVersion: 0, maxVersion: 2 },
      { apiKey: ApiKey.Metadata, minVersion: 0, maxVersion: 5 },
    ];
    const b = await fake((req, reply) => {
      if (req.apiKey !== ApiKey.ApiVersions) return;
      reply(req.apiVersion > 2 ? encodeApiVersionsFallback(req.correlationId, ranges) : apiVersionsResponse(req, ranges));
    });
    const conn = await connect(b);
    expect(b.requestsOf(ApiKey.ApiVersions).map((r) => r.apiVersion)).toEqual([3, 2]);
    expect(conn.apiVersionsVersion).toBe(2);
    expect(conn.pickVersion(ApiKey.Metadata, 1, 12)).toBe(5);
    expect(() => conn.pickVersion(ApiKey.Metadata, 6, 12)).toThrow(/Metadata is not supported by this cluster .*speaks v0-5/);
    expect(() => conn.pickVersion(ApiKey.CreateTopics, 0, 7)).toThrow(UnsupportedApiError);
  });

  test('a broker that accepts but never answers ApiVersions fails the connect within its timeout', async () => {
    const b = await fake(() => undefined);
    const started = Date.now();
    const err = await connect(b, { connectTimeoutMs: 200 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerUnreachableError);
    expect((err as Error).message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('a refused connection is a BrokerUnreachableError', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const err = await BrokerConnection.connect({ host: '127.0.0.1', port, connectTimeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BrokerUnreachableError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
