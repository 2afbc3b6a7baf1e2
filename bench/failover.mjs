// Failover of a partition leader killed with SIGKILL, as a client sees it. A fresh 3-broker cluster,
// a 1-partition RF 3 topic, and a kcat producer (idempotent, acks=all, -v -v so every delivery report
// is printed with the broker that acknowledged it) fed a steady paced stream. Once deliveries flow,
// the leader's pid is read from DATA/broker-<leader>/.lock and sent SIGKILL — no API call, so the
// controller learns of the death only when the session times out, as with a crashed machine.
// Failover time = arrival of the first delivery report acknowledged by another broker − kill.
// Reports from the dead leader that arrive after the kill (responses already on the wire) are
// counted but are not a failover; so the first report "after the kill" means from the new leader.
import { connectAdmin, createTopic } from './topics.mjs';
import { makeTempDir, removeTempDir, killGroup } from './processes.mjs';
import { stopBroker, brokerProblems } from './broker.mjs';
import { startCluster, brokerPids, idleRss, apiGet, startPacedProducer, eachLine } from './cluster-procs.mjs';

export const FAILOVER_TOPIC = 'failover';
/** Producer settings of the failover runs; the rest are librdkafka 2.0.2 defaults (printed from `kcat -X list`). */
export const FAILOVER_PRODUCE_FLAGS = { acks: '-1', 'enable.idempotence': 'true', 'message.timeout.ms': '30000', 'linger.ms': '5' };
/** librdkafka defaults that shape how fast a producer finds a new leader. */
export const FAILOVER_CLIENT_DEFAULTS = ['topic.metadata.refresh.fast.interval.ms', 'retry.backoff.ms', 'reconnect.backoff.ms', 'reconnect.backoff.max.ms', 'socket.timeout.ms'];

const xArgs = (flags) => Object.entries(flags).flatMap(([k, v]) => ['-X', `${k}=${v}`]);
export const failoverProduceArgs = (bootstrap) => ['-P', '-b', bootstrap, '-t', FAILOVER_TOPIC, '-p', '0', ...xArgs(FAILOVER_PRODUCE_FLAGS), '-v', '-v'];

const DELIVERED = /^% Message delivered to partition \d+ \(offset (\d+)\) on broker (-?\d+)/;
const expectedClusterLine = (line, leader) => /exited \(SIGKILL\)/.test(line) || line.includes(`broker ${leader} missed its session`);
const msBetween = (from, to) => Number(to - from) / 1e6;

async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`failover: ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * One failover on its own fresh cluster. `sessionTimeoutMs` is the broker.session.timeout.ms in
 * force and `heartbeatIntervalMs` the broker.heartbeat.interval.ms (null: the default 9000 / 2000,
 * not passed); `rate` records/s; `steadyMs` of deliveries before the kill. Also returns the
 * cluster's idle RSS, taken 5 s after its bootstrap line before any client ran.
 */
export async function runFailoverOnce({ sessionTimeoutMs = null, heartbeatIntervalMs = null, rate = 1000, steadyMs = 2000, afterMs = 1000 }) {
  const dir = makeTempDir('brokerlab-bench-failover-');
  const config = [];
  if (sessionTimeoutMs !== null) config.push(`broker.session.timeout.ms=${sessionTimeoutMs}`);
  if (heartbeatIntervalMs !== null) config.push(`broker.heartbeat.interval.ms=${heartbeatIntervalMs}`);
  const cluster = await startCluster(dir, { config });
  let producer = null;
  try {
    const rss = await idleRss(cluster);
    const admin = await connectAdmin(cluster.bootstrapServers);
    let leader;
    try {
      await createTopic(admin, FAILOVER_TOPIC, 1, 10_000, 3);
      const { topics } = await admin.fetchTopicMetadata({ topics: [FAILOVER_TOPIC] });
      leader = topics[0].partitions[0].leader;
    } finally {
      await admin.disconnect();
    }
    const leaderPid = brokerPids(cluster.dataDir, cluster.brokers).get(leader);
    const { lastSeq } = await apiGet(cluster.apiUrl, '/api/events');

    const deliveries = [];
    const failed = [];
    const other = [];
    producer = startPacedProducer({ rate, seconds: 120, size: 100, kcatArgs: failoverProduceArgs(cluster.bootstrapServers) });
    eachLine(producer.child.stderr, (line, at) => {
      const m = DELIVERED.exec(line);
      if (m) deliveries.push({ at, offset: Number(m[1]), broker: Number(m[2]) });
      else if (/Delivery failed/.test(line)) failed.push({ at, line });
      else if (other.length < 20 && !line.startsWith('% Enable message offset') && !line.startsWith('% Setting producer input')) other.push(line);
    });
    await until(() => deliveries.length > 0, 15_000, 'no delivery report');
    const firstAt = deliveries[0].at;
    await until(() => msBetween(firstAt, process.hrtime.bigint()) >= steadyMs, steadyMs + 1000, 'steady phase');
    if (deliveries.some((d) => d.broker !== leader)) throw new Error(`failover: deliveries from broker(s) other than leader ${leader} before the kill`);

    const killedAtWallMs = Date.now();
    const killedAt = process.hrtime.bigint();
    process.kill(leaderPid, 'SIGKILL');
    const beforeKill = deliveries.length;
    const fromNewLeader = () => deliveries.find((d, i) => i >= beforeKill && d.broker !== leader);
    await until(() => fromNewLeader() !== undefined, (sessionTimeoutMs ?? 9000) + 30_000, 'no delivery report from a new leader');
    const first = fromNewLeader();
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    killGroup(producer.pid, 'SIGKILL');

    const { events } = await apiGet(cluster.apiUrl, `/api/events?after=${lastSeq}`);
    const eventMs = (pred) => {
      const e = events.find(pred);
      return e ? e.timeMs - killedAtWallMs : NaN;
    };
    const afterKill = deliveries.slice(beforeKill);
    const lateFromOldLeader = afterKill.filter((d) => d.at < first.at && d.broker === leader);
    let maxGapMs = 0;
    for (let i = 1; i < deliveries.length; i++) maxGapMs = Math.max(maxGapMs, msBetween(deliveries[i - 1].at, deliveries[i].at));
    return {
      sessionTimeoutMs: sessionTimeoutMs ?? 9000,
      heartbeatIntervalMs: heartbeatIntervalMs ?? 2000,
      sessionTimeoutSource: config.length === 0 ? 'default' : '--config',
      config,
      rate,
      leader,
      newLeader: first.broker,
      failoverMs: msBetween(killedAt, first.at),
      // Engine host event-log times (wall-clock ms, so ±1 ms) relative to the kill.
      fencedMs: eventMs((e) => e.kind === 'broker-fenced' && e.brokerId === leader),
      leaderChangeMs: eventMs((e) => e.kind === 'leader-change' && e.topic === FAILOVER_TOPIC && e.from === leader),
      lateReportsFromOldLeader: lateFromOldLeader.length,
      lastOldLeaderReportMs: lateFromOldLeader.length ? msBetween(killedAt, lateFromOldLeader[lateFromOldLeader.length - 1].at) : null,
      deliveredBeforeKill: beforeKill,
      deliveredAfterFailover: deliveries.length - beforeKill - lateFromOldLeader.length,
      deliveryFailures: failed.length,
      maxGapMs,
      idleRss: rss,
      command: cluster.command,
      // Expected around a kill: the client's connection errors to the dead broker, the host's note
      // of the exit, and the controller fencing it. Anything else is a problem.
      expectedLog: [
        ...other.filter((line) => line.includes(`/${leader}: `)).slice(0, 4).map((line) => `kcat: ${line}`),
        ...brokerProblems(cluster.logFile).filter((line) => expectedClusterLine(line, leader)).map((line) => `cluster log: ${line}`),
      ],
      problems: [
        ...failed.slice(0, 5).map((f) => `kcat: ${f.line}`),
        ...other.filter((line) => !line.includes(`/${leader}: `)).map((line) => `kcat: ${line}`),
        ...brokerProblems(cluster.logFile).filter((line) => !expectedClusterLine(line, leader)).slice(0, 10).map((line) => `cluster log: ${line}`),
      ],
    };
  } finally {
    if (producer) killGroup(producer.pid, 'SIGKILL');
    await stopBroker(cluster);
    removeTempDir(dir);
  }
}
