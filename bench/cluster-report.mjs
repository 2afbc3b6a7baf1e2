// The printed report of the cluster benchmark (issue 4 §6): tables of the raw runs, then every figure
// with its ratio to its target and the settings that produced it. Returns the summary for the JSON.
import { median, min, max, table, targetLine, fmtInt, fmt1, fmt2 } from './report.mjs';

/** Issue 4 §6 targets (2-core machine, clients on the same box) and Kafka's published 2014 figures. */
export const CLUSTER_TARGETS = {
  produceRf3AcksAllRecordsPerSec: 400_000,
  kafka2014ProduceRf3AcksAll: 421_823,
  kafka2014E2eP99Ms: 3,
  failoverSlackMs: 500,
  startToReady3Ms: 1000,
  idleRssBytes: 60e6,
};

const stats = (xs) => ({ median: median(xs), min: min(xs), max: max(xs) });
const runsLabel = (n) => `${n} run${n === 1 ? '' : 's'}`;

function throughputSection(results, log, targetLines) {
  const rows = [['configuration (100 B, RF 3)', 'rec/s median', 'rec/s min', 'rec/s best', 'MB/s median', 'max rtt ms', 'cluster cores', 'kcat cores', 'failed']];
  const configs = results.throughput.map((c) => {
    const ok = c.runs.filter((r) => r.ok);
    const rps = ok.map((r) => r.recordsPerSec);
    const s = { partitions: c.partitions, acks: c.acks, records: c.records, recordsPerSec: stats(rps), failedRuns: c.runs.length - ok.length };
    rows.push([
      `${c.partitions}p acks=${c.acks}`, fmtInt(s.recordsPerSec.median), fmtInt(s.recordsPerSec.min), fmtInt(s.recordsPerSec.max),
      fmt1((s.recordsPerSec.median * 100) / 1e6), fmt1(max(ok.map((r) => r.maxRttMs))), fmt2(median(ok.map((r) => r.clusterCpuCores))),
      fmt2(median(ok.map((r) => r.kcatCpuCores))), String(s.failedRuns),
    ]);
    return s;
  });
  log(`\nRF 3 PRODUCE (${runsLabel(results.runs)} each of ${fmtInt(results.records)} × 100 B; min = slowest run; MB = 10^6 payload bytes)`);
  log(table(rows));
  log('"cluster cores" = CPU seconds of the host and its three broker processes per wall second of the kcat run (median).');
  for (const c of results.throughput.filter((x) => x.acks === 1)) {
    log(`acks=1 ${c.partitions}p: the high watermarks reached the record count ${fmtInt(median(c.runs.map((r) => r.highWatermarkLagMs)))} ms (median) after kcat exited — followers still copying.`);
  }
  for (const c of configs.filter((x) => x.acks === -1)) {
    targetLines.push(targetLine(`RF 3 acks=all produce, ${c.partitions}p (median)`, c.recordsPerSec.median, CLUSTER_TARGETS.produceRf3AcksAllRecordsPerSec, 'rec/s'));
    targetLines.push(`  same, slowest run: ${fmtInt(c.recordsPerSec.min)} rec/s = ${fmt2(c.recordsPerSec.min / CLUSTER_TARGETS.produceRf3AcksAllRecordsPerSec)} × target; Kafka 2014: ${fmtInt(CLUSTER_TARGETS.kafka2014ProduceRf3AcksAll)} rec/s → ${fmt2(c.recordsPerSec.median / CLUSTER_TARGETS.kafka2014ProduceRf3AcksAll)} × Kafka`);
  }
  return configs;
}

function latencySection(results, log, targetLines) {
  const runs = results.latency;
  const rows = [['run', 'sent', 'rec/s sent', 'received', 'measured', 'p50 ms', 'p99 ms', 'p99.9 ms', 'max ms', 'problems']];
  runs.forEach((r, i) => rows.push([String(i + 1), fmtInt(r.sent), fmtInt(r.achievedRate), fmtInt(r.received), fmtInt(r.measuredRecords), fmt2(r.p50Ms), fmt2(r.p99Ms), fmt2(r.p999Ms), fmt1(r.maxMs), String(r.problems.length)]));
  const s = { p50Ms: stats(runs.map((r) => r.p50Ms)), p99Ms: stats(runs.map((r) => r.p99Ms)), p999Ms: stats(runs.map((r) => r.p999Ms)), maxMs: max(runs.map((r) => r.maxMs)) };
  const first = runs[0];
  log(`\nEND-TO-END LATENCY at ${fmtInt(first?.rate)} rec/s (${runsLabel(runs.length)} of ${first?.seconds} s, first ${first?.warmupSeconds} s of each left out; 1 partition, RF 3, acks=all)`);
  log(table(rows));
  log(`over the runs: p50 median ${fmt2(s.p50Ms.median)} ms (min ${fmt2(s.p50Ms.min)}, max ${fmt2(s.p50Ms.max)}); p99 median ${fmt2(s.p99Ms.median)} ms (min ${fmt2(s.p99Ms.min)}, max ${fmt2(s.p99Ms.max)}); p99.9 median ${fmt2(s.p999Ms.median)} ms; worst ${fmt1(s.maxMs)} ms`);
  targetLines.push(`end-to-end latency at ${fmtInt(first?.rate)} rec/s: p50 ${fmt2(s.p50Ms.median)} ms, p99 ${fmt2(s.p99Ms.median)} ms (medians of ${runsLabel(runs.length)}; reported, no target) — p99 = ${fmt2(s.p99Ms.median / CLUSTER_TARGETS.kafka2014E2eP99Ms)} × Kafka 2014's ${CLUSTER_TARGETS.kafka2014E2eP99Ms} ms`);
  return s;
}

function failoverSection(results, log, targetLines) {
  const rows = [['run', 'session/heartbeat ms', 'leader→new', 'failover ms', 'fenced ms', 'leader change ms', 'client after change ms', 'late old-leader DRs', 'DR failures', 'problems']];
  results.failover.forEach((r, i) => rows.push([
    String(i + 1), `${r.sessionTimeoutMs}/${r.heartbeatIntervalMs} (${r.sessionTimeoutSource})`, `${r.leader}→${r.newLeader}`, fmtInt(r.failoverMs), fmtInt(r.fencedMs), fmtInt(r.leaderChangeMs),
    fmtInt(r.failoverMs - r.leaderChangeMs), String(r.lateReportsFromOldLeader), String(r.deliveryFailures), String(r.problems.length),
  ]));
  log(`\nFAILOVER (SIGKILL of the partition leader → first delivery report acknowledged by the new leader; each run on a fresh cluster)`);
  log(table(rows));
  log('"fenced" and "leader change" are the engine host\'s event-log times after the kill (wall clock, ±1 ms). The controller fences a');
  log('broker when broker.session.timeout.ms has passed since its LAST heartbeat, as Kafka does, so a kill lands anywhere in the');
  log('heartbeat cycle and fencing follows it by (session − up to one heartbeat interval) … session. "client after change": librdkafka');
  log('2.0.2 re-queries the leader of a partition whose broker is down once a second (its topic scan timer; seen with -d metadata),');
  log('so the producer learns of the new leader 0–1 s after the change.');
  const bySession = new Map();
  for (const r of results.failover) bySession.set(r.sessionTimeoutMs, [...(bySession.get(r.sessionTimeoutMs) ?? []), r]);
  const summary = [];
  for (const [session, runs] of bySession) {
    const f = stats(runs.map((r) => r.failoverMs));
    const target = session + CLUSTER_TARGETS.failoverSlackMs;
    summary.push({ sessionTimeoutMs: session, heartbeatIntervalMs: runs[0].heartbeatIntervalMs, runs: runs.length, failoverMs: f, targetMs: target });
    targetLines.push(targetLine(`failover, session ${session} ms, heartbeat ${runs[0].heartbeatIntervalMs} ms (worst of ${runsLabel(runs.length)})`, f.max, target, 'ms', false));
    targetLines.push(`  same, median ${fmtInt(f.median)} ms = ${fmt2(f.median / target)} × target, min ${fmtInt(f.min)} ms`);
  }
  return summary;
}

function startToReadySection(results, log, targetLines) {
  const sr = results.startToReady;
  const pf = results.probeFloor;
  const s = {
    bootstrapLineMs: stats(sr.map((r) => r.bootstrapLineMs)),
    topicCreatedMs: stats(sr.map((r) => r.topicCreatedMs)),
    readyMs: stats(sr.map((r) => r.readyMs)),
    probeFloorMs: stats(pf.map((r) => r.totalMs)),
  };
  log(`\nSTART-TO-READY of 3 brokers (${runsLabel(sr.length)}, fresh data folder each; ms from spawning \`brokerlab up --brokers 3\`)`);
  log(table([
    ['milestone', 'median ms', 'min ms', 'max ms'],
    ['bootstrap line printed', fmtInt(s.bootstrapLineMs.median), fmtInt(s.bootstrapLineMs.min), fmtInt(s.bootstrapLineMs.max)],
    ['RF 3 probe topic created, leader known', fmtInt(s.topicCreatedMs.median), fmtInt(s.topicCreatedMs.min), fmtInt(s.topicCreatedMs.max)],
    ['ready: acks=all record acknowledged', fmtInt(s.readyMs.median), fmtInt(s.readyMs.min), fmtInt(s.readyMs.max)],
    ['(probe alone, on a cluster already up)', fmtInt(s.probeFloorMs.median), fmtInt(s.probeFloorMs.min), fmtInt(s.probeFloorMs.max)],
  ]));
  targetLines.push(targetLine('start-to-ready of 3 brokers (median)', s.readyMs.median, CLUSTER_TARGETS.startToReady3Ms, 'ms', false));
  targetLines.push(`  same, min ${fmtInt(s.readyMs.min)} ms, max ${fmtInt(s.readyMs.max)} ms`);
  return s;
}

function rssSection(results, log, targetLines) {
  const samples = results.idleRss.flatMap((c) => c.brokers.map((b) => ({ ...b, cluster: c.cluster })));
  const kib = samples.map((b) => b.vmRssKiB);
  const s = { samples: samples.length, kib: stats(kib) };
  const show = (k) => `${fmtInt(k)} KiB = ${fmt1(k / 1024)} MiB = ${fmt1((k * 1024) / 1e6)} MB`;
  log(`\nIDLE RSS per broker process (VmRSS of /proc/<pid>/status, 5 s after the bootstrap line, no client yet; pid from DATA/broker-N/.lock)`);
  log(table([['cluster', 'broker 1 KiB', 'broker 2 KiB', 'broker 3 KiB'], ...results.idleRss.map((c) => [c.cluster, ...c.brokers.map((b) => fmtInt(b.vmRssKiB))])]));
  log(`over ${s.samples} samples: median ${show(s.kib.median)}; max ${show(s.kib.max)}; min ${show(s.kib.min)}`);
  targetLines.push(targetLine('idle RSS per broker (median, MB = 10^6 B)', (s.kib.median * 1024) / 1e6, CLUSTER_TARGETS.idleRssBytes / 1e6, 'MB', false));
  targetLines.push(`  same, largest sample ${fmt1((s.kib.max * 1024) / 1e6)} MB = ${fmt2((s.kib.max * 1024) / CLUSTER_TARGETS.idleRssBytes)} × target (${fmt1(s.kib.max / 1024)} MiB)`);
  return s;
}

export function printClusterReport(results, log) {
  const targetLines = [];
  const throughput = throughputSection(results, log, targetLines);
  const latency = latencySection(results, log, targetLines);
  const failover = failoverSection(results, log, targetLines);
  const startToReady = startToReadySection(results, log, targetLines);
  const idleRss = rssSection(results, log, targetLines);

  log('\nTARGETS (issue 4 §6)');
  for (const line of targetLines) log(`  ${line}`);
  const problems = [
    ...results.throughput.flatMap((c) => c.runs.flatMap((r) => r.problems)),
    ...results.latency.flatMap((r, i) => r.problems.map((p) => `latency run ${i + 1}: ${p}`)),
    ...results.failover.flatMap((r, i) => r.problems.map((p) => `failover run ${i + 1}: ${p}`)),
    ...results.startToReady.flatMap((r) => r.problems.map((p) => `start-to-ready cluster log: ${p}`)),
    ...results.clusterLogProblems.map((p) => `main cluster log: ${p}`),
  ];
  log(`\nload average (1/5/15 min): start ${results.machine.loadavgAtStart.join(' / ')}, end ${results.loadavgAtEnd.join(' / ')}; ${results.machine.cpus} CPUs`);
  log(`main cluster stopped: ${results.clusterStop.forced ? 'FORCED (SIGKILL after timeout)' : `exit ${results.clusterStop.signal ?? results.clusterStop.code}`}`);
  log(problems.length ? `problems (${problems.length}):\n  ${problems.slice(0, 30).join('\n  ')}` : 'problems: none (no failed run, no unexpected WARN/ERROR in the cluster logs)');
  log(`elapsed: ${results.elapsedSeconds} s`);
  return { throughput, latency, failover, startToReady, idleRss, targetLines, problems };
}
