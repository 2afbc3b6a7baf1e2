// Issue 13 §1: a 2,000-group cluster lists within 1 s. `brokerlab up --brokers 3` (its console API,
// its always-on sampler at the default 5 s tick); 2,000 groups each commit offsets on a 4-partition
// topic (spread over the 3 coordinators by group id); once the sampler's tick covers them, the
// `groups:list` channel is called over the API's HTTP binding, as the console calls it, 5 times.
// The figure is the slowest call (and the median), against the 1 s limit.
//   npm run bench:groups                node bench/groups.mjs [--groups N] [--runs N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBroker, stopBroker } from './broker.mjs';
import { installCleanupHooks, makeTempDir, removeTempDir, cleanUpEverything } from './processes.mjs';
import { loadKit } from './kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({ options: { groups: { type: 'string' }, runs: { type: 'string' }, quick: { type: 'boolean' } }, strict: true });
const GROUPS = flags.groups ? Number(flags.groups) : 2000;
const RUNS = flags.runs ? Number(flags.runs) : 5;
const LIMIT_MS = 1000;
const TOPIC = 'listed';
const log = (line) => process.stdout.write(`${line}\n`);

installCleanupHooks();
const kit = await loadKit();
const dir = makeTempDir('brokerlab-bench-groups-');
const broker = await startBroker({ dataDir: join(dir, 'data'), logFile: join(dir, 'broker.log'), brokers: 3, apiPort: true });
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
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(body)}`);
    return body;
  };

  const client = new kit.KafkaClient({ bootstrap: broker.bootstrapServers, clientId: 'bench-groups-setup' });
  const admin = new kit.Admin(client);
  await admin.createTopics([{ name: TOPIC, numPartitions: 4, replicationFactor: 3 }]);
  const producer = new kit.Producer(client);
  await producer.send(TOPIC, Array.from({ length: 40 }, (_, i) => ({ partition: i % 4, key: null, value: Buffer.from(`v${i}`) })), { acks: -1 });
  const setupStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < GROUPS) {
        const g = next++;
        await admin.offsetCommit(`listed-group-${String(g).padStart(4, '0')}`, Array.from({ length: 4 }, (_, p) => ({ topic: TOPIC, partition: p, offset: g % 10 })));
      }
    }),
  );
  await client.close();
  log(`setup: ${GROUPS} groups committed in ${Math.round(performance.now() - setupStart)} ms`);

  // Wait until the sampler's tick has them all (lag comes from it, not from the list call).
  const deadline = Date.now() + 120_000;
  for (;;) {
    const s = await call('lag:summary');
    if (s.groups >= GROUPS) break;
    if (Date.now() > deadline) throw new Error(`the sampler saw ${s.groups} groups after 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }

  const times = [];
  let listed = null;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    listed = await call('groups:list');
    times.push(performance.now() - t0);
  }
  const withLag = listed.groups.filter((g) => g.totalLag !== null).length;
  if (listed.groups.length < GROUPS || withLag < GROUPS) throw new Error(`groups:list returned ${listed.groups.length} groups, ${withLag} with lag`);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const slowest = sorted.at(-1);
  const result = {
    measuredAt: new Date().toISOString(),
    loadAverageAtEnd: loadavg()[0],
    groups: GROUPS,
    brokers: 3,
    runs: RUNS,
    callMs: times.map((t) => Math.round(t)),
    medianMs: Math.round(median),
    slowestMs: Math.round(slowest),
    limitMs: LIMIT_MS,
    ratioToLimit: slowest / LIMIT_MS,
    groupsListed: listed.groups.length,
    groupsWithLag: withLag,
    responseBytes: JSON.stringify(listed).length,
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'groups-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`groups:list over HTTP, ${GROUPS} groups on 3 brokers (lag from the sampler), ${RUNS} calls: ${result.callMs.join(', ')} ms`);
  log(`  slowest ${result.slowestMs} ms, median ${result.medianMs} ms (limit ${LIMIT_MS} ms, ratio ${result.ratioToLimit.toFixed(2)}); ${withLag} groups with lag; ${result.responseBytes} bytes; load average ${result.loadAverageAtEnd.toFixed(2)}`);
  if (slowest > LIMIT_MS) process.exitCode = 1;
} finally {
  await stopBroker(broker).catch(() => undefined);
  removeTempDir(dir);
  cleanUpEverything();
}
