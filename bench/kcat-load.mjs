// The load: kcat (librdkafka 2.0.2) producing a record file and consuming it back, each timed from
// spawn to exit. kcat runs with `-d protocol`, which logs one line per request or response (a
// handful per megabyte, not per record): that gives the exact sizes of the Produce requests and
// Fetch responses this very run put on the wire, which the TCP sink then replays.
import { openSync, closeSync } from 'node:fs';
import { spawnGroup, killGroup, reapedChildrenCpuSeconds } from './processes.mjs';

export const KCAT = process.env.KCAT ?? 'kcat';

/** Producer settings fixed for every run; acks varies per configuration. Printed with the results. */
export const PRODUCE_FLAGS = {
  'linger.ms': '5',
  'batch.num.messages': '10000',
  'batch.size': '1000000',
  'compression.codec': 'none',
  'enable.idempotence': 'false',
};

/** Consumer settings fixed for every run (all librdkafka 2.0.2 defaults, stated so they are visible). */
export const CONSUME_FLAGS = {
  'fetch.wait.max.ms': '500',
  'fetch.max.bytes': '52428800',
  'max.partition.fetch.bytes': '1048576',
};

const xArgs = (flags) => Object.entries(flags).flatMap(([k, v]) => ['-X', `${k}=${v}`]);

export function produceArgs(bootstrap, topic, acks) {
  // No -p: kcat leaves the partition to librdkafka's default partitioner (consistent_random), which
  // sends keyless records to a random partition each.
  return ['-P', '-b', bootstrap, '-t', topic, ...xArgs(PRODUCE_FLAGS), '-X', `acks=${acks}`, '-d', 'protocol'];
}

export function consumeArgs(bootstrap, topic, count) {
  // -c: exit after exactly `count` records, so a short log shows up as a timeout, not a fast run.
  // -o 0, not `-o beginning` (the same place in a fresh topic): a logical offset makes librdkafka
  // send ListOffsets first, and when its fetch start races the leader lookup it re-arms a fixed
  // 500 ms offset-query timer — seen in ~1 of 10 runs, a client stall that would be billed to us.
  return ['-C', '-b', bootstrap, '-t', topic, '-o', '0', '-c', String(count), '-q', ...xArgs(CONSUME_FLAGS), '-d', 'protocol'];
}

/**
 * Runs kcat with stdin from `inputFile` (or nothing) and stdout to /dev/null, timing spawn→exit.
 * Resolves with the elapsed ms, exit status, and the sizes from the protocol log.
 */
export async function runKcatTimed(args, { inputFile, timeoutMs }) {
  const stdinFd = openSync(inputFile ?? '/dev/null', 'r');
  const stdoutFd = openSync('/dev/null', 'w');
  const cpuBefore = reapedChildrenCpuSeconds();
  const started = process.hrtime.bigint();
  const proc = spawnGroup(KCAT, args, [stdinFd, stdoutFd, 'pipe']);
  closeSync(stdinFd);
  closeSync(stdoutFd);
  let stderr = '';
  proc.child.stderr.setEncoding('utf8');
  proc.child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(proc.pid, 'SIGKILL');
  }, timeoutMs);
  const exit = await proc.exited;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = reapedChildrenCpuSeconds();
  const kcatCpuShare = cpuBefore === null || cpuAfter === null ? NaN : (cpuAfter - cpuBefore) / (ms / 1000);
  clearTimeout(timer);
  // stderr may still hold buffered lines after 'exit'; wait for the stream to end.
  if (!proc.child.stderr.readableEnded) await new Promise((resolve) => proc.child.stderr.once('close', resolve));
  const ok = !timedOut && exit.code === 0;
  return { ms, ok, timedOut, exit, kcatCpuShare, ...parseProtocolLog(stderr), problems: kcatProblems(stderr) };
}

/**
 * From librdkafka's protocol debug lines: the size of every ProduceRequest sent and every
 * FetchResponse received (whole frames, size prefix included), and the slowest round trips.
 */
export function parseProtocolLog(stderr) {
  const produceRequests = [];
  const fetchResponses = [];
  let maxProduceRttMs = 0;
  let maxFetchRttMs = 0;
  for (const m of stderr.matchAll(/Sent ProduceRequest \(v\d+, (\d+) bytes @ 0,/g)) produceRequests.push(Number(m[1]));
  for (const m of stderr.matchAll(/Received ProduceResponse \(v\d+, \d+ bytes, CorrId \d+, rtt ([\d.]+)ms\)/g)) {
    maxProduceRttMs = Math.max(maxProduceRttMs, Number(m[1]));
  }
  for (const m of stderr.matchAll(/Received FetchResponse \(v\d+, (\d+) bytes, CorrId \d+, rtt ([\d.]+)ms\)/g)) {
    fetchResponses.push(Number(m[1]));
    maxFetchRttMs = Math.max(maxFetchRttMs, Number(m[2]));
  }
  return { produceRequests, fetchResponses, maxProduceRttMs, maxFetchRttMs };
}

/** kcat's own error lines (not the debug chatter): delivery failures, broker errors, etc. */
function kcatProblems(stderr) {
  return stderr
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('%7|'))
    .slice(0, 20);
}
