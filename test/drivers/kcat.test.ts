// The kcat driver against librdkafka's mock cluster: what it reports must match what is stored.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCluster, MOCK_DEFAULT_PARTITIONS, type MockCluster } from '../fixtures/mock-cluster';
import { kcatConsume, kcatMetadata, kcatProduce, parseKcatJsonLines } from './kcat';
import { partitionForKey } from './partitioner';

let mock: MockCluster;
beforeAll(async () => {
  mock = await startMockCluster({ brokers: 3 });
});
afterAll(async () => {
  await mock?.stop();
});

const allBytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

describe('kcat driver on the mock cluster', () => {
  it('reads metadata', async () => {
    const meta = await kcatMetadata(mock.bootstrap, { topic: 'meta-topic' });
    expect(meta.brokers.map((b) => b.id).sort()).toEqual([1, 2, 3]);
    expect(meta.brokers.map((b) => b.port).sort()).toEqual(mock.brokers.map((b) => b.port).sort());
    const topic = meta.topics.find((t) => t.topic === 'meta-topic')!;
    expect(topic.partitions).toHaveLength(MOCK_DEFAULT_PARTITIONS);
    expect(topic.partitions[0]!.replicas).toHaveLength(3);
  });

  it('produces with delivery reports and consumes the same bytes back', async () => {
    const records = [
      { key: 'alpha', value: 'one' },
      { key: allBytes, value: Buffer.concat([allBytes, Buffer.from('\n:~K~M\n')]) },
      { key: 'alpha', value: 'two' },
      { key: 'beta', value: 'line\nbreak' },
      { key: 'é✓', value: '' },
      { key: 'alpha', value: 'three' },
    ];
    const produced = await kcatProduce(mock.bootstrap, 'roundtrip', records, { compression: 'lz4', headers: [['trace', 'abc'], ['flag', null]] });
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged.map((a) => a.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const ack of produced.acknowledged) {
      expect(ack.partition).toBe(partitionForKey(ack.key!, MOCK_DEFAULT_PARTITIONS));
    }
    // Same key, same partition, offsets in send order.
    const alpha = produced.acknowledged.filter((a) => a.key!.toString() === 'alpha');
    expect(new Set(alpha.map((a) => a.partition)).size).toBe(1);
    expect(alpha.map((a) => a.offset)).toEqual([...alpha.map((a) => a.offset)].sort((x, y) => x - y));

    const consumed = await kcatConsume(mock.bootstrap, 'roundtrip');
    expect(consumed).toHaveLength(records.length);
    for (const ack of produced.acknowledged) {
      const found = consumed.find((c) => c.partition === ack.partition && c.offset === ack.offset)!;
      expect(found, `record ${ack.seq}`).toBeDefined();
      expect(found.key).toEqual(ack.key);
      expect(found.value).toEqual(ack.value);
      expect(found.headers).toEqual([['trace', Buffer.from('abc')], ['flag', null]]);
      expect(found.timestamp).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(consumed.find((c) => c.value?.equals(records[1]!.value as Buffer))).toBeDefined();
  });

  it('sends null keys and tombstones to one explicit partition, in order', async () => {
    const records = [
      { key: null, value: 'no key' },
      { key: 'k', value: null },
      { value: 'also no key' },
    ];
    const produced = await kcatProduce(mock.bootstrap, 'nulls', records, { partition: 2 });
    expect(produced.acknowledged.map((a) => [a.partition, a.offset])).toEqual([[2, 0], [2, 1], [2, 2]]);
    const consumed = await kcatConsume(mock.bootstrap, 'nulls', { partition: 2 });
    expect(consumed.map((c) => [c.key?.toString() ?? null, c.value?.toString() ?? null])).toEqual([
      [null, 'no key'],
      ['k', null],
      [null, 'also no key'],
    ]);
    await expect(kcatProduce(mock.bootstrap, 'nulls', [{ key: null, value: '' }], { partition: 0 })).rejects.toThrow(/empty key or value/);
  });

  it('reports failed deliveries as indeterminate', async () => {
    const produced = await kcatProduce(mock.bootstrap, 'failing', [{ value: 'a' }, { value: 'b' }], { partition: 99 });
    expect(produced.acknowledged).toEqual([]);
    // librdkafka either reports each message as failed or, when it learns first that the partition
    // does not exist, exits before any report: both leave the writes indeterminate with the reason.
    expect(produced.indeterminate.map((w) => [w.seq, w.partition])).toEqual([
      [0, 99],
      [1, 99],
    ]);
    for (const w of produced.indeterminate) expect(w.error).toMatch(/Local: Unknown partition|no delivery report .* exited with code 1/);
  });

  it('ends kcat at the deadline and marks unreported records indeterminate', async () => {
    // A listener that accepts and never answers: kcat would wait for its ApiVersions reply for a minute.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const boot = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const started = Date.now();
      const produced = await kcatProduce(boot, 'nowhere', [{ value: 'x' }, { value: 'y' }], { partition: 0, timeoutMs: 700 });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(produced.acknowledged).toEqual([]);
      expect(produced.indeterminate.map((w) => [w.seq, w.error])).toEqual([
        [0, 'kcat timed out'],
        [1, 'kcat timed out'],
      ]);
      await expect(kcatConsume(boot, 'nowhere', { timeoutMs: 700 })).rejects.toThrow(/kcat -C .* timed out/);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });
});

describe('parseKcatJsonLines', () => {
  it('decodes escapes and raw high bytes losslessly', () => {
    const line = Buffer.concat([
      Buffer.from('{"topic":"t","partition":1,"offset":7,"tstype":"create","ts":5,"broker":1,"headers":["h","\\u0000\\n"],"key":"\\u0001'),
      Buffer.from([0xff, 0xc3, 0xa9]),
      Buffer.from('","payload":null}\n'),
    ]);
    expect(parseKcatJsonLines(line)).toEqual([
      { topic: 't', partition: 1, offset: 7, timestamp: 5, key: Buffer.from([1, 0xff, 0xc3, 0xa9]), value: null, headers: [['h', Buffer.from([0, 10])]] },
    ]);
  });
});
