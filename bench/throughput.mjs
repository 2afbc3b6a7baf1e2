// One produce+consume run of one configuration against the running broker, with its two TCP sink
// replays: create the topic, produce the record file with kcat (timed), check the high watermarks
// add up to exactly the records sent, replay the Produce request sizes through the sink, consume
// everything back with kcat (timed), replay the Fetch response sizes, delete the topic.
import { treeCpuSeconds } from './processes.mjs';
import { consumeArgs, produceArgs, runKcatTimed } from './kcat-load.mjs';
import { createTopic, deleteTopic, topicRecordCount } from './topics.mjs';

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

export async function runOnce({ admin, broker, sink, scratchDir, config, file, runIndex, timeoutMs }) {
  const topic = `bench-${config.size}B-${config.partitions}p-acks${config.acks === -1 ? 'all' : config.acks}-r${runIndex}`;
  const problems = [];
  const createStarted = process.hrtime.bigint();
  await createTopic(admin, topic, config.partitions);
  const topicCreateMs = Number(process.hrtime.bigint() - createStarted) / 1e6;

  const cpu0 = await treeCpuSeconds(broker.pid);
  const produced = await runKcatTimed(produceArgs(broker.bootstrapServers, topic, config.acks), { inputFile: file.path, timeoutMs });
  const cpu1 = await treeCpuSeconds(broker.pid);
  if (!produced.ok) problems.push(`produce ${topic}: ${produced.timedOut ? 'timed out' : `kcat exited ${produced.exit.signal ?? produced.exit.code}`}`);
  problems.push(...produced.problems.map((line) => `produce ${topic}: kcat: ${line}`));

  const count = await topicRecordCount(admin, topic);
  if (count !== file.count) {
    problems.push(`produce ${topic}: high watermarks add up to ${count}, expected ${file.count}`);
  }

  const produceSink = await sink.replay(produced.produceRequests, scratchDir);

  // Consuming is timed only over a complete log: with records missing, `-c N` would wait forever.
  const cpu2 = await treeCpuSeconds(broker.pid);
  const consumed = count === file.count
    ? await runKcatTimed(consumeArgs(broker.bootstrapServers, topic, file.count), { timeoutMs })
    : { ok: false, skipped: true, ms: NaN, exit: {}, fetchResponses: [], maxFetchRttMs: NaN, kcatCpuShare: NaN, problems: ['not consumed: the log is not complete'] };
  const cpu3 = await treeCpuSeconds(broker.pid);
  if (!consumed.ok && !consumed.skipped) problems.push(`consume ${topic}: ${consumed.timedOut ? 'timed out' : `kcat exited ${consumed.exit.signal ?? consumed.exit.code}`}`);
  problems.push(...consumed.problems.map((line) => `consume ${topic}: kcat: ${line}`));

  const consumeSink = await sink.replay(consumed.fetchResponses, scratchDir);

  const deleteProblem = await deleteTopic(admin, topic);
  if (deleteProblem) problems.push(deleteProblem);

  const cpuShare = (a, b, ms) => (a === null || b === null ? NaN : (b - a) / (ms / 1000));
  return {
    topic,
    topicCreateMs,
    problems,
    produce: {
      ok: produced.ok && count === file.count,
      ms: produced.ms,
      frames: produced.produceRequests.length,
      wireBytes: sum(produced.produceRequests),
      sinkMs: produceSink.ms,
      maxRttMs: produced.maxProduceRttMs,
      brokerCpuShare: cpuShare(cpu0, cpu1, produced.ms),
      kcatCpuShare: produced.kcatCpuShare,
    },
    consume: {
      ok: consumed.ok,
      ms: consumed.ms,
      frames: consumed.fetchResponses.length,
      wireBytes: sum(consumed.fetchResponses),
      sinkMs: consumeSink.ms,
      maxRttMs: consumed.maxFetchRttMs,
      brokerCpuShare: cpuShare(cpu2, cpu3, consumed.ms),
      kcatCpuShare: consumed.kcatCpuShare,
    },
  };
}
