// Issue 12 §1: search speed. `brokerlab up` (one broker, its console API); 1,000,000 records of
// 100 B JSON values on a 4-partition topic. Reported: the raw fetch rate of the same records with
// the engine's client and no filter (decoding every batch, nothing else), then messages:search over
// the API's HTTP binding with a quick filter (goal ≥ 500,000 records/s) and with the programmable
// filter (goal ≥ 150,000 records/s), and the progress events per second seen on the WebSocket
// binding (goal ≥ 4). Each rate is records scanned over the search's own elapsed time.
//   npm run bench:search                node bench/search.mjs [--records N]
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { startBroker, stopBroker } from './broker.mjs';
import { installCleanupHooks, makeTempDir, removeTempDir, cleanUpEverything } from './processes.mjs';
import { loadKit } from './kit.mjs';

const { values: flags } = parseArgs({ options: { records: { type: 'string' } }, strict: true });
const RECORDS = flags.records ? Number(flags.records) : 1_000_000;
const PARTITIONS = 4;
const TOPIC = 'searched';
const GOALS = { quick: 500_000, programmable: 150_000, events: 4 };
const log = (line) => process.stdout.write(`${line}\n`);
const WebSocket = createRequire(import.meta.url)('ws');

// 100 B values: 1 in 1,000 is "refunded".
function value(i) {
  const v = JSON.stringify({ id: i, status: i % 1000 === 7 ? 'refunded' : i % 2 ? 'paid' : 'open', amount: i % 100, region: 'eu-west-1', note: '' });
  return Buffer.from(v.replace('"note":""', `"note":"${'x'.repeat(100 - v.length)}"`));
}

installCleanupHooks();
const kit = await loadKit('search-kit.ts');
const dir = makeTempDir('brokerlab-bench-search-');
const broker = await startBroker({ dataDir: join(dir, 'data'), logFile: join(dir, 'broker.log'), brokers: 1, apiPort: true });
try {
  const apiUrl = new URL(await broker.api);
  const token = new URLSearchParams(apiUrl.hash.slice(1)).get('token');
  const call = async (channel, request = {}) => {
    const res = await fetch(`${apiUrl.origin}/api/rpc/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const body = await res.json();
    if (!res.ok || body.error) throw new Error(`${channel}: ${JSON.stringify(body)}`);
    return body.result ?? body;
  };

  const client = new kit.KafkaClient({ bootstrap: broker.bootstrapServers, clientId: 'bench-search' });
  const admin = new kit.Admin(client);
  await admin.createTopics([{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1 }]);
  const producer = new kit.Producer(client);
  const loadStart = performance.now();
  const PER_SEND = 5_000;
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < RECORDS) {
        const from = next;
        next += PER_SEND;
        const records = [];
        for (let i = from; i < Math.min(from + PER_SEND, RECORDS); i++) records.push({ partition: i % PARTITIONS, key: Buffer.from(`k${i}`), value: value(i) });
        await producer.send(TOPIC, records, { acks: 1 });
      }
    }),
  );
  log(`loaded ${RECORDS.toLocaleString('en')} records of ${value(1).length} B in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  // Raw: every partition fetched to its end, 256 KiB per Fetch, as a search's cursors fetch.
  const fetcher = new kit.Fetcher(client);
  const rawStart = performance.now();
  let raw = 0;
  await Promise.all(
    Array.from({ length: PARTITIONS }, async (_, partition) => {
      for (let offset = 0; ; ) {
        const r = await fetcher.fetch({ topic: TOPIC, partition, offset, maxWaitMs: 0, minBytes: 0, maxBytes: 256 * 1024 });
        // Counted from the decoded batches, as the search's cursors read them.
        for (const b of r.batches) if (!b.isControl) raw += b.records.length;
        offset = r.nextOffset;
        if (offset >= r.highWatermark) break;
      }
    }),
  );
  const rawRate = raw / ((performance.now() - rawStart) / 1000);

  // Progress events of every search, on the WebSocket binding.
  const events = new Map();
  const ws = new WebSocket(`ws://${apiUrl.host}/api/events`, { headers: { origin: apiUrl.origin } });
  await new Promise((resolve, reject) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
    ws.on('error', reject);
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.type === 'ready') {
        ws.send(JSON.stringify({ type: 'subscribe', stream: 'messages:search-progress' }));
        resolve();
      } else if (m.type === 'event' && m.stream === 'messages:search-progress') {
        const list = events.get(m.payload.searchId) ?? [];
        list.push({ at: performance.now(), state: m.payload.state });
        events.set(m.payload.searchId, list);
      }
    });
  });

  async function search(name, request) {
    const started = await call('messages:search', { topic: TOPIC, start: { kind: 'earliest' }, limit: 10_000, timeBudgetMs: 600_000, ...request });
    const id = started.progress.searchId;
    let page;
    for (;;) {
      page = await call('messages:search-page', { searchId: id, limit: 1 });
      if (page.progress.state === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const p = page.progress;
    if (p.stoppedBy !== 'end' || p.scanned !== RECORDS) throw new Error(`${name}: ${JSON.stringify(p).slice(0, 500)}`);
    const running = (events.get(id) ?? []).filter((e) => e.state === 'running');
    const perSecond = running.length > 1 ? (running.length - 1) / ((running.at(-1).at - running[0].at) / 1000) : 0;
    return { rate: p.scanned / (p.elapsedMs / 1000), matched: p.matched, elapsedMs: p.elapsedMs, events: running.length, perSecond };
  }

  const quick = await search('quick', { quick: [{ kind: 'json', path: 'value.status', op: '==', operand: 'refunded' }] });
  const substring = await search('substring', { quick: [{ kind: 'text', field: 'value', mode: 'substring', pattern: '"refunded"' }] });
  const programmable = await search('programmable', { filter: 'value.status == "refunded" && value.amount >= 0' });
  ws.close();

  const ratio = (x, goal) => `${(x / goal).toFixed(2)}× the goal of ${goal.toLocaleString('en')}`;
  const fmt = (x) => Math.round(x).toLocaleString('en');
  log(`load average (1, 5, 15 min): ${loadavg().map((x) => x.toFixed(2)).join(', ')} on a machine shared with other work`);
  log(`raw fetch, no filter:                ${fmt(rawRate)} records/s`);
  log(`quick filter value.status == "refunded": ${fmt(quick.rate)} records/s (${quick.matched} matches, ${(quick.elapsedMs / 1000).toFixed(2)} s) — ${ratio(quick.rate, GOALS.quick)}`);
  log(`quick filter substring "refunded":   ${fmt(substring.rate)} records/s (${substring.matched} matches) — ${ratio(substring.rate, GOALS.quick)}`);
  log(`programmable filter (QuickJS):       ${fmt(programmable.rate)} records/s (${programmable.matched} matches, ${(programmable.elapsedMs / 1000).toFixed(2)} s) — ${ratio(programmable.rate, GOALS.programmable)}`);
  const slowest = Math.min(...[quick, substring, programmable].filter((s) => s.events > 1).map((s) => s.perSecond));
  log(`progress events: ${slowest.toFixed(1)} per second in the slowest of the runs above — ${ratio(slowest, GOALS.events)}`);
  await client.close();
} finally {
  await stopBroker(broker).catch(() => undefined);
  await cleanUpEverything();
  removeTempDir(dir);
}
