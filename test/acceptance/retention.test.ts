// Retention in a real broker process: retention.ms (by each segment's largest record timestamp)
// and retention.bytes delete whole old segments on the log.retention.check.interval.ms timer, the
// log start offset moves, a fetch below it is refused, and the `.deleted` files go after
// file.delete.delay.ms. Time-driven detail (exact boundaries, the high watermark guard, the
// ManualClock) is in src/engine/storage/log-retention.test.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKER_CONFIGS_BY_NAME } from '../../src/engine/controller/broker-configs';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createKafka, createTopic, topicOffsets } from '../drivers/kafkajs';
import { kcatConsume } from '../drivers/kcat';
import { runKcat } from '../drivers/kcat-run';

const CHECK_INTERVAL = 'log.retention.check.interval.ms';
const HOUR = 3_600_000;

async function waitFor<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read();
  }
  return last;
}

// The CLI accepts only broker configs it knows; until log.retention.check.interval.ms is one of
// them the broker keeps Kafka's 5 minute interval and this test cannot run in reasonable time.
describe.skipIf(!BROKER_CONFIGS_BY_NAME.has(CHECK_INTERVAL))('retention in a broker process', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1, extraArgs: ['--config', `${CHECK_INTERVAL}=200`] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const segmentFiles = (topic: string) => readdirSync(join(cluster.dataDir, 'broker-1', `${topic}-0`)).filter((f) => /^\d{20}\.log/.test(f)).sort();

  /** One record per batch, so small segments fill up batch by batch. */
  async function produce(topic: string, timestamps: number[]): Promise<void> {
    const producer = createKafka(cluster.bootstrap).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      for (const [i, ts] of timestamps.entries()) {
        await producer.send({ topic, acks: -1, messages: [{ partition: 0, value: `record-${i}-${'x'.repeat(200)}`, timestamp: String(ts) }] });
      }
    } finally {
      await producer.disconnect();
    }
  }

  it('deletes segments older than retention.ms and refuses fetches below the new log start', async () => {
    // Retention starts only once every record is in: while the old records were still arriving, a
    // check could find the active segment all old and roll it early (Kafka's rule), moving the
    // boundaries this test counts on.
    const configs = { 'retention.ms': String(100 * HOUR), 'segment.bytes': '1000', 'file.delete.delay.ms': '300' };
    expect(await createTopic(cluster.bootstrap, 'aging', { configs })).toBe(true);
    const now = Date.now();
    // 12 records two hours old (several full segments), then 3 recent ones.
    await produce('aging', [...Array.from({ length: 12 }, () => now - 2 * HOUR), now, now, now]);
    const admin = createKafka(cluster.bootstrap).admin();
    await admin.connect();
    try {
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'aging', configEntries: [{ name: 'retention.ms', value: String(HOUR) }, { name: 'segment.bytes', value: '1000' }, { name: 'file.delete.delay.ms', value: '300' }] }] });
    } finally {
      await admin.disconnect();
    }

    // ~280-byte batches in 1000-byte segments: [0-2] [3-5] [6-8] [9-11] hold only old records and
    // go; [12-14] is recent and stays.
    const [{ low, high }] = await waitFor('the old segments to go', () => topicOffsets(cluster.bootstrap, 'aging'), ([p]) => p.low >= 12);
    expect([low, high]).toEqual([12, 15]);
    const files = await waitFor('the .deleted files to go', () => segmentFiles('aging'), (f) => f.every((name) => !name.endsWith('.deleted')));
    expect(files).toEqual(['00000000000000000012.log']);

    const left = await kcatConsume(cluster.bootstrap, 'aging', { partition: 0 });
    expect(left.map((r) => r.offset)).toEqual(Array.from({ length: 15 - low }, (_, i) => low + i));
    const below = await runKcat(['-C', '-b', cluster.bootstrap, '-t', 'aging', '-p', '0', '-o', '0', '-e', '-X', 'auto.offset.reset=error'], { timeoutMs: 30_000 });
    expect(below.stderr).toMatch(/offset out of range/i);
  });

  it('keeps a log near retention.bytes by deleting its oldest segments', async () => {
    // As above: the limit applies once every record is in, so no check runs halfway through.
    const configs = { 'segment.bytes': '1000', 'file.delete.delay.ms': '0' };
    expect(await createTopic(cluster.bootstrap, 'capped', { configs })).toBe(true);
    await produce('capped', Array.from({ length: 20 }, () => Date.now()));
    const admin = createKafka(cluster.bootstrap).admin();
    await admin.connect();
    try {
      await admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'capped', configEntries: [{ name: 'retention.bytes', value: '2000' }, { name: 'segment.bytes', value: '1000' }, { name: 'file.delete.delay.ms', value: '0' }] }] });
    } finally {
      await admin.disconnect();
    }
    const [{ low, high }] = await waitFor('the log to shrink', () => topicOffsets(cluster.bootstrap, 'capped'), ([p]) => p.low > 0);
    expect(high).toBe(20);
    const remaining = await kcatConsume(cluster.bootstrap, 'capped', { partition: 0 });
    expect(remaining[0].offset).toBe(low);
    // Records are ~270 bytes on disk: what is left is within one segment of the limit.
    expect(remaining.length).toBeLessThan(16);
    expect(remaining.length).toBeGreaterThanOrEqual(4);
  });
});
