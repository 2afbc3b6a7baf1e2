// The console served by `brokerlab up --console`, as a browser sees it: the token leaves the
// address bar after load, and a page of another origin cannot use the API or its event socket,
// even when it knows the token.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { serveStatic, type StaticServer } from './support/static-server';

const ROOT = process.cwd();
const CONSOLE_LINE = /^console: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+))$/m;

let up: ChildProcess;
let dataDir: string;
let consoleUrl: string;
let apiPort: number;
let token: string;
let foreign: StaticServer;
let foreignDir: string;

function waitForConsoleLine(child: ChildProcess, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no console: line within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err.slice(-2000)}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = CONSOLE_LINE.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`brokerlab up exited with ${code}\nstdout: ${out}\nstderr: ${err.slice(-2000)}`));
    });
  });
}

/** A call from Node with the token (no Origin): what a script sees. */
function apiCall(channel: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: apiPort,
        method: 'POST',
        path: `/api/rpc/${channel}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

test.beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  dataDir = mkdtempSync(join(tmpdir(), 'brokerlab-e2e-'));
  up = spawn(process.execPath, [join(ROOT, 'bin', 'brokerlab.js'), 'up', '--console', '--port', '0', '--api-port', '0', '--data', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const m = await waitForConsoleLine(up, 30_000);
  consoleUrl = m[1]!;
  apiPort = Number(m[2]);
  token = m[3]!;

  foreignDir = mkdtempSync(join(tmpdir(), 'brokerlab-foreign-'));
  mkdirSync(foreignDir, { recursive: true });
  writeFileSync(join(foreignDir, 'index.html'), '<!doctype html><title>Elsewhere</title><p>another site</p>');
  foreign = await serveStatic(foreignDir);
});

test.afterAll(async () => {
  await foreign?.close();
  if (up && up.exitCode === null) {
    const exited = new Promise((r) => up.once('exit', r));
    up.kill('SIGTERM');
    const timer = setTimeout(() => up.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (foreignDir) rmSync(foreignDir, { recursive: true, force: true });
});

test('the console loads from the engine host and removes the token from the address bar', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(consoleUrl);
  await expect(page).toHaveTitle('Brokerlab');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster' })).toBeVisible();

  expect(await page.evaluate(() => location.hash)).not.toContain('token');
  expect(page.url()).not.toContain(token);
  // Reload keeps the token out: it lives only in the page's memory.
  await page.reload();
  expect(page.url()).not.toContain(token);

  // The page holds no cookie that would authenticate it: without the header, the API says 401.
  const status = await page.evaluate(async () => (await fetch('/api/cluster')).status);
  expect(status).toBe(401);
  expect(await page.context().cookies()).toEqual([]);
  expect(errors).toEqual([]);
});

test('a page of another origin cannot call the API, even with the token', async ({ page }) => {
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  await page.goto(foreign.url);
  const outcome = await page.evaluate(
    async ({ apiOrigin, token }) => {
      const result: Record<string, string> = {};
      try {
        const r = await fetch(`${apiOrigin}/api/rpc/topics:create`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'stolen' }),
        });
        result.fetch = `status ${r.status}`;
      } catch (e) {
        result.fetch = `blocked: ${(e as Error).name}`;
      }
      try {
        // A "simple" request needs no preflight: the server must refuse it by its Origin.
        await fetch(`${apiOrigin}/api/rpc/topics:create`, { method: 'POST', mode: 'no-cors', body: JSON.stringify({ name: 'stolen-simple' }) });
        result.simple = 'sent';
      } catch (e) {
        result.simple = `blocked: ${(e as Error).name}`;
      }
      result.socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${new URL(apiOrigin).port}/api/events`);
        ws.onopen = () => {
          ws.send(JSON.stringify({ type: 'auth', token }));
          resolve('open');
        };
        ws.onerror = () => resolve('refused');
      });
      return result;
    },
    { apiOrigin, token },
  );
  expect(outcome.fetch).toBe('blocked: TypeError');
  expect(outcome.socket).toBe('refused');

  // The server refused by Origin (403), so nothing happened on the cluster.
  const asForeign = await apiCall('cluster:describe', {}, { origin: foreign.url.replace(/\/$/, '') });
  expect(asForeign.status).toBe(403);
  expect(asForeign.body).toEqual({ error: { name: 'FORBIDDEN', message: 'cross-origin requests are not allowed' } });
  const { body } = await apiCall('topics:list', {});
  const names = (body as { topics: Array<{ name: string }> }).topics.map((t) => t.name);
  expect(names).not.toContain('stolen');
  expect(names).not.toContain('stolen-simple');
});
