// Turns the raw runs into the printed tables and target lines; returns the summary for the JSON.
import { TARGETS, median, min, max, table, summarise, targetLine, fmtInt, fmt1, fmt2 } from './report.mjs';

const sizeLabel = (size) => (size === 1024 ? '1 KiB' : `${size} B`);
const configLabel = (c) => `${sizeLabel(c.size)} ${c.partitions}p acks=${c.acks}`;

export function printReport(results, log) {
  const configs = results.configs.map((c) => {
    const produce = summarise(c.runs.map((r) => r.produce), c.payloadBytes, c.records);
    const consume = summarise(c.runs.map((r) => r.consume), c.payloadBytes, c.records);
    produce.brokerCpuCores = median(c.runs.map((r) => r.produce.brokerCpuShare));
    consume.brokerCpuCores = median(c.runs.map((r) => r.consume.brokerCpuShare));
    produce.kcatCpuCores = median(c.runs.map((r) => r.produce.kcatCpuShare));
    consume.kcatCpuCores = median(c.runs.map((r) => r.consume.kcatCpuShare));
    produce.recordsPerSec.best = max(c.runs.filter((r) => r.produce.ok).map((r) => c.records / (r.produce.ms / 1000)));
    consume.recordsPerSec.best = max(c.runs.filter((r) => r.consume.ok).map((r) => c.records / (r.consume.ms / 1000)));
    return { size: c.size, partitions: c.partitions, acks: c.acks, records: c.records, produce, consume, problems: c.runs.flatMap((r) => r.problems) };
  });

  for (const direction of ['produce', 'consume']) {
    log(`\n${direction.toUpperCase()} (${results.runs} run${results.runs > 1 ? 's' : ''} each; MB = 10^6 payload bytes; min = slowest run, best = fastest run)`);
    const rows = [[
      'configuration', 'rec/s median', 'rec/s min', 'rec/s best', 'MB/s median', 'MB/s min',
      'wire MB', 'frames', 'sink MB/s', '× sink', 'max rtt ms', 'broker cores', 'kcat cores', 'failed',
    ]];
    for (const c of configs) {
      const s = c[direction];
      rows.push([
        configLabel(c), fmtInt(s.recordsPerSec.median), fmtInt(s.recordsPerSec.min), fmtInt(s.recordsPerSec.best),
        fmt1(s.payloadMBPerSec.median), fmt1(s.payloadMBPerSec.min), fmt1(s.wireBytesPerRun / 1e6), fmtInt(s.framesPerRun),
        fmtInt(s.sinkWireMBPerSec), fmt2(s.ratioToSink.median), fmt1(s.maxRttMs), fmt2(s.brokerCpuCores), fmt2(s.kcatCpuCores), String(s.failedRuns),
      ]);
    }
    log(table(rows));
  }
  log('\n"× sink" = sink time / kcat time for the same run: the raw loopback TCP sink received the same frame sizes, in');
  log('the same order, as that run\'s Produce requests (produce) or Fetch responses (consume), one write per frame.');
  log('"broker cores" / "kcat cores" = CPU seconds used per wall second during the timed kcat run (medians).');

  const sr = results.startToReady;
  const pf = results.probeFloor;
  const startToReady = {
    bootstrapLineMs: { median: median(sr.map((r) => r.bootstrapLineMs)), min: min(sr.map((r) => r.bootstrapLineMs)) },
    topicCreatedMs: { median: median(sr.map((r) => r.topicCreatedMs)), min: min(sr.map((r) => r.topicCreatedMs)) },
    readyMs: { median: median(sr.map((r) => r.readyMs)), min: min(sr.map((r) => r.readyMs)) },
    probeFloorMs: { median: median(pf.map((r) => r.totalMs)), min: min(pf.map((r) => r.totalMs)) },
  };
  log(`\nSTART-TO-READY of one broker (${sr.length} cold start${sr.length > 1 ? 's' : ''}, fresh data folder each; ms from spawning \`brokerlab up\`)`);
  log(table([
    ['milestone', 'median ms', 'min ms'],
    ['bootstrap line printed', fmtInt(startToReady.bootstrapLineMs.median), fmtInt(startToReady.bootstrapLineMs.min)],
    ['probe topic created', fmtInt(startToReady.topicCreatedMs.median), fmtInt(startToReady.topicCreatedMs.min)],
    ['ready: acks=all record acknowledged', fmtInt(startToReady.readyMs.median), fmtInt(startToReady.readyMs.min)],
    ['(probe alone, on a broker already up)', fmtInt(startToReady.probeFloorMs.median), fmtInt(startToReady.probeFloorMs.min)],
  ]));

  log('\nTARGETS (medians; 100-byte records)');
  const targetLines = [];
  for (const c of configs.filter((x) => x.size === 100)) {
    targetLines.push(targetLine(`produce 100B acks=${c.acks} ${c.partitions}p`, c.produce.recordsPerSec.median, TARGETS.produceRecordsPerSec100B, 'rec/s'));
  }
  for (const c of configs.filter((x) => x.size === 100)) {
    targetLines.push(targetLine(`consume 100B (written acks=${c.acks}) ${c.partitions}p`, c.consume.recordsPerSec.median, TARGETS.consumeRecordsPerSec100B, 'rec/s'));
  }
  targetLines.push(targetLine('start-to-ready', startToReady.readyMs.median, TARGETS.startToReadyMs, 'ms', false));
  for (const line of targetLines) log(`  ${line}`);

  const problems = [
    ...configs.flatMap((c) => c.problems),
    ...sr.flatMap((r) => r.problems.map((p) => `start-to-ready broker log: ${p}`)),
    ...results.brokerLogProblems.map((p) => `broker log: ${p}`),
  ];
  const creates = results.configs.flatMap((c) => c.runs.map((r) => r.topicCreateMs));
  log(`\nCreateTopics until every partition has a leader (kafkajs, ${creates.length} topics): median ${fmtInt(median(creates))} ms, max ${fmtInt(max(creates))} ms`);
  log(`load average (1/5/15 min): start ${results.machine.loadavgAtStart.join(' / ')}, end ${results.loadavgAtEnd.join(' / ')}; ${results.machine.cpus} CPUs`);
  log(`throughput broker stopped: ${results.brokerStop.forced ? 'FORCED (SIGKILL after timeout)' : `exit ${results.brokerStop.signal ?? results.brokerStop.code}`}`);
  for (const line of results.brokerLogProblemsAtStop) log(`  at stop: ${line}`);
  log(problems.length ? `problems (${problems.length}):\n  ${problems.slice(0, 30).join('\n  ')}` : 'problems: none (no failed run, no WARN/ERROR in the broker logs)');
  log(`elapsed: ${results.elapsedSeconds} s`);
  return { configs, startToReady, topicCreateMs: { median: median(creates), max: max(creates) }, targetLines, problems };
}
