// End-to-end latency at a paced rate, Kafka's 2014 method with independent clients: a paced writer
// stamps each value with its send time (CLOCK_MONOTONIC ns), kcat -P (linger.ms=0, acks=all) sends
// it to a 1-partition RF 3 topic, kcat -C (unbuffered) prints each value as it arrives, and this
// process stamps every line on receipt from the same clock. Latency = receipt − send, so it holds
// the producer's queueing, the Produce round, replication to the followers, the high watermark
// advance, the consumer's Fetch and both kcats' pipes.
import { createTopic } from './topics.mjs';
import { spawnGroup, killGroup } from './processes.mjs';
import { KCAT } from './kcat-load.mjs';
import { startPacedProducer, eachLine } from './cluster-procs.mjs';
import { percentile } from './report.mjs';

/**
 * Client settings. socket.nagle.disable=true (TCP_NODELAY) is what Kafka's Java clients always do;
 * librdkafka 2.0.2 leaves Nagle on by default, which holds a small Produce behind the previous
 * segment's ACK and measures the kernel, not the cluster. Everything else is librdkafka's default,
 * written out so the printed command is complete.
 */
export const LATENCY_PRODUCE_FLAGS = { 'linger.ms': '0', acks: '-1', 'enable.idempotence': 'false', 'compression.codec': 'none', 'socket.nagle.disable': 'true' };
export const LATENCY_CONSUME_FLAGS = { 'fetch.wait.max.ms': '500', 'fetch.min.bytes': '1', 'socket.nagle.disable': 'true' };

const xArgs = (flags) => Object.entries(flags).flatMap(([k, v]) => ['-X', `${k}=${v}`]);

export function latencyProduceArgs(bootstrap, topic) {
  return ['-P', '-b', bootstrap, '-t', topic, '-p', '0', ...xArgs(LATENCY_PRODUCE_FLAGS)];
}

export function latencyConsumeArgs(bootstrap, topic) {
  // -u: unbuffered stdout, or stdio would hold lines until 4 KiB had piled up.
  return ['-C', '-b', bootstrap, '-t', topic, '-p', '0', '-o', '0', '-u', '-f', '%s\\n', ...xArgs(LATENCY_CONSUME_FLAGS)];
}

function waitForLine(stream, pattern, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what}: no "${pattern}" within ${timeoutMs} ms; stderr: ${seen.slice(-500)}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolve();
      }
    };
    stream.on('data', onData);
  });
}

/**
 * One paced run on a new topic. Records sent in the first `warmupSeconds` are received and checked
 * but left out of the percentiles (connection set-up, first metadata, JIT of a fresh code path).
 */
export async function runLatencyOnce({ admin, bootstrap, topic, rate, seconds, warmupSeconds, size = 100 }) {
  await createTopic(admin, topic, 1, 10_000, 3);
  const total = Math.round(rate * seconds);
  const latencyMs = new Float64Array(total).fill(NaN);
  let received = 0;
  let duplicates = 0;
  let malformed = 0;

  const consumer = spawnGroup(KCAT, latencyConsumeArgs(bootstrap, topic), ['ignore', 'pipe', 'pipe']);
  consumer.child.stderr.setEncoding('utf8');
  eachLine(consumer.child.stdout, (line, at) => {
    const a = line.indexOf(' ');
    const b = line.indexOf(' ', a + 1);
    const seq = Number(line.slice(0, a));
    if (a < 1 || b < 0 || !Number.isInteger(seq) || seq < 0 || seq >= total) {
      malformed++;
      return;
    }
    if (!Number.isNaN(latencyMs[seq])) {
      duplicates++;
      return;
    }
    latencyMs[seq] = Number(at - BigInt(line.slice(a + 1, b))) / 1e6;
    received++;
  });
  let producerStderr = '';
  try {
    // The consumer has its partition and has fetched once when kcat reports the (empty) end.
    await waitForLine(consumer.child.stderr, /Reached end of topic/, 15_000, 'latency consumer');

    const producer = startPacedProducer({ rate, seconds, size, kcatArgs: latencyProduceArgs(bootstrap, topic) });
    producer.child.stderr.on('data', (chunk) => {
      producerStderr += chunk;
    });
    // kcat flushes on EOF for up to message.timeout.ms (300 s by default): bound the wait.
    let timer;
    const producerExit = await Promise.race([
      producer.exited,
      new Promise((resolve) => {
        timer = setTimeout(() => {
          killGroup(producer.pid, 'SIGKILL');
          resolve({ code: null, signal: `timeout (${seconds + 30} s)` });
        }, (seconds + 30) * 1000);
      }),
    ]);
    clearTimeout(timer);
    const deadline = Date.now() + 15_000;
    while (received < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const writer = /\{"sent":(\d+),"seconds":([\d.]+)\}/.exec(producerStderr);
    const sent = writer ? Number(writer[1]) : NaN;
    const sentSeconds = writer ? Number(writer[2]) : NaN;

    const warmup = Math.min(total, Math.round(rate * warmupSeconds));
    const measured = Array.from(latencyMs.subarray(warmup)).filter((x) => !Number.isNaN(x)).sort((x, y) => x - y);
    const missing = total - received;
    const problems = [];
    if (producerExit.code !== 0) problems.push(`producer pipeline exited ${producerExit.signal ?? producerExit.code}`);
    if (sent !== total) problems.push(`writer sent ${sent} of ${total}`);
    if (missing > 0) problems.push(`${missing} of ${total} records never reached the consumer`);
    if (duplicates > 0) problems.push(`${duplicates} records consumed twice`);
    if (malformed > 0) problems.push(`${malformed} unreadable lines from the consumer`);
    for (const line of producerStderr.split('\n')) if (line !== '' && !line.startsWith('{"sent"')) problems.push(`producer kcat: ${line}`);
    return {
      topic,
      rate,
      seconds,
      warmupSeconds,
      sent,
      achievedRate: sent / sentSeconds,
      received,
      measuredRecords: measured.length,
      ok: problems.length === 0,
      p50Ms: percentile(measured, 0.5),
      p99Ms: percentile(measured, 0.99),
      p999Ms: percentile(measured, 0.999),
      maxMs: measured.length ? measured[measured.length - 1] : NaN,
      meanMs: measured.reduce((s, x) => s + x, 0) / measured.length,
      problems: problems.slice(0, 20),
    };
  } finally {
    killGroup(consumer.pid, 'SIGKILL');
    await consumer.exited;
  }
}
