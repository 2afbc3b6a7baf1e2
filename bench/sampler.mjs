// Issue 13 §3: the cost of the always-on sampler. 100 groups × 100 partitions (one topic of 100
// partitions, every group with a committed offset on each), a 5 s tick, the history written to
// disk as under `up`; kcat appends 1,000 records/s in its own process meanwhile. The sampler runs
// in this process, which does nothing else: its CPU time (process.cpuUsage, user + system) over
// the measured ticks divided by their wall time is the figure, against the 5 %-of-one-core limit.
// Two figures, both held to the limit: the cold start (from attaching the sampler — its first
// Metadata, connections and the Fetches that fill the record-timestamp cache — to the end of the
// 6th tick) and the steady state after it. Every tick must give every (group, partition) a point.
// The load average (1 min) is printed with the figures: the machine may be shared.
//   npm run bench:sampler                 12 measured ticks (60 s)
//   npm run bench:sampler -- --quick      4 measured ticks
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBroker, stopBroker } from './broker.mjs';
import { installCleanupHooks, makeTempDir, removeTempDir, cleanUpEverything } from './processes.mjs';
import { KCAT } from './kcat-load.mjs';
import { loadKit } from './kit.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({ options: { quick: { type: 'boolean' }, ticks: { type: 'string' } }, strict: true });
const GROUPS = 100;
const PARTITIONS = 100;
const TICK_MS = 5_000;
// Time lag reads each distinct (partition, committed offset)'s record timestamp once, at most 200
// per tick: 1,000 here, so the first 5 ticks fill the cache: the cold start.
const WARMUP_TICKS = 6;
const TICKS = flags.ticks ? Number(flags.ticks) : flags.quick ? 4 : 12;
const LIMIT = 0.05;
const TOPIC = 'sampled';
const log = (line) => process.stdout.write(`${line}\n`);

installCleanupHooks();
// The `up` under test samples with its own (second) sampler; slow it down so it does not load the broker.
process.env.BROKERLAB_SAMPLE_TICK_MS = '600000';
const kit = await loadKit();
const dir = makeTempDir('brokerlab-bench-sampler-');
const broker = await startBroker({ dataDir: join(dir, 'data'), logFile: join(dir, 'broker.log') });
let writer = null;
try {
  const client = new kit.KafkaClient({ bootstrap: broker.bootstrapServers, clientId: 'bench-sampler-setup' });
  const admin = new kit.Admin(client);
  await admin.createTopics([{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1 }]);
  const producer = new kit.Producer(client);
  // 20 records per partition, then each group commits on every partition: groups at 10 different
  // offsets, so time lag needs 10 record timestamps per partition.
  for (let round = 0; round < 20; round++) {
    await producer.send(TOPIC, Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, key: null, value: Buffer.from(`r${round}`) })), { acks: -1 });
  }
  for (let g = 0; g < GROUPS; g++) {
    await admin.offsetCommit(`bench-group-${String(g).padStart(3, '0')}`, Array.from({ length: PARTITIONS }, (_, p) => ({ topic: TOPIC, partition: p, offset: g % 10 })));
  }
  await client.close();

  // A steady producer in its own process: log ends move every tick.
  const seconds = Math.ceil(((TICKS + WARMUP_TICKS + 2) * TICK_MS) / 1000);
  writer = spawn('sh', ['-c', `node ${join(HERE, 'paced-writer.mjs')} --rate 1000 --seconds ${seconds} --size 60 | ${KCAT} -P -b ${broker.bootstrapServers} -t ${TOPIC} -X linger.ms=50 -q`], { stdio: 'ignore', detached: true });

  const sampleClient = new kit.KafkaClient({ bootstrap: broker.bootstrapServers, clientId: 'bench-sampler' });
  const stream = new kit.LagStream({ tickMs: TICK_MS, historyRoot: join(dir, 'history'), logger: kit.createMemoryLogger() });
  const ticks = [];
  let cpuAtWarm = null;
  let warmupCpu = null;
  let warmupWallMs = 0;
  let wallAtWarm = 0;
  const done = new Promise((resolve) => {
    stream.subscribe((e) => {
      ticks.push({ at: e.at, points: e.partitions.length, withLag: e.partitions.filter((p) => p.lag !== null).length, withTimeLag: 0, durationMs: e.durationMs, error: e.error });
      if (ticks.length === WARMUP_TICKS) {
        warmupCpu = process.cpuUsage(cpuAtStart.cpu);
        warmupWallMs = performance.now() - cpuAtStart.wall;
        cpuAtWarm = process.cpuUsage();
        wallAtWarm = performance.now();
      }
      if (ticks.length === WARMUP_TICKS + TICKS) resolve();
    });
  });
  const loadAtStart = loadavg()[0];
  // The cold start counts from here: the sampler's first Metadata and connections are its cost.
  const cpuAtStart = { cpu: process.cpuUsage(), wall: performance.now() };
  stream.attach({ admin: new kit.Admin(sampleClient), brokerStates: null });
  await done;
  const cpu = process.cpuUsage(cpuAtWarm);
  const wallMs = performance.now() - wallAtWarm;
  const history = await stream.historySeries({ window: '5m', kinds: ['partition-lag', 'time-lag'], group: 'bench-group-007' });
  stream.close();
  await sampleClient.close();

  const measured = ticks.slice(WARMUP_TICKS);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const share = cpuMs / wallMs;
  const everyPoint = measured.every((t) => t.error === null && t.points === GROUPS * PARTITIONS && t.withLag === GROUPS * PARTITIONS);
  const line = history.series.filter((s) => s.kind === 'partition-lag');
  const timeLag = history.series.find((s) => s.kind === 'time-lag');
  const warmupShare = (warmupCpu.user + warmupCpu.system) / 1000 / warmupWallMs;
  const result = {
    measuredAt: new Date().toISOString(),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadavg()[0],
    groups: GROUPS,
    partitions: PARTITIONS,
    tickMs: TICK_MS,
    measuredTicks: measured.length,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(cpuMs),
    cpuShareOfOneCore: share,
    limit: LIMIT,
    ratioToLimit: share / LIMIT,
    pointsPerTick: measured.map((t) => t.points),
    tickDurationsMs: measured.map((t) => t.durationMs),
    everyGroupPartitionGainedAPointEachTick: everyPoint,
    historyLinesForOneGroup: line.length,
    lastTimeLagOfOneGroupMs: timeLag?.points.at(-1)?.value ?? null,
    coldStartTicks: WARMUP_TICKS,
    coldStartWallMs: Math.round(warmupWallMs),
    coldStartCpuShareOfOneCore: warmupShare,
    coldStartRatioToLimit: warmupShare / LIMIT,
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', flags.quick ? 'sampler-quick.json' : 'sampler-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`sampler: ${GROUPS} groups × ${PARTITIONS} partitions, ${TICK_MS / 1000} s tick, ${measured.length} steady ticks after a cold start of ${WARMUP_TICKS}, history on disk, kcat producing 1,000 rec/s`);
  log(`  cold start (attach → tick ${WARMUP_TICKS}, filling the record-timestamp cache with 1,000 Fetches): ${(warmupShare * 100).toFixed(2)} % of one core (limit ${LIMIT * 100} %, ratio ${result.coldStartRatioToLimit.toFixed(2)})`);
  log(`  steady (${measured.length} ticks after): CPU ${result.cpuMs} ms over ${result.wallMs} ms = ${(share * 100).toFixed(2)} % of one core (limit ${LIMIT * 100} %, ratio ${result.ratioToLimit.toFixed(2)})`);
  log(`  points per tick: ${[...new Set(result.pointsPerTick)].join(', ')} (every (group, partition) each tick: ${everyPoint ? 'yes' : 'NO'}); tick collection ${Math.min(...result.tickDurationsMs)}–${Math.max(...result.tickDurationsMs)} ms`);
  log(`  one group's per-partition history lines: ${line.length}; its time lag now ${result.lastTimeLagOfOneGroupMs} ms; load average (1 min) ${result.loadAverageAtStart.toFixed(2)} at start, ${result.loadAverageAtEnd.toFixed(2)} at end`);
  if (!everyPoint || share > LIMIT || warmupShare > LIMIT) process.exitCode = 1;
} finally {
  if (writer) {
    try {
      process.kill(-writer.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  await stopBroker(broker).catch(() => undefined);
  removeTempDir(dir);
  cleanUpEverything();
}
