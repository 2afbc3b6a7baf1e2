// The idempotent producer end to end, judged by independent clients: a lost produce response
// (kafkajs retries, the retry must get the original offsets); a broker SIGKILLed under idempotent
// kcat streams (recovery and the rebuilt producer state keep offsets dense, nothing twice); and one
// kcat kept alive across the crash and a restart on the same port, whose retries of batches written
// before the crash must be recognised by the producer state rebuilt from snapshot and log.
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { runKcat } from '../drivers/kcat-run';
import { createTopic, kafkajsProduce, topicOffsets } from '../drivers/kafkajs';
import { checkHistory } from '../../src/engine/history/checker';

let cluster: ClusterProcess | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('idempotent producer', () => {
  it('a kafkajs retry after a lost produce response gets the original offsets and appends nothing twice', async () => {
    const topic = 'idem-kafkajs';
    cluster = await startCluster({ brokers: 1, env: { BROKERLAB_TEST_DROP_PRODUCE_RESPONSE_ONCE: `${topic}:0:3` } });
    await createTopic(cluster.bootstrap, topic, { partitions: 1 });
    const records = Array.from({ length: 10_000 }, (_, i) => ({ key: null, value: `value-${i}`, partition: 0 }));
    const produced = await kafkajsProduce(cluster.bootstrap, topic, records, { idempotent: true, batchSize: 1_000, retries: 5 });
    const c = cluster;
    expect(c.stderr()).toMatch(/test hook: appended produce #3 to idem-kafkajs-0; closing the connection/);
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged).toHaveLength(10_000);
    // The third send was appended, its response dropped, and its retry answered 2000..2999.
    expect(produced.acknowledged.filter((w) => w.seq >= 2_000 && w.seq < 3_000).map((w) => w.offset)).toEqual(
      Array.from({ length: 1_000 }, (_, i) => 2_000 + i),
    );
    expect(await topicOffsets(c.bootstrap, topic)).toEqual([{ partition: 0, low: 0, high: 10_000 }]);
    const consumed = await kcatConsume(c.bootstrap, topic, { timeoutMs: 60_000 });
    expect(consumed).toHaveLength(10_000);
    const report = checkHistory({ acknowledged: produced.acknowledged, reads: [consumed] }, { requireDenseOffsets: true });
    expect(report.ok, report.summary).toBe(true);
  }, 120_000);

  it('a kcat stream with enable.idempotence: SIGKILL of the broker, restart, every delivered offset holds its value once, densely', async () => {
    const topic = 'idem-stream';
    cluster = await startCluster({ brokers: 1 });
    const c = cluster;
    await createTopic(c.bootstrap, topic, { partitions: 3 });
    const records = Array.from({ length: 150_000 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}-${'x'.repeat(i % 40)}` }));
    const producing = kcatProduce(c.bootstrap, topic, records, {
      idempotent: true,
      partitionCount: 3,
      config: { 'batch.num.messages': 200, 'linger.ms': 1, 'message.timeout.ms': 3_000 },
      timeoutMs: 60_000,
    });
    await waitFor('the stream to be under way', () => /Created log for partition idem-stream-2/.test(c.stderr()));
    await new Promise((r) => setTimeout(r, 300));
    await crash(c);
    const produced = await producing;
    expect(produced.acknowledged.length).toBeGreaterThan(0);
    expect(produced.indeterminate.length).toBeGreaterThan(0);
    await c.restart({ signal: 'SIGKILL' });
    // Recovery rebuilt the producer state from the log and left it in Kafka's snapshot files.
    expect(c.stderr()).toMatch(/ProducerStateManager partition=idem-stream-0\] Wrote producer snapshot at offset [1-9]/);
    expect(readdirSync(join(c.dataDir, 'broker-1', `${topic}-0`)).some((n) => /^\d{20}\.snapshot$/.test(n))).toBe(true);

    const consumed = await kcatConsume(c.bootstrap, topic, { timeoutMs: 60_000 });
    const report = checkHistory(
      { acknowledged: produced.acknowledged, indeterminate: produced.indeterminate, reads: [consumed] },
      { requireDenseOffsets: true },
    );
    expect(report.ok, report.summary).toBe(true);
    expect(report.lost).toEqual([]);
    expect(report.duplicated).toEqual([]);
  }, 180_000);

  it('a broker killed between append and response: the kcat producer, alive across the restart, has its retry recognised', async () => {
    const topic = 'idem-across';
    const port = await freePort();
    // A fixed port, so librdkafka reconnects to the restarted broker and retries what was in flight;
    // the test hook makes the broker SIGKILL itself right after appending its 50th produce.
    cluster = await startCluster({
      brokers: 1,
      extraArgs: ['--port', String(port)],
      env: { BROKERLAB_TEST_DROP_PRODUCE_RESPONSE_ONCE: `${topic}:0:50:kill` },
    });
    const c = cluster;
    await createTopic(c.bootstrap, topic, { partitions: 1 });
    const values = Array.from({ length: 80_000 }, (_, i) => `across-${i}-${'y'.repeat(i % 30)}`);
    // -E: kcat would otherwise exit when its only broker goes away.
    const producing = runKcat(
      ['-P', '-b', c.bootstrap, '-t', topic, '-p', '0', '-E', '-v', '-v', '-X', 'enable.idempotence=true', '-X', 'batch.num.messages=200', '-X', 'linger.ms=1', '-X', 'message.timeout.ms=60000'],
      { input: Buffer.from(values.join('\n') + '\n'), timeoutMs: 120_000 },
    );
    await waitFor('the broker to kill itself', () => /appended produce #50 to idem-across-0; killing this broker/.test(c.stderr()));
    await crash(c);
    // Restarted without the hook, on the same folder and port.
    const restarted = await startCluster({ brokers: 1, dataDir: c.dataDir, extraArgs: ['--port', String(port)] });
    cluster = restarted;
    expect(restarted.bootstrap).toBe(`127.0.0.1:${port}`);
    const run = await producing;
    const offsets = [...run.stderr.matchAll(/^% Message delivered to partition 0 \(offset (-?\d+)\)/gm)].map((m) => Number(m[1]));
    // Every record was delivered: the producer outlived the broker.
    expect(offsets, run.stderr.slice(-2_000)).toHaveLength(values.length);
    // What the broker said is part of the failure: a consumer cut off here once, under CI load only.
    const consumed = await kcatConsume(restarted.bootstrap, topic, { timeoutMs: 60_000 }).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- brokerlab up ---\n${restarted.stderr().slice(-4_000)}`);
    });
    const report = checkHistory(
      {
        acknowledged: values.map((value, seq) => ({ topic, partition: 0, offset: offsets[seq], key: null, value: Buffer.from(value), producer: 'kcat', seq })),
        reads: [consumed],
      },
      { requireDenseOffsets: true },
    );
    expect(report.ok, report.summary).toBe(true);
    expect(consumed).toHaveLength(values.length);
  }, 180_000);
});

/** A crash: SIGKILL to the host and its broker processes at once, then wait until the broker is really gone. */
async function crash(c: ClusterProcess): Promise<void> {
  const lock = join(c.dataDir, 'broker-1', '.lock');
  const owner = Number(readFileSync(lock, 'utf8').trim());
  c.process.killGroup('SIGKILL');
  await c.process.exited;
  await waitFor(`killed broker pid ${owner} to be reaped`, () => {
    try {
      process.kill(owner, 0);
      return false;
    } catch {
      return true;
    }
  });
}
