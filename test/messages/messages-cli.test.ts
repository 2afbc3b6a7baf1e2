// `brokerlab messages` against a real `brokerlab up`: through its API (--api) and directly
// (--bootstrap-server), checked against the channels' answers and kcat's own consumption.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterApi, TEST_TOKEN, type ClusterApi } from '../cluster/api-fixture';
import { kafkajsProduce } from '../drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import type { ConsumedRecord } from '../drivers/types';
import { REPO_ROOT, startCluster, type ClusterProcess } from '../fixtures/processes';
import { runMessages, type MessagesIo } from '../../src/cli/messages-command';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function brokerlab(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'brokerlab.js'), ...args], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

let cluster: ClusterProcess;
let api: ClusterApi;
let viaApi: string[];
let direct: string[];
let dir: string;

const essence = (r: ConsumedRecord): string => JSON.stringify([r.partition, r.key?.toString('hex') ?? null, r.value?.toString('hex') ?? null, r.headers.map(([k, v]) => [k, v?.toString('hex') ?? null])]);
const sorted = (xs: string[]): string[] => [...xs].sort();

async function rpc(channel: string, body: unknown): Promise<any> {
  const r = await api.call('POST', `/api/rpc/${channel}`, body);
  if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1, extraArgs: ['--token', TEST_TOKEN] });
  api = await clusterApi(cluster);
  viaApi = ['--api', api.baseUrl, '--token', TEST_TOKEN];
  direct = ['--bootstrap-server', cluster.bootstrap];
  dir = mkdtempSync(join(tmpdir(), 'brokerlab-messages-cli-'));
  for (const name of ['events', 'restored', 'copied', 'typed']) await rpc('topics:create', { name, partitions: 3, replicationFactor: 1 });
  await kcatProduce(cluster.bootstrap, 'events', Array.from({ length: 12 }, (_, i) => ({ key: `k${i}`, value: `event ${i}` })), { headers: [['source', 'kcat']] });
  await kafkajsProduce(cluster.bootstrap, 'events', Array.from({ length: 8 }, (_, i) => ({ key: Buffer.from([0xfe, i]), value: Buffer.from([0x00, 0xff, i]), headers: [['bin', Buffer.from([i, 0x80])] as [string, Buffer]] })));
}, 120_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

describe('brokerlab messages export', () => {
  it('prints exactly the channel\'s export, through the API and directly, JSON Lines and CSV', async () => {
    for (const format of ['jsonl', 'csv'] as const) {
      const channel = await rpc('messages:export', { selection: { topic: 'events' }, format });
      const a = await brokerlab(['messages', 'export', '-t', 'events', '--format', format, ...viaApi]);
      const b = await brokerlab(['messages', 'export', '-t', 'events', '--format', format, ...direct]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect(a.stdout).toBe(channel.content);
      expect(b.stdout).toBe(channel.content);
      expect(a.stderr).toBe(''); // not a terminal: no progress line
    }
  });

  it('a range: -p, -o and -c hold the records kcat reads there', async () => {
    const run = await brokerlab(['messages', 'export', '-t', 'events', '-p', '2', '-o', '1', '-c', '3', ...direct]);
    expect(run.code, run.stderr).toBe(0);
    const kcat = await kcatConsume(cluster.bootstrap, 'events', { partition: 2, offset: 1, count: 3 });
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { partition: number; offset: number });
    expect(lines.map((l) => [l.partition, l.offset])).toEqual(kcat.map((r) => [r.partition, r.offset]));
  });
});

describe('the progress line', () => {
  it('is drawn on stderr only when stderr is a terminal, and erased at the end; stdout is the same', async () => {
    const run = async (tty: boolean): Promise<{ out: string; err: string; code: number }> => {
      let out = '';
      let err = '';
      const io: MessagesIo = { stdout: async (s) => void (out += s), stderr: (s) => void (err += s), stderrIsTty: tty, readStdin: async () => Buffer.alloc(0), env: {} };
      const code = await runMessages(['export', '-t', 'events', '-b', cluster.bootstrap], io);
      return { out, err, code };
    };
    const terminal = await run(true);
    const piped = await run(false);
    expect([terminal.code, piped.code]).toEqual([0, 0]);
    expect(terminal.out).toBe(piped.out);
    expect(piped.err).toBe('');
    expect(terminal.err).toMatch(/^\r\x1b\[2K\d+\.\d MiB exported/);
    expect(terminal.err.endsWith('\r\x1b[2K')).toBe(true);
  });
});

describe('brokerlab messages import', () => {
  it('an export imported (in chunks, through the API) gives back the records: kcat reads the same keys, values, headers, partitions', async () => {
    const file = join(dir, 'events.jsonl');
    writeFileSync(file, (await brokerlab(['messages', 'export', '-t', 'events', ...viaApi])).stdout);
    const run = await brokerlab(['messages', 'import', '-t', 'restored', '--keep-partitions', file, ...viaApi]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ topic: 'restored', written: 20 });
    const source = await kcatConsume(cluster.bootstrap, 'events');
    const back = await kcatConsume(cluster.bootstrap, 'restored');
    expect(sorted(back.map((r) => `${r.timestamp} ${essence(r)}`))).toEqual(sorted(source.map((r) => `${r.timestamp} ${essence(r)}`)));
  });

  it('a file larger than the 1 MiB request limit goes through in chunks', async () => {
    const big = 'x'.repeat(10_000);
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ key: { text: `big-${i}` }, value: { text: big }, headers: [] })).join('\n');
    const run = await brokerlab(['messages', 'import', '-t', 'typed', ...viaApi], lines);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).written).toBe(300);
    expect((await kcatConsume(cluster.bootstrap, 'typed')).length).toBe(300);
  });

  it('a malformed line mid-file: exit 1 naming the line, and nothing is written', async () => {
    const before = (await kcatConsume(cluster.bootstrap, 'copied')).length;
    const input = [JSON.stringify({ key: null, value: { text: 'fine' }, headers: [] }), '{"key": null, "value": {"base64": "not base64!"}}', JSON.stringify({ key: null, value: { text: 'also fine' } })].join('\n');
    const run = await brokerlab(['messages', 'import', '-t', 'copied', ...direct], input);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('brokerlab: stdin line 2: value.base64 is not valid base64: nothing was written\n');
    const notJson = await brokerlab(['messages', 'import', '-t', 'copied', ...viaApi], '{"value": {"text": "a"}}\n{oops\n');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^brokerlab: stdin line 2: not JSON/);
    expect((await kcatConsume(cluster.bootstrap, 'copied')).length).toBe(before);
  });

  it('an unknown topic: exit 1 with Kafka\'s error name', async () => {
    const run = await brokerlab(['messages', 'import', '-t', 'no-such-topic', ...viaApi], '{"value":{"text":"a"}}\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^brokerlab: UNKNOWN_TOPIC_OR_PARTITION: /);
  });
});

describe('brokerlab messages read, produce and replay', () => {
  it('produce takes stdin lines with -K keys and -H headers; read -o -N -e prints them back', async () => {
    const prod = await brokerlab(['messages', 'produce', '-t', 'copied', '-p', '1', '-K', ':', '-H', 'via=cli', ...direct], 'a:first\nb:second\n');
    expect(prod.code, prod.stderr).toBe(0);
    const kcat = await kcatConsume(cluster.bootstrap, 'copied', { partition: 1, offset: -2 });
    expect(kcat.map((r) => [r.key?.toString(), r.value?.toString(), r.headers.map(([k, v]) => `${k}=${v}`)])).toEqual([
      ['a', 'first', ['via=cli']],
      ['b', 'second', ['via=cli']],
    ]);
    const read = await brokerlab(['messages', 'read', '-t', 'copied', '-p', '1', '-o', '-2', '-e', ...viaApi]);
    expect(read.code, read.stderr).toBe(0);
    const lines = read.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { offset: number; value: { text: string } });
    expect(lines.map((l) => [l.offset, l.value.text])).toEqual(kcat.map((r) => [r.offset, r.value!.toString()]));
    const counted = await brokerlab(['messages', 'read', '-t', 'events', '-o', 'beginning', '-c', '5', ...direct]);
    expect(counted.stdout.trimEnd().split('\n')).toHaveLength(5);
  });

  it('replay --dry-run writes nothing; replay copies into another topic, as kcat sees', async () => {
    const dry = await brokerlab(['messages', 'replay', '-t', 'events', '-p', '0', '--to', 'copied', '--dry-run', ...viaApi]);
    expect(dry.code, dry.stderr).toBe(0);
    const source = await kcatConsume(cluster.bootstrap, 'events', { partition: 0 });
    expect(JSON.parse(dry.stdout)).toEqual({ dryRun: true, scanned: source.length, byTopic: { copied: source.length }, written: source.length, withoutHeader: 0 });
    const before = await kcatConsume(cluster.bootstrap, 'copied');
    const run = await brokerlab(['messages', 'replay', '-t', 'events', '-p', '0', '--to', 'copied', '--keep-timestamps', ...direct]);
    expect(run.code, run.stderr).toBe(0);
    const after = await kcatConsume(cluster.bootstrap, 'copied');
    const added = after.filter((r) => !before.some((b) => b.partition === r.partition && b.offset === r.offset));
    const strip = (r: ConsumedRecord): string => `${r.timestamp} ${JSON.stringify([r.key?.toString('hex'), r.value?.toString('hex'), r.headers.map(([k, v]) => [k, v?.toString('hex')])])}`;
    expect(sorted(added.map(strip))).toEqual(sorted(source.map(strip)));
  });

  it.each([
    [['messages'], /^brokerlab: messages needs a subcommand/],
    [['messages', 'export'], /^brokerlab: messages export needs -t TOPIC$/],
    [['messages', 'export', '-t', 'events', '-o', 'middle'], /^brokerlab: -o must be beginning, end, an offset N, -N \(the newest N\) or s@TIMESTAMP_MS, got 'middle'$/],
    [['messages', 'export', '-t', 'events', '--format', 'xml'], /^brokerlab: --format must be jsonl or csv, got 'xml'$/],
    [['messages', 'read', '-t', 'events', '--to', 'x'], /^brokerlab: messages read does not take --to$/],
    [['messages', 'replay', '-t', 'events'], /^brokerlab: replay needs --to TOPIC or --to-original-topic/],
    [['messages', 'export', '-t', 'events', '--colour'], /^brokerlab: Unknown option '--colour'/],
    [['messages', 'search', '-t', 'events'], /^brokerlab: messages search is not in this build yet/],
    [['messages', 'export', '-t', 'events', '--api', 'http://127.0.0.1:1', '-b', '127.0.0.1:9092'], /^brokerlab: give --api .* or --bootstrap-server .*, not both$/],
  ])('refuses %j with a one-line error, the usage, and exit code 2', async (args, message) => {
    const run = await brokerlab(args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toMatch(message);
    expect(run.stderr).toContain('usage: brokerlab <command>');
    expect(run.stdout).toBe('');
  });
});

describe('GET /api/messages/export', () => {
  const path = (request: unknown): string => `/api/messages/export?request=${encodeURIComponent(JSON.stringify(request))}`;

  it('streams the export as an attachment, guarded like the rest of the API', async () => {
    const url = `${api.baseUrl}${path({ selection: { topic: 'events' }, format: 'jsonl' })}`;
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment; filename="events-.*\.jsonl"$/);
    expect(await ok.text()).toBe((await rpc('messages:export', { selection: { topic: 'events' }, format: 'jsonl' })).content);

    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TEST_TOKEN}`, origin: 'http://evil.example' } })).status).toBe(403);
    // A DNS-rebinding page sends its own host name.
    const rebound = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const u = new URL(url);
        const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: { host: 'evil.example', authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      }, reject);
    });
    expect(rebound).toBe(403);
  });

  it('refuses a bad request before the first byte with the usual error body', async () => {
    const bad = await fetch(`${api.baseUrl}${path({ selection: { topic: 'events' }, format: 'xml' })}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { name: string } }).error.name).toBe('INVALID_REQUEST');
    for (const format of ['jsonl', 'csv']) {
      const unknown = await fetch(`${api.baseUrl}${path({ selection: { topic: 'no-such-topic' }, format })}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as { error: { name: string } }).error.name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    }
    const cli = await brokerlab(['messages', 'export', '-t', 'no-such-topic', '--format', 'csv', ...viaApi]);
    expect([cli.code, cli.stdout]).toEqual([1, '']);
    expect(cli.stderr).toMatch(/^brokerlab: UNKNOWN_TOPIC_OR_PARTITION: /);
    const post = await fetch(`${api.baseUrl}${path({ selection: { topic: 'events' }, format: 'jsonl' })}`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(post.status).toBe(405);
  });
});
