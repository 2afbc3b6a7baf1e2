// Start-to-ready of one broker: from spawning `brokerlab up` on a fresh data folder to the moment a
// client has produced a record with acks=all. A fresh cluster has no topics, and a client that
// relies on auto-creation spends ~1 s in librdkafka's own topic re-scan timer after the first
// LEADER_NOT_AVAILABLE, which would measure the client, not the broker; so the probe creates its
// topic with CreateTopics (kafkajs admin), then kcat produces one record with acks=-1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBroker, stopBroker, brokerProblems } from './broker.mjs';
import { makeTempDir, removeTempDir } from './processes.mjs';
import { runKcatTimed } from './kcat-load.mjs';
import { connectAdmin, createTopic } from './topics.mjs';

const msSince = (from, to = process.hrtime.bigint()) => Number(to - from) / 1e6;

export const PROBE_FLAGS = ['-X', 'acks=-1', '-X', 'enable.idempotence=false', '-X', 'linger.ms=0', '-X', 'message.timeout.ms=5000'];

function probeArgs(bootstrap, topic) {
  return ['-P', '-b', bootstrap, '-t', topic, ...PROBE_FLAGS];
}

function probeInput(dir) {
  const file = join(dir, 'probe-record.txt');
  writeFileSync(file, 'ready\n');
  return file;
}

/** Creates the topic, then produces one record with acks=-1, retrying until it succeeds. */
async function probe(bootstrap, topic, inputFile, deadlineMs, replicationFactor = 1) {
  const begun = process.hrtime.bigint();
  const admin = await connectAdmin(bootstrap);
  try {
    await createTopic(admin, topic, 1, 10_000, replicationFactor);
  } finally {
    await admin.disconnect();
  }
  const topicAt = process.hrtime.bigint();
  for (let attempt = 1; ; attempt++) {
    const run = await runKcatTimed(probeArgs(bootstrap, topic), { inputFile, timeoutMs: 10_000 });
    if (run.ok) return { topicAt, readyAt: process.hrtime.bigint(), attempts: attempt, kcatMs: run.ms };
    if (msSince(begun) > deadlineMs) throw new Error(`probe produce never succeeded: ${run.problems.join(' | ')}`);
  }
}

/**
 * `runs` cold starts, each on its own fresh data folder, each cluster stopped afterwards. With
 * `brokers` > 1 the probe topic has `replicationFactor` replicas, and acks=all waits for every in-sync one (all of
 * them, on a new topic).
 */
export async function measureStartToReady(runs, { brokers = 1, replicationFactor = 1 } = {}) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const dir = makeTempDir('brokerlab-bench-start-');
    const inputFile = probeInput(dir);
    const broker = await startBroker({ dataDir: join(dir, 'data'), logFile: join(dir, 'broker.log'), brokers });
    try {
      const p = await probe(broker.bootstrapServers, 'ready', inputFile, 30_000, replicationFactor);
      results.push({
        bootstrapLineMs: msSince(broker.startedAt, broker.bootstrapAt),
        topicCreatedMs: msSince(broker.startedAt, p.topicAt),
        readyMs: msSince(broker.startedAt, p.readyAt),
        probeKcatMs: p.kcatMs,
        attempts: p.attempts,
        problems: brokerProblems(broker.logFile),
      });
    } finally {
      // Stop-time log lines are not counted here: the throughput broker's stop is reported apart.
      await stopBroker(broker);
      removeTempDir(dir);
    }
  }
  return results;
}

/**
 * The probe's own cost against a broker that is already up: topic creation plus a one-record kcat
 * produce. Subtracting it from start-to-ready leaves the broker's start.
 */
export async function measureProbeFloor(bootstrap, runs, scratchDir, replicationFactor = 1) {
  const inputFile = probeInput(scratchDir);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const begun = process.hrtime.bigint();
    const p = await probe(bootstrap, `probe-floor-${i}`, inputFile, 30_000, replicationFactor);
    results.push({ topicCreateMs: msSince(begun, p.topicAt), produceMs: msSince(p.topicAt, p.readyAt), totalMs: msSince(begun, p.readyAt) });
  }
  return results;
}
