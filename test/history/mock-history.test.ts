// The whole harness on an independent cluster: two clients write, two clients read, the checker
// must find a clean history (librdkafka's mock cluster does not lose or reorder acknowledged writes).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kafkajsConsumeAll, kafkajsProduce } from '../drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import { startMockCluster, type MockCluster } from '../fixtures/mock-cluster';
import { checkHistory } from '../../src/engine/history/checker';

let mock: MockCluster;
beforeAll(async () => {
  mock = await startMockCluster({ brokers: 3 });
});
afterAll(async () => {
  await mock?.stop();
});

it('finds a clean history of kcat and kafkajs writes on the mock cluster', async () => {
  const topic = 'history';
  const batch = (who: string) => Array.from({ length: 60 }, (_, i) => ({ key: `key-${i % 7}`, value: `${who}-${i}` }));
  const [fromKcat, fromKafkajs] = await Promise.all([
    kcatProduce(mock.bootstrap, topic, batch('kcat'), { producer: 'kcat', compression: 'snappy' }),
    kafkajsProduce(mock.bootstrap, topic, batch('kafkajs'), { producer: 'kafkajs', idempotent: false, batchSize: 10, compression: 'gzip' }),
  ]);
  const reads = [await kcatConsume(mock.bootstrap, topic), await kafkajsConsumeAll(mock.bootstrap, topic)];
  const report = checkHistory({
    acknowledged: [...fromKcat.acknowledged, ...fromKafkajs.acknowledged],
    indeterminate: [...fromKcat.indeterminate, ...fromKafkajs.indeterminate],
    reads,
  });
  expect(report.ok, report.summary).toBe(true);
  expect(report.denseOffsets).toBe(true);
  expect(fromKcat.acknowledged.length + fromKafkajs.acknowledged.length).toBe(120);
  expect(reads[0]).toHaveLength(120);
});
