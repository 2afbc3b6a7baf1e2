// The kafkajs driver against librdkafka's mock cluster, cross-checked with kcat. The mock reports
// controller id 0, which is no broker, so kafkajs cannot reach a controller there: no idempotent
// producer (InitProducerId goes to the controller) and no topic admin in these tests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCluster, type MockCluster } from '../fixtures/mock-cluster';
import { kafkajsConsumeAll, kafkajsProduce, topicOffsets } from './kafkajs';
import { kcatConsume } from './kcat';
import { partitionForKey } from './partitioner';

let mock: MockCluster;
beforeAll(async () => {
  mock = await startMockCluster({ brokers: 3 });
});
afterAll(async () => {
  await mock?.stop();
});

describe('kafkajs driver on the mock cluster', () => {
  it('reports the offsets kcat reads the records at', async () => {
    const records = Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}`, headers: [['n', String(i)]] as Array<[string, string]> }));
    records.push({ key: 'k1', value: 'zstd-tail', headers: [['n', 'tail']] });
    const produced = await kafkajsProduce(mock.bootstrap, 'kjs', records, { batchSize: 7, compression: 'zstd', idempotent: false });
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged).toHaveLength(records.length);
    const partitions = (await topicOffsets(mock.bootstrap, 'kjs')).length;
    for (const ack of produced.acknowledged) expect(ack.partition).toBe(partitionForKey(ack.key!, partitions));

    const read = await kcatConsume(mock.bootstrap, 'kjs');
    expect(read).toHaveLength(records.length);
    for (const ack of produced.acknowledged) {
      const found = read.find((r) => r.partition === ack.partition && r.offset === ack.offset);
      expect(found?.value, `seq ${ack.seq}`).toEqual(ack.value);
      expect(found?.headers).toEqual([['n', Buffer.from(records[ack.seq]!.headers[0]![1])]]);
    }
  });

  it('consumes everything up to the high watermarks', async () => {
    const produced = await kafkajsProduce(mock.bootstrap, 'kjs-read', [
      { key: 'a', value: 'x' },
      { key: 'b', value: null },
      { value: 'no key', partition: 0 },
    ], { compression: 'lz4', idempotent: false });
    expect(produced.acknowledged).toHaveLength(3);
    const read = await kafkajsConsumeAll(mock.bootstrap, 'kjs-read', { timeoutMs: 20_000 });
    expect(read.map((r) => `${r.partition}/${r.offset}`).sort()).toEqual(produced.acknowledged.map((a) => `${a.partition}/${a.offset}`).sort());
    expect(read.find((r) => r.key?.toString() === 'b')?.value).toBeNull();
  });
});
