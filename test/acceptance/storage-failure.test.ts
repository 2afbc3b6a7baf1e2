// A full data folder: producers get KAFKA_STORAGE_ERROR, the folder goes offline as a whole, the
// broker keeps answering, and after the fault is removed recovery finds every acknowledged record
// and nothing corrupt. The folder is a small tmpfs mounted for the test, so it needs root.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatMetadata } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import { KafkaClient } from '../../src/engine/client/kafka-client';
import { Producer } from '../../src/engine/client/producer';

function tryMount(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const dataDir = makeTempDir();
const brokerDir = join(dataDir, 'broker-1');
mkdirSync(brokerDir, { recursive: true });
const mounted = process.getuid?.() === 0 && tryMount(brokerDir, '3m');

describe.skipIf(!mounted)('a full data folder (tmpfs of 3 MiB; skipped unless root can mount)', () => {
  let cluster: ClusterProcess | undefined;

  afterAll(async () => {
    await cluster?.stop();
    try {
      execFileSync('umount', [brokerDir], { stdio: 'ignore' });
    } catch {
      // Already unmounted.
    }
  });

  it('answers KAFKA_STORAGE_ERROR, takes the folder offline, and loses no acknowledged record', async () => {
    cluster = await startCluster({ brokers: 1, dataDir });
    await createTopic(cluster.bootstrap, 'filling', { partitions: 2 });
    const client = new KafkaClient({ bootstrap: cluster.bootstrap, retries: 0 });
    const producer = new Producer(client);
    const acked: { partition: number; offset: number; value: string }[] = [];
    let failure: unknown;
    try {
      for (let i = 0; i < 400 && failure === undefined; i++) {
        const values = Array.from({ length: 32 }, (_, j) => `${i}-${j}-${'x'.repeat(1000)}`);
        try {
          const [batch] = await producer.send('filling', values.map((value) => ({ partition: 0, value })), { acks: 1 });
          values.forEach((value, j) => acked.push({ partition: 0, offset: batch.baseOffset + j, value }));
        } catch (err) {
          failure = err;
        }
      }
      expect(failure).toMatchObject({ name: 'KAFKA_STORAGE_ERROR' });
      expect(acked.length).toBeGreaterThan(0);
      // The whole folder is offline: the other partition refuses writes too, and the broker still answers.
      await expect(producer.send('filling', [{ partition: 1, value: 'after' }], { acks: 1 })).rejects.toMatchObject({ name: 'KAFKA_STORAGE_ERROR' });
      expect((await kcatMetadata(cluster.bootstrap)).brokers).toHaveLength(1);
      expect(cluster.stderr()).toMatch(/Log directory .* is offline/);
    } finally {
      await client.close();
    }

    await cluster.stop();
    execFileSync('mount', ['-o', 'remount,size=64m', brokerDir], { stdio: 'ignore' });
    await cluster.restart();
    const read = await kcatConsume(cluster.bootstrap, 'filling', { partition: 0, timeoutMs: 30_000 });
    const byOffset = new Map(read.map((r) => [r.offset, r.value?.toString()]));
    const missing = acked.filter((a) => byOffset.get(a.offset) !== a.value);
    expect(missing.slice(0, 3)).toEqual([]);
    // Offsets stay dense after recovery cut whatever half-written batch the full disk left.
    expect(read.map((r) => r.offset)).toEqual(read.map((_, i) => i));
  }, 90_000);
});
