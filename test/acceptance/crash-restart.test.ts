import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { checkHistory } from '../../src/engine/history/checker';

describe('a broker killed mid-stream', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps every record kcat saw acknowledged (acks=1) after SIGKILL and restart, at dense offsets', async () => {
    await createTopic(cluster.bootstrap, 'stream', { partitions: 3 });
    const records = Array.from({ length: 400_000 }, (_, i) => ({ key: `key-${i}`, value: `value-${i}-${'x'.repeat(i % 50)}` }));
    const producing = kcatProduce(cluster.bootstrap, 'stream', records, {
      idempotent: false,
      acks: 1,
      partitionCount: 3,
      // Small batches and a short delivery timeout: the kill lands mid-stream and what was in flight fails fast.
      config: { 'batch.num.messages': 500, 'linger.ms': 1, 'message.timeout.ms': 3000 },
      timeoutMs: 60_000,
    });
    // Kill once the log shows the stream is under way.
    const started = Date.now();
    while (Date.now() - started < 20_000 && !/Created log for partition stream-2/.test(cluster.stderr())) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 150));
    // SIGKILL the broker process itself (its pid is in its folder's .lock), not just the host.
    const brokerPid = Number(readFileSync(join(cluster.dataDir, 'broker-1', '.lock'), 'utf8').trim());
    process.kill(brokerPid, 'SIGKILL');
    const produced = await producing;
    expect(produced.acknowledged.length).toBeGreaterThan(0);
    expect(produced.indeterminate.length).toBeGreaterThan(0);

    await cluster.restart();
    const consumed = await kcatConsume(cluster.bootstrap, 'stream', { timeoutMs: 60_000 });
    const report = checkHistory(
      { acknowledged: produced.acknowledged, indeterminate: produced.indeterminate, reads: [consumed] },
      { requireDenseOffsets: true },
    );
    expect(report.ok, report.summary).toBe(true);
    expect(report.lost).toEqual([]);
  }, 120_000);
});
