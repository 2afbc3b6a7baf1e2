// One RF 3 produce run on the running 3-broker cluster: create the topic (replication factor 3),
// produce the record file with kcat (timed spawn→exit, the same flags as the single-broker bench),
// check the high watermarks come to exactly the records sent, delete the topic.
import { treeCpuSeconds } from './processes.mjs';
import { produceArgs, runKcatTimed } from './kcat-load.mjs';
import { createTopic, deleteTopic, topicRecordCount } from './topics.mjs';

export async function produceRf3Once({ admin, cluster, partitions, acks, file, runIndex, timeoutMs }) {
  const topic = `rf3-${partitions}p-acks${acks === -1 ? 'all' : acks}-r${runIndex}`;
  const problems = [];
  await createTopic(admin, topic, partitions, 10_000, 3);
  // The host and its broker processes: the whole cluster's CPU, controller included.
  const cpu0 = await treeCpuSeconds(cluster.pid);
  const produced = await runKcatTimed(produceArgs(cluster.bootstrapServers, topic, acks), { inputFile: file.path, timeoutMs });
  const cpu1 = await treeCpuSeconds(cluster.pid);
  if (!produced.ok) problems.push(`produce ${topic}: ${produced.timedOut ? 'timed out' : `kcat exited ${produced.exit.signal ?? produced.exit.code}`}`);
  problems.push(...produced.problems.map((line) => `produce ${topic}: kcat: ${line}`));
  // acks=1 returns before the followers have the records, and the high watermark follows them: give
  // replication up to 10 s to catch up, and report how long it took after kcat exited.
  const exitedAt = Date.now();
  let count = await topicRecordCount(admin, topic);
  while (count < file.count && Date.now() - exitedAt < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    count = await topicRecordCount(admin, topic);
  }
  const highWatermarkLagMs = Date.now() - exitedAt;
  if (count !== file.count) problems.push(`produce ${topic}: high watermarks add up to ${count}, expected ${file.count}`);
  const deleteProblem = await deleteTopic(admin, topic);
  if (deleteProblem) problems.push(deleteProblem);
  const ok = produced.ok && count === file.count;
  return {
    topic,
    ok,
    ms: produced.ms,
    recordsPerSec: ok ? file.count / (produced.ms / 1000) : NaN,
    highWatermarkLagMs,
    frames: produced.produceRequests.length,
    maxRttMs: produced.maxProduceRttMs,
    clusterCpuCores: cpu0 === null || cpu1 === null ? NaN : (cpu1 - cpu0) / (produced.ms / 1000),
    kcatCpuCores: produced.kcatCpuShare,
    problems,
  };
}
