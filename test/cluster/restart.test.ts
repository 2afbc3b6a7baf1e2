// Issue 4 §1: restarting `brokerlab up` on the same folder brings back every topic, record, config and
// committed offset of a 3-broker cluster — after a clean stop and after a crash of the whole host.
import { ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { createTopic, listTopics, withAdmin } from '../drivers/kafkajs';
import { checkHistory } from '../../src/engine/history/checker';
import type { ProduceResult } from '../drivers/types';
import { startFastCluster, waitFor } from './cluster-fixture';

const TOPIC = 'kept';
const GROUP = 'kept-readers';
const TOPIC_CONFIGS = { 'min.insync.replicas': '2', 'retention.ms': '123456789', 'max.message.bytes': '524288', 'cleanup.policy': 'delete' };
const COMMITTED = [
  { partition: 0, offset: '17' },
  { partition: 1, offset: '5' },
  { partition: 2, offset: '40' },
];

const records = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ key: `${tag}-${i % 31}`, value: `${tag}-${i}` }));

async function topicConfigs(bootstrap: string): Promise<Record<string, string>> {
  const described = await withAdmin(bootstrap, (admin) =>
    admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: Object.keys(TOPIC_CONFIGS) }] }),
  );
  return Object.fromEntries(described.resources[0]!.configEntries.map((e) => [e.configName, e.configValue]));
}

async function committedOffsets(bootstrap: string) {
  const fetched = await withAdmin(bootstrap, (admin) => admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }));
  return fetched[0]!.partitions.map((p) => ({ partition: p.partition, offset: p.offset })).sort((a, b) => a.partition - b.partition);
}

describe('a 3-broker cluster restarted on the same folder', () => {
  let cluster: ClusterProcess;
  const produced: ProduceResult[] = [];

  beforeAll(async () => {
    cluster = await startFastCluster(3);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  const expectEverythingBack = async () => {
    expect(await listTopics(cluster.bootstrap)).toContain(TOPIC);
    expect(await topicConfigs(cluster.bootstrap)).toEqual(TOPIC_CONFIGS);
    // The group's offsets live in __consumer_offsets: its coordinator must have loaded them again.
    await waitFor('the committed offsets', () => committedOffsets(cluster.bootstrap).catch(() => []), (o) => o.length === 3, 20_000);
    expect(await committedOffsets(cluster.bootstrap)).toEqual(COMMITTED);
    const consumed = await kcatConsume(cluster.bootstrap, TOPIC, { timeoutMs: 30_000 });
    const report = checkHistory(
      { acknowledged: produced.flatMap((p) => p.acknowledged), indeterminate: produced.flatMap((p) => p.indeterminate), reads: [consumed] },
      { requireDenseOffsets: true },
    );
    expect(report.ok, report.summary).toBe(true);
    expect(consumed.length).toBe(produced.reduce((n, p) => n + p.acknowledged.length, 0));
  };

  it('keeps topics, records, topic configs and committed offsets across a clean stop and start', async () => {
    await createTopic(cluster.bootstrap, TOPIC, { partitions: 3, replicationFactor: 3, configs: TOPIC_CONFIGS });
    produced.push(await kcatProduce(cluster.bootstrap, TOPIC, records(600, 'a'), { producer: 'kcat-a', partitionCount: 3, timeoutMs: 30_000 }));
    expect(produced[0]!.acknowledged.length).toBe(600);
    await withAdmin(cluster.bootstrap, (admin) => admin.setOffsets({ groupId: GROUP, topic: TOPIC, partitions: COMMITTED }));
    expect(await committedOffsets(cluster.bootstrap)).toEqual(COMMITTED);

    await cluster.restart();
    await expectEverythingBack();
  }, 120_000);

  it('keeps them too when the host and every broker are SIGKILLed, and the restarted cluster takes new writes', async () => {
    await cluster.restart({ signal: 'SIGKILL' });
    await expectEverythingBack();
    produced.push(await kcatProduce(cluster.bootstrap, TOPIC, records(300, 'b'), { producer: 'kcat-b', partitionCount: 3, timeoutMs: 30_000 }));
    expect(produced[1]!.acknowledged.length).toBe(300);
    await expectEverythingBack();
  }, 120_000);
});
