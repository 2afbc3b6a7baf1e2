// Issue 4 §6 benchmark: kcat against a real 3-broker `brokerlab up --brokers 3` cluster on this machine.
//   npm run bench:cluster               full run, writes bench/results/cluster-latest.json
//   npm run bench:cluster -- --quick    smoke run (1 run of each, shorter), writes bench/results/cluster-quick.json
//   node bench/cluster.mjs [--quick] [--runs N]   (after `npm run build:engine`)
// Figures: RF 3 acks=all produce throughput, end-to-end latency at a paced 10,000 rec/s, failover
// time after SIGKILL of a leader, start-to-ready of 3 brokers, idle RSS per broker process — each
// printed with its ratio to its target and the exact client settings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stopBroker, brokerProblems, logSize } from './broker.mjs';
import { installCleanupHooks, makeTempDir, removeTempDir, cleanUpEverything } from './processes.mjs';
import { KCAT, PRODUCE_FLAGS, produceArgs, runKcatTimed } from './kcat-load.mjs';
import { writeRecordFile } from './record-files.mjs';
import { connectAdmin, createTopic, deleteTopic } from './topics.mjs';
import { measureStartToReady, measureProbeFloor, PROBE_FLAGS } from './start-to-ready.mjs';
import { startCluster, idleRss } from './cluster-procs.mjs';
import { produceRf3Once } from './cluster-throughput.mjs';
import { runLatencyOnce, latencyProduceArgs, latencyConsumeArgs } from './e2e-latency.mjs';
import { runFailoverOnce, failoverProduceArgs, FAILOVER_CLIENT_DEFAULTS } from './failover.mjs';
import { printClusterReport } from './cluster-report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, runs: { type: 'string' }, help: { type: 'boolean' } },
  strict: true,
});
if (flags.help) {
  process.stdout.write('usage: node bench/cluster.mjs [--quick] [--runs N]\n');
  process.exit(0);
}
const quick = flags.quick === true;
const runs = flags.runs ? Number(flags.runs) : quick ? 1 : 5;
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs must be a whole number from 1 to 20, got ${flags.runs}`);

const RECORDS = quick ? 200_000 : 1_000_000;
const WARMUP_RECORDS = quick ? 20_000 : 100_000;
const THROUGHPUT_CONFIGS = [
  { partitions: 6, acks: -1 }, // Kafka's 2014 set-up: 6 partitions, 3 brokers, acks=all
  { partitions: 1, acks: -1 },
  { partitions: 6, acks: 1 }, // leader-only acknowledgement, for comparison
];
const LATENCY = { rate: 10_000, seconds: quick ? 5 : 10, warmupSeconds: 1, runs, clusterWarmupSeconds: 3 };
// 3 runs per session timeout is enough here: each costs a session timeout, and the spread comes from
// where in the heartbeat cycle the kill lands, which the runs show. The short session comes with a
// shorter heartbeat (Kafka's defaults keep session ≈ 4.5 × heartbeat): a 2000 ms session with the
// default 2000 ms heartbeat fences healthy brokers whenever one heartbeat is a little late.
const DEFAULT_SESSION = { sessionTimeoutMs: null, heartbeatIntervalMs: null };
const SHORT_SESSION = { sessionTimeoutMs: 2000, heartbeatIntervalMs: 500 };
const FAILOVER = quick ? [SHORT_SESSION] : [DEFAULT_SESSION, DEFAULT_SESSION, DEFAULT_SESSION, SHORT_SESSION, SHORT_SESSION, SHORT_SESSION];
const FAILOVER_RATE = 1000;
const KCAT_TIMEOUT_MS = 180_000;

const log = (line) => process.stdout.write(`${line}\n`);
const xFlags = (f) => Object.entries(f).map(([k, v]) => `-X ${k}=${v}`).join(' ');
const startedWall = Date.now();
installCleanupHooks();

const kcatDefaults = Object.fromEntries(
  execFileSync(KCAT, ['-X', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => FAILOVER_CLIENT_DEFAULTS.includes(cells[0]))
    .map((cells) => [cells[0], cells[3]]),
);
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  kcat: execFileSync(KCAT, ['-V'], { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Version')) ?? 'unknown',
  loadavgAtStart: loadavg().map((x) => Number(x.toFixed(2))),
};
const settings = {
  cluster: 'node bin/brokerlab.js up --brokers 3 --data $TMP/data --port 0 --api-port 0',
  produce: `kcat ${produceArgs('BOOT', 'TOPIC', 'ACKS').join(' ')} < records.txt`,
  latencyProduce: `node bench/paced-writer.mjs --rate ${LATENCY.rate} --seconds ${LATENCY.seconds} --size 100 | kcat ${latencyProduceArgs('BOOT', 'TOPIC').join(' ')}`,
  latencyConsume: `kcat ${latencyConsumeArgs('BOOT', 'TOPIC').map((a) => (a === '%s\\n' ? `'%s\\n'` : a)).join(' ')}  (each line stamped on receipt by the bench process)`,
  failoverProduce: `node bench/paced-writer.mjs --rate ${FAILOVER_RATE} --seconds 120 --size 100 | kcat ${failoverProduceArgs('BOOT').join(' ')}`,
  failoverClientDefaults: kcatDefaults,
  probe: `CreateTopics(ready, 1 partition, RF 3) via kafkajs, then kcat -P ${PROBE_FLAGS.join(' ')} (one record)`,
};

log(`brokerlab cluster benchmark (issue 4 §6)${quick ? ' — QUICK smoke run, not for the README' : ''}`);
log(`machine: ${machine.cpus} × ${machine.cpuModel}; node ${machine.node}; kcat ${machine.kcat}`);
log(`load average at start (1/5/15 min): ${machine.loadavgAtStart.join(' / ')}`);
log(`cluster: ${settings.cluster} (default RF 3, min.insync.replicas 2)`);
log(`RF 3 produce: ${runs} run(s) × ${RECORDS.toLocaleString('en-US')} × 100 B per configuration: ${settings.produce}`);
log(`latency producer: ${settings.latencyProduce}`);
log(`latency consumer: ${settings.latencyConsume}`);
log(`failover producer: ${settings.failoverProduce}`);
log(`  librdkafka defaults in force: ${xFlags(kcatDefaults)}`);
const failoverLabel = (s) => (s.sessionTimeoutMs === null ? 'defaults (broker.session.timeout.ms=9000, broker.heartbeat.interval.ms=2000)' : `--config broker.session.timeout.ms=${s.sessionTimeoutMs} --config broker.heartbeat.interval.ms=${s.heartbeatIntervalMs}`);
log(`  failover clusters: ${[...new Set(FAILOVER)].map((s) => `${FAILOVER.filter((x) => x === s).length} × ${failoverLabel(s)}`).join('; ')}`);
log(`ready probe: ${settings.probe}`);
log('');

const work = makeTempDir('brokerlab-bench-cluster-');
const results = { generatedAt: new Date().toISOString(), quick, runs, records: RECORDS, machine, settings, latencyPlan: LATENCY, produceFlags: PRODUCE_FLAGS };

try {
  log(`start-to-ready: ${runs} cold start(s) of 3 brokers on fresh data folders…`);
  results.startToReady = await measureStartToReady(runs, { brokers: 3, replicationFactor: 3 });
  for (const r of results.startToReady) log(`  bootstrap line ${r.bootstrapLineMs.toFixed(0)} ms, RF 3 topic created ${r.topicCreatedMs.toFixed(0)} ms, acks=all record acknowledged ${r.readyMs.toFixed(0)} ms`);

  const file = writeRecordFile(work, 100, RECORDS);
  const warmupFile = writeRecordFile(work, 100, WARMUP_RECORDS);
  const cluster = await startCluster(join(work, 'main'));
  results.clusterCommand = cluster.command.replace(work, '$TMP');
  log(`main cluster: ${results.clusterCommand} → ${cluster.bootstrapServers}`);
  results.idleRss = [{ cluster: 'main', brokers: await idleRss(cluster) }];
  log(`  idle RSS 5 s after bootstrap: ${results.idleRss[0].brokers.map((b) => `broker ${b.brokerId} ${b.vmRssKiB} KiB`).join(', ')}`);
  const admin = await connectAdmin(cluster.bootstrapServers);
  try {
    // Warm-up (not recorded): the brokers' first batches run through a cold JIT.
    await createTopic(admin, 'rf3-warmup', 6, 10_000, 3);
    await runKcatTimed(produceArgs(cluster.bootstrapServers, 'rf3-warmup', -1), { inputFile: warmupFile.path, timeoutMs: KCAT_TIMEOUT_MS });
    await deleteTopic(admin, 'rf3-warmup');
    results.probeFloor = await measureProbeFloor(cluster.bootstrapServers, runs, work, 3);

    const perConfig = THROUGHPUT_CONFIGS.map(() => []);
    for (let r = 1; r <= runs; r++) {
      for (const [i, config] of THROUGHPUT_CONFIGS.entries()) {
        const one = await produceRf3Once({ admin, cluster, ...config, file, runIndex: r, timeoutMs: KCAT_TIMEOUT_MS });
        perConfig[i].push(one);
        log(`  run ${r}/${runs} RF 3 ${config.partitions}p acks=${config.acks}: ${one.ok ? Math.round(one.recordsPerSec).toLocaleString('en-US') : 'FAILED'} rec/s (${one.ms.toFixed(0)} ms)${one.problems.length ? `  PROBLEMS: ${one.problems.join(' | ')}` : ''}`);
      }
    }
    results.throughput = THROUGHPUT_CONFIGS.map((config, i) => ({ ...config, records: RECORDS, runs: perConfig[i] }));

    log(`latency: ${LATENCY.clusterWarmupSeconds} s warm-up at ${LATENCY.rate} rec/s (not recorded), then ${runs} run(s) of ${LATENCY.seconds} s`);
    await runLatencyOnce({ admin, bootstrap: cluster.bootstrapServers, topic: 'latency-warmup', rate: LATENCY.rate, seconds: LATENCY.clusterWarmupSeconds, warmupSeconds: 0 });
    results.latency = [];
    for (let r = 1; r <= runs; r++) {
      const one = await runLatencyOnce({ admin, bootstrap: cluster.bootstrapServers, topic: `latency-r${r}`, ...LATENCY });
      results.latency.push(one);
      log(`  run ${r}/${runs}: p50 ${one.p50Ms.toFixed(2)} ms, p99 ${one.p99Ms.toFixed(2)} ms, p99.9 ${one.p999Ms.toFixed(2)} ms, max ${one.maxMs.toFixed(1)} ms (${one.received}/${one.sent} received)${one.problems.length ? `  PROBLEMS: ${one.problems.join(' | ')}` : ''}`);
    }
  } finally {
    await admin.disconnect();
    results.clusterLogProblems = brokerProblems(cluster.logFile, 0, logSize(cluster.logFile)).slice(0, 50);
    results.clusterStop = await stopBroker(cluster);
  }

  results.failover = [];
  for (const [i, session] of FAILOVER.entries()) {
    const one = await runFailoverOnce({ ...session, rate: FAILOVER_RATE });
    results.failover.push(one);
    results.idleRss.push({ cluster: `failover ${i + 1}`, brokers: one.idleRss });
    log(`  failover ${i + 1}/${FAILOVER.length} (session ${one.sessionTimeoutMs} ms, heartbeat ${one.heartbeatIntervalMs} ms): leader ${one.leader} killed → first delivery from broker ${one.newLeader} after ${one.failoverMs.toFixed(0)} ms (fenced at ${one.fencedMs} ms, leader change at ${one.leaderChangeMs} ms)${one.problems.length ? `  PROBLEMS: ${one.problems.join(' | ')}` : ''}`);
  }

  results.loadavgAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  results.elapsedSeconds = Math.round((Date.now() - startedWall) / 1000);
  results.summary = printClusterReport(results, log);
  const outDir = join(HERE, 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, quick ? 'cluster-quick.json' : 'cluster-latest.json');
  // Temp folder names (this run's and each failover cluster's) say nothing and change every run.
  const tempNames = new RegExp(`${tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/brokerlab-bench-[\\w-]+`, 'g');
  writeFileSync(outFile, JSON.stringify(results, null, 2).replace(tempNames, '$TMP') + '\n');
  log(`\nresults written to ${outFile.replace(join(HERE, '..') + '/', '')}`);
} catch (err) {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  removeTempDir(work);
  cleanUpEverything();
}
