// Log compaction in a real broker process: a compacted topic with small segments and a short
// log.cleaner.backoff.ms, many updates per key produced with kcat, then — polled within a bounded
// time — a consumer reads only the latest record per key below the active segment, every offset
// it reads is an offset that was acknowledged with that very record, and the active segment is
// untouched. Model-level detail (tombstones, delete horizons, crash during the swap) is in
// src/engine/storage/log-cleaner*.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKER_CONFIGS_BY_NAME } from '../../src/engine/controller/broker-configs';
import { startCluster, type ClusterProcess } from '../fixtures/processes';
import { createTopic } from '../drivers/kafkajs';
import { kcatConsume, kcatProduce } from '../drivers/kcat';
import type { AckedWrite, ConsumedRecord } from '../drivers/types';

const BACKOFF = 'log.cleaner.backoff.ms';

describe.skipIf(!BROKER_CONFIGS_BY_NAME.has(BACKOFF))('log compaction in a broker process', () => {
  let cluster: ClusterProcess;

  beforeAll(async () => {
    cluster = await startCluster({ brokers: 1, extraArgs: ['--config', `${BACKOFF}=200`] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps only the latest record per key below the active segment', async () => {
    const topic = 'compacted';
    const partitionDir = join(cluster.dataDir, 'broker-1', `${topic}-0`);
    const configs = { 'cleanup.policy': 'compact', 'segment.bytes': '1500', 'min.cleanable.dirty.ratio': '0.01', 'file.delete.delay.ms': '0' };
    expect(await createTopic(cluster.bootstrap, topic, { configs })).toBe(true);

    const keys = 8;
    const records = Array.from({ length: 240 }, (_, i) => ({ key: `key-${i % keys}`, value: `update-${i}-of-key-${i % keys}` }));
    const produced = await kcatProduce(cluster.bootstrap, topic, records, {
      partition: 0,
      compression: 'lz4',
      // Small batches, so the records spread over many segments.
      config: { 'batch.num.messages': 4, 'linger.ms': 0 },
    });
    expect(produced.indeterminate).toEqual([]);
    expect(produced.acknowledged).toHaveLength(records.length);
    const byOffset = new Map<number, AckedWrite>(produced.acknowledged.map((w) => [w.offset, w]));

    const activeBase = () =>
      Math.max(...readdirSync(partitionDir).filter((f) => /^\d{20}\.log$/.test(f)).map((f) => Number(f.slice(0, 20))));
    /** The latest acknowledged offset of each key below `end`, and all acknowledged offsets from `end` on. */
    const expectedOffsets = (end: number): number[] => {
      const latest = new Map<string, number>();
      for (const w of produced.acknowledged) if (w.offset < end) latest.set(w.key!.toString(), Math.max(latest.get(w.key!.toString()) ?? -1, w.offset));
      return [...latest.values(), ...produced.acknowledged.filter((w) => w.offset >= end).map((w) => w.offset)].sort((a, b) => a - b);
    };

    let consumed: ConsumedRecord[] = [];
    let end = 0;
    const deadline = Date.now() + 30_000;
    for (;;) {
      end = activeBase();
      consumed = await kcatConsume(cluster.bootstrap, topic, { partition: 0 });
      if (end > 0 && consumed.map((r) => r.offset).join() === expectedOffsets(end).join()) break;
      if (Date.now() > deadline) {
        throw new Error(`not compacted in time: active segment at ${end}, read offsets ${consumed.map((r) => r.offset).join(',')}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(end).toBeGreaterThan(keys);
    // Every record read is the one acknowledged at its offset: offsets are kept, values not mixed up.
    for (const r of consumed) {
      const acked = byOffset.get(r.offset)!;
      expect([r.key?.toString(), r.value?.toString()]).toEqual([acked.key?.toString(), acked.value?.toString()]);
    }
    const checkpoint = readFileSync(join(cluster.dataDir, 'broker-1', 'cleaner-offset-checkpoint'), 'utf8');
    expect(checkpoint).toMatch(new RegExp(`^0\\n\\d+\\n(.*\\n)*${topic} 0 \\d+\\n`));
  });
});
