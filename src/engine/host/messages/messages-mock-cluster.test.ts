// messages:read and messages:produce against librdkafka's mock cluster, an independent Kafka: the
// console reads and writes there as on the embedded cluster, and engine-only facts are absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kcatConsume, kcatProduce } from '../../../../test/drivers/kcat';
import { startMockCluster, MOCK_DEFAULT_PARTITIONS, type MockCluster } from '../../../../test/fixtures/mock-cluster';
import { CONSOLE_CHANNELS, type ConsoleChannel, type RequestOf, type ResponseOf } from '../../../shared/console-api';
import { createMemoryLogger } from '../../logger';
import { ConsoleService } from '../console-service';

let mock: MockCluster;
let service: ConsoleService;

async function call<C extends ConsoleChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return service.call(channel, (CONSOLE_CHANNELS[channel].validate as (v: unknown, p: string) => RequestOf<C>)(request, 'request'));
}

beforeAll(async () => {
  mock = await startMockCluster({ brokers: 3 });
  service = new ConsoleService({ engine: null, externalBootstrap: mock.bootstrap, logger: createMemoryLogger(), client: { requestTimeoutMs: 10_000 } });
});
afterAll(async () => {
  await service?.close();
  await mock?.stop();
});

describe('against librdkafka’s mock cluster', () => {
  it('reads what kcat produced, with batch facts; no engine-only facts', async () => {
    const topic = 'mock-orders';
    const produced = await kcatProduce(mock.bootstrap, topic, [{ key: 'k1', value: 'v1'.repeat(100) }, { key: 'k2', value: 'v2'.repeat(100) }], { partition: 2, compression: 'gzip', headers: [['h', 'x']] });
    expect(produced.acknowledged).toHaveLength(2);
    const read = await call('messages:read', { topic, partitions: [2], start: { kind: 'earliest' } });
    expect(read.records.map((r) => [r.partition, r.offset, r.key?.text, r.value?.text, r.headers.map((h) => [h.key, h.value?.text])])).toEqual(
      produced.acknowledged.map((a) => [2, a.offset, a.key!.toString(), a.value!.toString(), [['h', 'x']]]),
    );
    expect(read.records[0]!.batch).toMatchObject({ baseOffset: produced.acknowledged[0]!.offset, recordCount: 2, compression: 'gzip', control: false });
    expect(read.records[0]!.batch.producerId).toEqual(expect.any(Number));
    expect(read.partitions).toEqual([expect.objectContaining({ partition: 2, leaderLogDir: null, records: 2 })]);
  });

  it('produces a record kcat reads back; partition-for-key answers for the mock’s partitions', async () => {
    const topic = 'mock-orders';
    const answer = await call('messages:produce', { topic, partition: 1, key: { format: 'text', data: 'p' }, value: { format: 'json', data: '{"a":1}' }, timestamp: 1_700_000_000_000 });
    const [back] = await kcatConsume(mock.bootstrap, topic, { partition: 1, offset: answer.offset, count: 1 });
    // The mock answers every produce with LogAppendTime 1234 (rdkafka_mock_handlers.c), where Kafka
    // sends -1 for a CreateTime topic: the record itself keeps the time we sent.
    expect([back!.key?.toString(), back!.value?.toString(), back!.timestamp]).toEqual(['p', '{"a":1}', 1_700_000_000_000]);
    const forKey = await call('messages:partition-for-key', { topic, key: { format: 'text', data: 'p' } });
    expect(forKey.partitions).toBe(MOCK_DEFAULT_PARTITIONS);
  });
});
