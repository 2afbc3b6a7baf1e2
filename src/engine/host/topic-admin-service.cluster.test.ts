// The topic detail channels against a real cluster: configs and their sources, IncrementalAlterConfigs
// with Kafka's refusals on the field, CreatePartitions (a decrease refused with Kafka's reason),
// DeleteRecords, and each replica's size from DescribeLogDirs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicOffsets } from '../../../test/drivers/kafkajs';
import { startCluster } from '../../../test/fixtures/processes';
import { createMemoryLogger } from '../logger';
import { ConsoleService } from './console-service';
import { startMessagesTarget, type MessagesTarget } from './messages/test-support/messages-target';

let t: MessagesTarget;
const topic = 'detail';
beforeAll(async () => {
  t = await startMessagesTarget();
  await t.call('topics:create', { name: topic, partitions: 2, replicationFactor: 1 });
  await t.backend.produce(topic, 0, 10);
});
afterAll(async () => {
  await t?.close();
});

describe('topic detail', () => {
  it('every config with its value and source; an edit makes it dynamic, a delete returns it to the default', async () => {
    const before = await t.call('topics:configs', { name: topic });
    const retention = before.configs.find((c) => c.name === 'retention.ms')!;
    expect(retention).toMatchObject({ source: 'default', kafkaSource: 'DEFAULT_CONFIG', readOnly: false, sensitive: false });
    expect(before.configs.length).toBeGreaterThan(20);

    const after = await t.call('topics:alter-configs', { name: topic, set: { 'retention.ms': '3600000' } });
    expect(after.configs.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '3600000', source: 'dynamic', kafkaSource: 'DYNAMIC_TOPIC_CONFIG' });
    const reset = await t.call('topics:alter-configs', { name: topic, delete: ['retention.ms'] });
    expect(reset.configs.find((c) => c.name === 'retention.ms')).toMatchObject({ source: 'default', value: retention.value });
  });

  it("Kafka's validation errors land on the fields they concern; nothing is changed", async () => {
    const refused = await t.refusal('topics:alter-configs', { name: topic, set: { 'retention.ms': 'soon', 'cleanup.policy': 'sometimes', 'segment.ms': '600000' } });
    expect(refused.name).toBe('INVALID_CONFIG');
    const fields = (refused as unknown as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['cleanup.policy', 'retention.ms']);
    expect(fields['retention.ms']).toMatch(/^INVALID_CONFIG: .*retention\.ms/);
    const configs = await t.call('topics:configs', { name: topic });
    expect(configs.configs.find((c) => c.name === 'segment.ms')?.source).toBe('default');
  });

  it('partitions grow; a decrease is refused with Kafka’s reason', async () => {
    expect(await t.call('topics:add-partitions', { name: topic, totalCount: 3 })).toEqual({ name: topic, partitions: 3 });
    const refused = await t.refusal('topics:add-partitions', { name: topic, totalCount: 2 });
    expect(refused.name).toBe('INVALID_PARTITIONS');
    expect(refused.message).toMatch(/3/);
    expect((await t.call('topics:describe', { name: topic })).partitions).toHaveLength(3);
  });

  it('DeleteRecords before an offset moves the log start; kafkajs sees the new low watermark', async () => {
    expect(await t.call('topics:delete-records', { name: topic, before: { 0: 4 } })).toEqual({ name: topic, partitions: [{ partition: 0, lowWatermark: 4 }] });
    const offsets = await topicOffsets(t.bootstrap, topic);
    expect(offsets.find((o) => o.partition === 0)).toMatchObject({ low: 4, high: 10 });
    expect((await t.refusal('topics:delete-records', { name: topic, before: { 0: 99 } })).name).toBe('OFFSET_OUT_OF_RANGE');
    expect((await t.refusal('topics:delete-records', { name: topic, before: { 7: 1 } })).name).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it("each replica's size on disk from DescribeLogDirs", async () => {
    const dirs = await t.call('topics:log-dirs', { name: topic });
    expect(dirs.brokerErrors).toEqual([]);
    expect(dirs.replicas.map((r) => [r.broker, r.partition])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(dirs.replicas[0]!.size).toBeGreaterThan(0);
    expect(dirs.replicas[0]!.logDir).toBe(`${t.backend.embedded.dataDir}/broker-1`);
    expect(dirs.totalBytes).toBe(dirs.replicas.reduce((n, r) => n + r.size, 0));
  });
});

describe('topic detail on three brokers', () => {
  it('DescribeLogDirs lists every replica on its broker; a read reports a partition whose broker died and reads the rest', async () => {
    const cluster = await startCluster({ brokers: 3 });
    const service = new ConsoleService({ engine: null, externalBootstrap: cluster.bootstrap, logger: createMemoryLogger() });
    try {
      await service.call('topics:create', { name: 'replicated', partitions: 2, replicationFactor: 3 });
      await service.call('messages:produce', { topic: 'replicated', partition: 1, value: { format: 'text', data: 'x'.repeat(1000) } });
      const deadline = Date.now() + 15_000;
      let dirs = await service.call('topics:log-dirs', { name: 'replicated' });
      // Followers fetch the record shortly after the leader appended it.
      while (dirs.replicas.filter((r) => r.partition === 1 && r.size > 1000).length < 3 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        dirs = await service.call('topics:log-dirs', { name: 'replicated' });
      }
      expect(dirs.replicas.map((r) => [r.partition, r.broker])).toEqual([
        [0, 1],
        [0, 2],
        [0, 3],
        [1, 1],
        [1, 2],
        [1, 3],
      ]);
      expect(dirs.replicas.filter((r) => r.partition === 1).every((r) => r.size > 1000 && r.logDir.endsWith(`broker-${r.broker}`))).toBe(true);
      expect(dirs.replicas.filter((r) => r.partition === 0).map((r) => r.size)).toEqual([0, 0, 0]);
      // External connection: no engine-only facts in a read.
      const read = await service.call('messages:read', { topic: 'replicated', start: { kind: 'earliest' } });
      expect(read.partitions.map((p) => p.leaderLogDir)).toEqual([null, null]);

      // A partition whose only broker is killed is reported with its error; the others are read.
      await service.call('topics:create', { name: 'fragile', partitions: 3, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } });
      for (const partition of [0, 1, 2]) await service.call('messages:produce', { topic: 'fragile', partition, value: { format: 'text', data: `p${partition}` } });
      const before = await service.call('topics:describe', { name: 'fragile' });
      const victim = before.partitions[0]!.leader;
      process.kill(Number(readFileSync(join(cluster.dataDir, `broker-${victim}`, '.lock'), 'utf8').trim()), 'SIGKILL');
      const lost = new Set(before.partitions.filter((p) => p.leader === victim).map((p) => p.partition));
      const until = Date.now() + 20_000;
      let after = await service.call('messages:read', { topic: 'fragile', start: { kind: 'earliest' } });
      while (after.partitions.some((p) => lost.has(p.partition) && p.error === null) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        after = await service.call('messages:read', { topic: 'fragile', start: { kind: 'earliest' } });
      }
      expect(after.partitions.filter((p) => p.error !== null).map((p) => p.partition)).toEqual([...lost].sort());
      expect(after.records.map((r) => r.partition).sort()).toEqual([0, 1, 2].filter((p) => !lost.has(p)));
    } finally {
      await service.close();
      await cluster.stop();
    }
  });
});
