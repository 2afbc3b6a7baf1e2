// The HTTP/WebSocket binding's guards: token, Host, Origin, body limits, static files. The backend
// here is a small in-memory one (the binding is under test, not the cluster views; those run in
// console-api.http.test.ts against a real broker).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConsoleBackend } from '../../shared/console-api';
import { createMemoryLogger } from '../logger';
import { generateToken } from './api-auth';
import { startApiServer, statusForError, type ApiServer } from './api-server';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const describedClusters: unknown[] = [];
const backend: ConsoleBackend = {
  call: async (channel, request) => {
    describedClusters.push([channel, request]);
    return { connection: { kind: 'embedded' }, clusterId: 'test-cluster' } as never;
  },
  subscribe: (_stream, listener) => {
    const timer = setInterval(() => listener({ view: null, error: { name: 'TEST', message: 'tick' } } as never), 20);
    return () => clearInterval(timer);
  },
};

describe('the API server', () => {
  const token = generateToken();
  let server: ApiServer;
  let port: number;
  let staticRoot: string;
  const json = (body: unknown, extra: Record<string, string> = {}) => ({
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brokerlab-api-'));
    staticRoot = join(dir, 'renderer');
    mkdirSync(join(staticRoot, 'assets'), { recursive: true });
    writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>Brokerlab</title>');
    writeFileSync(join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(staticRoot, 'link.txt'));
    server = await startApiServer({ port: 0, token, backend, logger: createMemoryLogger(), staticRoot, maxBodyBytes: 1024 });
    port = server.port;
  });
  afterAll(async () => {
    await server.close();
    rmSync(join(staticRoot, '..'), { recursive: true, force: true });
  });

  it('answers an authorized call with the response as JSON, and GET /api/cluster for scripts', async () => {
    const res = await raw(port, { path: '/api/rpc/cluster:describe', ...json({}) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ connection: { kind: 'embedded' }, clusterId: 'test-cluster' });
    const get = await raw(port, { path: '/api/cluster', headers: { authorization: `Bearer ${token}` } });
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body).clusterId).toBe('test-cluster');
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: `Bearer ${generateToken()}` }],
    ['a token prefix', { authorization: `Bearer ${token.slice(0, 10)}` }],
    ['another scheme', { authorization: `Basic ${token}` }],
  ])('refuses %s with 401 and nothing else', async (_name, headers) => {
    const before = describedClusters.length;
    const res = await raw(port, { path: '/api/rpc/cluster:describe', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({ error: { name: 'UNAUTHORIZED', message: 'a valid bearer token is required' } });
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(describedClusters.length).toBe(before);
    // Unknown paths and channels look the same without a token: nothing to probe.
    expect((await raw(port, { path: '/api/rpc/no:such', method: 'POST', headers, body: '{}' })).status).toBe(401);
  });

  it.each([['http://evil.example'], ['null'], [`http://127.0.0.1:${1}`], ['https://127.0.0.1']])('refuses Origin %s with 403', async (origin) => {
    const res = await raw(port, { path: '/api/rpc/cluster:describe', ...json({}, { origin }) });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.name).toBe('FORBIDDEN');
  });

  it('accepts the console’s own origins', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      expect((await raw(port, { path: '/api/rpc/cluster:describe', ...json({}, { origin }) })).status).toBe(200);
    }
  });

  it.each([['evil.example'], [`evil.example:${1}`], ['127.0.0.1'], ['127.0.0.1:1'], ['[::1]:80']])('refuses Host %s with 403 (DNS rebinding)', async (host) => {
    const res = await raw(port, { path: '/api/rpc/cluster:describe', ...json({}, { host }) });
    expect(res.status).toBe(403);
    // Static files too: a rebound page gets nothing from this port.
    expect((await raw(port, { path: '/', headers: { host } })).status).toBe(403);
  });

  it('accepts Host localhost:PORT', async () => {
    expect((await raw(port, { path: '/api/rpc/cluster:describe', ...json({}, { host: `localhost:${port}` }) })).status).toBe(200);
  });

  it('answers bad requests with the right status and an error envelope', async () => {
    const unknown = await raw(port, { path: '/api/rpc/brokers:explode', ...json({}) });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toEqual({ name: 'UNKNOWN_CHANNEL', message: "there is no channel 'brokers:explode'" });

    const badJson = await raw(port, { path: '/api/rpc/cluster:describe', ...json({}), body: '{"a":' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.name).toBe('INVALID_REQUEST');

    const invalid = await raw(port, { path: '/api/rpc/topics:create', ...json({ name: 7 }) });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.message).toBe('request.name must be a string, got number 7');

    const form = await raw(port, { path: '/api/rpc/cluster:describe', ...json({}, { 'content-type': 'text/plain' }) });
    expect(form.status).toBe(415);

    const big = await raw(port, { path: '/api/rpc/topics:create', ...json({ name: 'x'.repeat(2000) }) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error.name).toBe('PAYLOAD_TOO_LARGE');

    expect((await raw(port, { path: '/api/rpc/cluster:describe', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    expect((await raw(port, { path: '/api/nothing', headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it('maps error names to statuses: the caller 4xx, the cluster 409/422, outages 5xx', () => {
    expect(statusForError('NOT_ENOUGH_REPLICAS')).toBe(422);
    expect(statusForError('TOPIC_ALREADY_EXISTS')).toBe(409);
    expect(statusForError('NON_EMPTY_GROUP')).toBe(409);
    expect(statusForError('GROUP_ID_NOT_FOUND')).toBe(422);
    expect(statusForError('BROKER_UNREACHABLE')).toBe(502);
    expect(statusForError('INTERNAL_ERROR')).toBe(500);
  });

  it('serves the renderer with content types, without a token, and never outside its folder', async () => {
    const index = await raw(port, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>Brokerlab</title>');
    expect((await raw(port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/link.txt', '/%00', '/..\\secret.txt', '/%E0%A4%A']) {
      const res = await raw(port, { path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('secret');
    }
  });

  it('never sets cookies or CORS headers', async () => {
    const responses = [
      await raw(port, { path: '/' }),
      await raw(port, { path: '/api/rpc/cluster:describe', ...json({}) }),
      await raw(port, { path: '/api/rpc/cluster:describe', method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } }),
    ];
    for (const res of responses) {
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  describe('the events socket', () => {
    const open = (headers: Record<string, string> = {}) => new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers });
    const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    const opened = (ws: WebSocket) => new Promise<void>((resolve, reject) => (ws.on('open', () => resolve()), ws.on('error', reject)));

    it('closes a socket whose first message is not the auth message (policy violation)', async () => {
      const ws = open();
      await opened(ws);
      const end = closed(ws);
      ws.send(JSON.stringify({ type: 'subscribe', stream: 'cluster:changed' }));
      expect(await end).toEqual({ code: 1008, reason: 'authentication required' });
    });

    it('closes a socket that authenticates with a wrong token', async () => {
      const ws = open();
      await opened(ws);
      const end = closed(ws);
      ws.send(JSON.stringify({ type: 'auth', token: generateToken() }));
      expect((await end).code).toBe(1008);
    });

    it('after the auth message, delivers the streams it subscribes to', async () => {
      const ws = open({ origin: `http://127.0.0.1:${port}` });
      const messages: Array<{ type: string; stream?: string; payload?: unknown }> = [];
      const event = new Promise<void>((resolve) =>
        ws.on('message', (data) => {
          const msg = JSON.parse(data.toString()) as { type: string; stream?: string };
          messages.push(msg);
          if (msg.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', stream: 'cluster:changed' }));
          if (msg.type === 'event') resolve();
        }),
      );
      await opened(ws);
      ws.send(JSON.stringify({ type: 'auth', token }));
      await event;
      expect(messages[0]).toEqual({ type: 'ready' });
      expect(messages[1]).toEqual({ type: 'event', stream: 'cluster:changed', payload: { view: null, error: { name: 'TEST', message: 'tick' } } });
      ws.send(JSON.stringify({ type: 'subscribe', stream: 'no:such' }));
      const error = await new Promise((resolve) => ws.on('message', (d) => JSON.parse(d.toString()).type === 'error' && resolve(JSON.parse(d.toString()))));
      expect(error).toEqual({ type: 'error', error: { name: 'UNKNOWN_STREAM', message: "there is no event stream 'no:such'" } });
      ws.close();
    });

    it.each([[{ origin: 'http://evil.example' }], [{ host: 'evil.example' }]])('refuses the upgrade for %j with 403', async (headers) => {
      const ws = open(headers);
      const status = await new Promise<number>((resolve) => {
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
      expect(status).toBe(403);
    });
  });
});
