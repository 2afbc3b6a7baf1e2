// `brokerlab messages search`, and export/replay with filters, against a real `brokerlab up`:
// through its API (--api) and directly (-b, where the CLI runs the search code itself), checked
// against the channels' answers and kcat.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterApi, TEST_TOKEN, type ClusterApi } from '../cluster/api-fixture';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import type { ConsumedRecord } from '../drivers/types';
import { REPO_ROOT, startCluster, type ClusterProcess } from '../fixtures/processes';
import { exportedFromView, jsonLine } from '../../src/shared/messages-transfer-format';
import type { MessagesSearchRequest } from '../../src/shared/messages-search-types';
import type { MessageRecord } from '../../src/shared/messages-types';
import { runMessages, type MessagesIo } from '../../src/cli/messages-command';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function brokerlab(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'brokerlab.js'), ...args], { env: { PATH: process.env.PATH } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end('');
  });
}

let cluster: ClusterProcess;
let api: ClusterApi;
let viaApi: string[];
let direct: string[];

async function rpc(channel: string, body: unknown): Promise<any> {
  const r = await api.call('POST', `/api/rpc/${channel}`, body);
  if (r.status !== 200) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The channel's search, every match in the CLI's line form. */
async function channelSearch(req: MessagesSearchRequest): Promise<string> {
  const started = await rpc('messages:search', req);
  const id = started.progress.searchId as string;
  for (let i = 0; i < 600; i++) {
    const page = await rpc('messages:search-page', { searchId: id, limit: 1 });
    if (page.progress.state === 'done') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const records: MessageRecord[] = [];
  for (let from = 0; ; ) {
    const page = await rpc('messages:search-page', { searchId: id, from, limit: 500 });
    if (page.records.length === 0) break;
    records.push(...(page.records as MessageRecord[]));
    from = page.next;
  }
  return records.map((r) => jsonLine(exportedFromView(r))).join('');
}

const PROGRAM = 'value.amount > 50 && headers.region === "eu"';
const referencePaid = (r: ConsumedRecord): boolean => (JSON.parse(r.value!.toString()) as { status: string }).status === 'paid';
const positions = (text: string): string[] => text.trimEnd().split('\n').filter((l) => l !== '').map((l) => { const j = JSON.parse(l) as { partition: number; offset: number }; return `${j.partition}@${j.offset}`; }).sort();

beforeAll(async () => {
  cluster = await startCluster({ brokers: 1, extraArgs: ['--token', TEST_TOKEN] });
  api = await clusterApi(cluster);
  viaApi = ['--api', api.baseUrl, '--token', TEST_TOKEN];
  direct = ['--bootstrap-server', cluster.bootstrap];
  for (const name of ['orders', 'paid-eu']) await rpc('topics:create', { name, partitions: 3, replicationFactor: 1 });
  for (const region of ['eu', 'us']) {
    const records = Array.from({ length: 40 }, (_, i) => ({ key: `${region}-${i}`, value: JSON.stringify({ id: i, status: ['paid', 'open', 'refunded'][i % 3], amount: (i * 7) % 100, currency: i % 2 ? 'EUR' : 'USD' }) }));
    await kcatProduce(cluster.bootstrap, 'orders', records, { headers: [['region', region]] });
  }
}, 120_000);
afterAll(async () => {
  await cluster?.stop();
});

describe('brokerlab messages search', () => {
  it('prints exactly the channel\'s matches, through the API and directly: --field, --grep, --regex, --filter', async () => {
    const cases: Array<{ flags: string[]; req: Omit<MessagesSearchRequest, 'topic' | 'start'> }> = [
      { flags: ['--field', 'value.status == "paid"'], req: { quick: [{ kind: 'json', path: 'value.status', op: '==', operand: 'paid' }] } },
      { flags: ['--grep', 'EUR', '--regex', '"amount":[5-9]\\d'], req: { quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: 'EUR' }, { kind: 'text', field: 'value', mode: 'regex', pattern: '"amount":[5-9]\\d' }] } },
      { flags: ['--grep', 'eu-1', '--in', 'key'], req: { quick: [{ kind: 'text', field: 'key', mode: 'substring', pattern: 'eu-1' }] } },
      { flags: ['--filter', PROGRAM], req: { filter: PROGRAM } },
    ];
    for (const c of cases) {
      const channel = await channelSearch({ topic: 'orders', start: { kind: 'earliest' }, ...c.req });
      expect(channel.length, c.flags.join(' ')).toBeGreaterThan(0);
      const a = await brokerlab(['messages', 'search', '-t', 'orders', ...c.flags, ...viaApi]);
      const b = await brokerlab(['messages', 'search', '-t', 'orders', ...c.flags, ...direct]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      // Partitions are scanned side by side, so the order between partitions may differ between runs.
      expect(positions(a.stdout), c.flags.join(' ')).toEqual(positions(channel));
      expect(a.stdout.split('\n').sort()).toEqual(channel.split('\n').sort());
      expect(b.stdout.split('\n').sort()).toEqual(channel.split('\n').sort());
      expect(a.stderr).toBe(''); // not a terminal: no progress line
    }
    const kcat = await kcatConsume(cluster.bootstrap, 'orders');
    const paid = await brokerlab(['messages', 'search', '-t', 'orders', '--field', 'value.status == paid', ...direct]);
    expect(positions(paid.stdout)).toEqual(kcat.filter(referencePaid).map((r) => `${r.partition}@${r.offset}`).sort());
  });

  it('a filter that does not compile: one line with its syntax error, exit 2, nothing scanned', async () => {
    for (const conn of [viaApi, direct]) {
      const run = await brokerlab(['messages', 'search', '-t', 'orders', '--filter', 'value ===', ...conn]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^brokerlab: INVALID_FILTER: .*\n$/);
      expect(run.stderr.split('\n')).toHaveLength(2);
      const regex = await brokerlab(['messages', 'export', '-t', 'orders', '--regex', '(', ...conn]);
      expect(regex.code).toBe(2);
      expect(regex.stderr).toMatch(/^brokerlab: INVALID_FILTER: .*not a valid regular expression/);
    }
    const field = await brokerlab(['messages', 'search', '-t', 'orders', '--field', 'status paid', ...direct]);
    expect(field.code).toBe(2);
  });

  it('the progress line goes to stderr only on a terminal; stdout is the same', async () => {
    const run = async (tty: boolean): Promise<{ out: string; err: string; code: number }> => {
      let out = '';
      let err = '';
      const io: MessagesIo = { stdout: async (s) => void (out += s), stderr: (s) => void (err += s), stderrIsTty: tty, readStdin: async () => Buffer.alloc(0), env: {} };
      const code = await runMessages(['search', '-t', 'orders', '--filter', PROGRAM, '-b', cluster.bootstrap], io);
      return { out, err, code };
    };
    const terminal = await run(true);
    const piped = await run(false);
    expect([terminal.code, piped.code]).toEqual([0, 0]);
    expect(positions(terminal.out)).toEqual(positions(piped.out));
    expect(piped.err).toBe('');
    expect(terminal.err).toMatch(/^\r\x1b\[2K\d+ records scanned, \d+ matched/);
  });
});

describe('brokerlab messages export and replay with filters', () => {
  it('export --filter/--field prints exactly the channel\'s export of the search', async () => {
    const filter = { quick: [{ kind: 'json', path: 'value.status', op: '==', operand: 'paid' }], filter: PROGRAM };
    const channel = await rpc('messages:export', { selection: { topic: 'orders', filter }, format: 'jsonl' });
    expect(channel.records).toBeGreaterThan(0);
    for (const conn of [viaApi, direct]) {
      const run = await brokerlab(['messages', 'export', '-t', 'orders', '--field', 'value.status == "paid"', '--filter', PROGRAM, ...conn]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(channel.content);
    }
  });

  it('replay --filter copies only the matches; kcat reads them from the target', async () => {
    const run = await brokerlab(['messages', 'replay', '-t', 'orders', '--to', 'paid-eu', '--field', 'value.status == "paid"', '--filter', 'headers.region === "eu"', ...direct]);
    expect(run.code, run.stderr).toBe(0);
    const source = await kcatConsume(cluster.bootstrap, 'orders');
    const expected = source.filter((r) => referencePaid(r) && r.headers.some(([k, v]) => k === 'region' && v?.toString() === 'eu'));
    expect(JSON.parse(run.stdout)).toMatchObject({ written: expected.length });
    const copied = await kcatConsume(cluster.bootstrap, 'paid-eu');
    const essence = (r: ConsumedRecord): string => JSON.stringify([r.key?.toString(), r.value?.toString(), r.headers.map(([k, v]) => [k, v?.toString() ?? null])]);
    expect(copied.map(essence).sort()).toEqual(expected.map(essence).sort());
  });
});
