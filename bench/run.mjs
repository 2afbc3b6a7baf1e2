// Issue 3 §6 benchmark: kcat against one real `brokerlab up` broker on this machine.
//   npm run bench               full run (5 runs per configuration), writes bench/results/latest.json
//   npm run bench -- --quick    smoke run (1 run, fewer records), writes bench/results/quick.json
//   node bench/run.mjs [--quick] [--runs N]   (after `npm run build:engine`)
// Prints a table of median and min records/s and MB/s for produce and consume, each with its ratio
// to a raw loopback TCP sink fed the same frames, start-to-ready of one broker, and every figure
// that has a target as a ratio to it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBroker, stopBroker, brokerProblems, logSize } from './broker.mjs';
import { installCleanupHooks, makeTempDir, removeTempDir, cleanUpEverything } from './processes.mjs';
import { KCAT, PRODUCE_FLAGS, CONSUME_FLAGS, produceArgs, consumeArgs, runKcatTimed } from './kcat-load.mjs';
import { writeRecordFile } from './record-files.mjs';
import { connectAdmin, createTopic, deleteTopic } from './topics.mjs';
import { startSink } from './tcp-sink.mjs';
import { runOnce } from './throughput.mjs';
import { measureStartToReady, measureProbeFloor, PROBE_FLAGS } from './start-to-ready.mjs';
import { printReport } from './print-report.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean' }, runs: { type: 'string' }, help: { type: 'boolean' } },
  strict: true,
});
if (flags.help) {
  process.stdout.write('usage: node bench/run.mjs [--quick] [--runs N]\n');
  process.exit(0);
}
const quick = flags.quick === true;
const runs = flags.runs ? Number(flags.runs) : quick ? 1 : 5;
if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`--runs must be a whole number from 1 to 50, got ${flags.runs}`);
const RECORDS = quick ? { 100: 200_000, 1024: 50_000 } : { 100: 1_000_000, 1024: 300_000 };
const WARMUP_RECORDS = quick ? 20_000 : 100_000;
const CONFIGS = [];
for (const size of [100, 1024]) for (const partitions of [1, 6]) for (const acks of [1, -1]) CONFIGS.push({ size, partitions, acks });
const KCAT_TIMEOUT_MS = 180_000;

const log = (line) => process.stdout.write(`${line}\n`);
const startedWall = Date.now();
installCleanupHooks();

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  kcat: execFileSync(KCAT, ['-V'], { encoding: 'utf8' }).split('\n').find((l) => l.startsWith('Version')) ?? 'unknown',
  loadavgAtStart: loadavg().map((x) => Number(x.toFixed(2))),
};
log(`brokerlab benchmark (issue 3 §6)${quick ? ' — QUICK smoke run, not for the README' : ''}`);
log(`machine: ${machine.cpus} × ${machine.cpuModel}; node ${machine.node}; kcat ${machine.kcat}`);
log(`load average at start (1/5/15 min): ${machine.loadavgAtStart.join(' / ')}`);
log(`runs per configuration: ${runs}; records: ${RECORDS[100].toLocaleString('en-US')} × 100 B, ${RECORDS[1024].toLocaleString('en-US')} × 1 KiB (no keys)`);
log(`produce: kcat ${produceArgs('BOOT', 'TOPIC', 'ACKS').join(' ')} < records.txt`);
log(`consume: kcat ${consumeArgs('BOOT', 'TOPIC', 'N').join(' ')} > /dev/null`);
log(`ready probe: CreateTopics(ready, 1 partition) via kafkajs, then kcat -P ${PROBE_FLAGS.join(' ')} (one record)`);
log('');

const work = makeTempDir('brokerlab-bench-');
const results = { generatedAt: new Date().toISOString(), quick, runs, records: RECORDS, machine, flags: { produce: PRODUCE_FLAGS, consume: CONSUME_FLAGS, probe: PROBE_FLAGS.filter((a) => a !== '-X') } };

try {
  const files = { 100: writeRecordFile(work, 100, RECORDS[100]), 1024: writeRecordFile(work, 1024, RECORDS[1024]) };
  const warmupFile = writeRecordFile(work, 100, WARMUP_RECORDS);

  log(`start-to-ready: ${runs} cold start${runs > 1 ? 's' : ''} on fresh data folders…`);
  results.startToReady = await measureStartToReady(runs);
  for (const r of results.startToReady) log(`  bootstrap line ${r.bootstrapLineMs.toFixed(0)} ms, topic created ${r.topicCreatedMs.toFixed(0)} ms, acks=all record acknowledged ${r.readyMs.toFixed(0)} ms`);

  const broker = await startBroker({ dataDir: join(work, 'data'), logFile: join(work, 'broker.log') });
  results.brokerCommand = broker.command;
  log(`throughput broker: ${broker.command.replace(work, '$TMP')} → ${broker.bootstrapServers}`);
  const admin = await connectAdmin(broker.bootstrapServers);
  const sink = await startSink();
  try {
    // Warm-up (not recorded): the broker's first batches run through a cold JIT.
    await createTopic(admin, 'bench-warmup', 1);
    await runKcatTimed(produceArgs(broker.bootstrapServers, 'bench-warmup', 1), { inputFile: warmupFile.path, timeoutMs: KCAT_TIMEOUT_MS });
    await runKcatTimed(consumeArgs(broker.bootstrapServers, 'bench-warmup', WARMUP_RECORDS), { timeoutMs: KCAT_TIMEOUT_MS });
    await deleteTopic(admin, 'bench-warmup');

    results.probeFloor = await measureProbeFloor(broker.bootstrapServers, runs, work);

    // Run-major order: run 1 of every configuration, then run 2…, so a burst of load from other
    // work on the machine spreads over the configurations instead of sinking one of them.
    const perConfig = CONFIGS.map(() => []);
    for (let r = 1; r <= runs; r++) {
      for (const [i, config] of CONFIGS.entries()) {
        const one = await runOnce({ admin, broker, sink, scratchDir: work, config, file: files[config.size], runIndex: r, timeoutMs: KCAT_TIMEOUT_MS });
        perConfig[i].push(one);
        const recs = files[config.size].count;
        log(
          `  run ${r}/${runs} ${label(config)}: produce ${rate(recs, one.produce)} rec/s (${one.produce.ms.toFixed(0)} ms, sink ${one.produce.sinkMs.toFixed(0)} ms), ` +
            `consume ${rate(recs, one.consume)} rec/s (${one.consume.ms.toFixed(0)} ms, sink ${one.consume.sinkMs.toFixed(0)} ms)` +
            (one.problems.length ? `  PROBLEMS: ${one.problems.join(' | ')}` : ''),
        );
      }
    }
    results.configs = CONFIGS.map((config, i) => ({ ...config, records: files[config.size].count, payloadBytes: files[config.size].payloadBytes, runs: perConfig[i] }));
  } finally {
    await admin.disconnect();
    await sink.close();
    const beforeStop = logSize(broker.logFile);
    results.brokerStop = await stopBroker(broker);
    results.brokerLogProblems = brokerProblems(broker.logFile, 0, beforeStop).slice(0, 50);
    results.brokerLogProblemsAtStop = brokerProblems(broker.logFile, beforeStop).slice(0, 20);
  }
  results.loadavgAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  results.elapsedSeconds = Math.round((Date.now() - startedWall) / 1000);

  const summary = printReport(results, log);
  results.summary = summary;
  const outDir = join(HERE, 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, quick ? 'quick.json' : 'latest.json');
  writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
  log(`\nresults written to ${outFile.replace(join(HERE, '..') + '/', '')}`);
} catch (err) {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  removeTempDir(work);
  cleanUpEverything();
}

function label(config) {
  return `${config.size === 1024 ? '1KiB' : `${config.size}B`} ${config.partitions}p acks=${config.acks}`;
}

function rate(records, run) {
  return run.ok ? Math.round(records / (run.ms / 1000)).toLocaleString('en-US') : 'FAILED';
}
