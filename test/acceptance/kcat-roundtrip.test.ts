import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { kcatConsume, kcatMetadata, kcatProduce, type Codec } from '../drivers/kcat';
import { createTopic } from '../drivers/kafkajs';
import type { AckedWrite, ConsumedRecord, ProduceRecord } from '../drivers/types';
import { storedBatchCodecs } from './on-disk';

const HEADERS: Array<[string, string | null]> = [
  ['trace-id', 'abc-123'],
  ['empty', ''],
  ['utf8', 'grüße ✓'],
];

/** Keys and values with bytes of every kind, so a codec or framing bug cannot hide. */
function makeRecords(n: number, tag: string): ProduceRecord[] {
  return Array.from({ length: n }, (_, i) => {
    // A text part that compresses (librdkafka sends a batch uncompressed when compression does not
    // shrink it) and a binary tail with every byte value class.
    const text = Buffer.from(`${tag}-${i}-${'payload-'.repeat(4 + (i % 8))}`);
    const binary = Buffer.from([0, 10, 13, 255, i & 0xff, (i >> 8) & 0xff, 0x7f, 0x80]);
    const value = Buffer.concat([text, binary]);
    return { key: `key-${tag}-${i % 5000}`, value };
  });
}

function byPosition(records: ConsumedRecord[]): Map<string, ConsumedRecord> {
  return new Map(records.map((r) => [`${r.partition}:${r.offset}`, r]));
}

/** Compares in plain code and asserts once: a per-record expect costs more than the broker does. */
function expectExactlyAcknowledged(acked: AckedWrite[], consumed: ConsumedRecord[]): void {
  expect(consumed.length).toBe(acked.length);
  const read = byPosition(consumed);
  const wantHeaders = JSON.stringify(HEADERS);
  const mismatches: string[] = [];
  for (const write of acked) {
    const at = `${write.partition}:${write.offset}`;
    const got = read.get(at);
    if (!got) mismatches.push(`${at}: missing`);
    else if (!got.key?.equals(write.key ?? Buffer.alloc(0))) mismatches.push(`${at}: key differs`);
    else if (!got.value?.equals(write.value ?? Buffer.alloc(0))) mismatches.push(`${at}: value differs`);
    else if (JSON.stringify(got.headers.map(([k, v]) => [k, v?.toString('utf8') ?? null])) !== wantHeaders) {
      mismatches.push(`${at}: headers differ`);
    }
  }
  expect(mismatches.slice(0, 10)).toEqual([]);
  // Offsets of each partition are dense from 0.
  const perPartition = new Map<number, number[]>();
  for (const r of consumed) {
    const list = perPartition.get(r.partition) ?? [];
    list.push(r.offset);
    perPartition.set(r.partition, list);
  }
  for (const [partition, offsets] of perPartition) {
    const gaps = offsets.filter((o, i) => o !== i);
    expect(gaps.slice(0, 5), `partition ${partition} offsets are dense from 0`).toEqual([]);
  }
}

describe('kcat against one broker', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('lists brokers and topics with -L', async () => {
    await createTopic(cluster.bootstrap, 'listed', { partitions: 2 });
    const meta = await kcatMetadata(cluster.bootstrap);
    expect(meta.brokers).toEqual([{ id: 1, host: '127.0.0.1', port: cluster.brokers[0].port }]);
    expect(meta.controllerId).toBe(1);
    const listed = meta.topics.find((t) => t.topic === 'listed');
    expect(listed?.partitions.map((p) => [p.partition, p.leader, p.replicas, p.isrs])).toEqual([
      [0, 1, [1], [1]],
      [1, 1, [1], [1]],
    ]);
  });

  it('reads back 100,000 keyed records with headers byte for byte in key, value, headers, partition and offset', async () => {
    await createTopic(cluster.bootstrap, 'plain', { partitions: 3 });
    const records = makeRecords(100_000, 'plain');
    const produced = await kcatProduce(cluster.bootstrap, 'plain', records, {
      idempotent: false,
      partitionCount: 3,
      headers: HEADERS,
      timeoutMs: 60_000,
    });
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged.length).toBe(100_000);
    const consumed = await kcatConsume(cluster.bootstrap, 'plain', { timeoutMs: 60_000 });
    expectExactlyAcknowledged(produced.acknowledged, consumed);
  }, 120_000);

  // librdkafka 2.0.2 enables LZ4 only when FindCoordinator v0 is advertised, as it now is.
  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as Codec[]) {
    it(`stores ${codec} batches compressed and reads them back exactly`, async () => {
      const topic = `compressed-${codec}`;
      await createTopic(cluster.bootstrap, topic, { partitions: 3 });
      const produced = await kcatProduce(cluster.bootstrap, topic, makeRecords(100_000, codec), {
        idempotent: false,
        partitionCount: 3,
        headers: HEADERS,
        compression: codec,
        timeoutMs: 60_000,
      });
      expect(produced.indeterminate).toEqual([]);
      const consumed = await kcatConsume(cluster.bootstrap, topic, { timeoutMs: 60_000 });
      expectExactlyAcknowledged(produced.acknowledged, consumed);
      const codecId = { gzip: 1, snappy: 2, lz4: 3, zstd: 4 }[codec as 'gzip'];
      for (let p = 0; p < 3; p++) {
        const stored = storedBatchCodecs(join(cluster.dataDir, 'broker-1', `${topic}-${p}`));
        expect(stored.length).toBeGreaterThan(0);
        expect(new Set(stored)).toEqual(new Set([codecId]));
      }
    }, 120_000);
  }

  it('seeks by timestamp with -o s@TS', async () => {
    await createTopic(cluster.bootstrap, 'timed', { partitions: 1 });
    const before = await kcatProduce(cluster.bootstrap, 'timed', makeRecords(50, 'before'), { idempotent: false, partition: 0 });
    expect(before.acknowledged.length).toBe(50);
    await new Promise((r) => setTimeout(r, 30));
    const seekTo = Date.now();
    await new Promise((r) => setTimeout(r, 30));
    const after = await kcatProduce(cluster.bootstrap, 'timed', makeRecords(20, 'after'), { idempotent: false, partition: 0 });
    const consumed = await kcatConsume(cluster.bootstrap, 'timed', { offset: `s@${seekTo}` });
    expect(consumed.map((r) => r.offset)).toEqual(after.acknowledged.map((w) => w.offset));
    expect(consumed[0].offset).toBe(50);
    expect(consumed.every((r) => r.timestamp >= seekTo)).toBe(true);
  });
});
