import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CompressionCodec, type CompressionCodecId } from '../protocol/compression/index';
import { buildRecordBatch } from '../protocol/record-batch-builder';
import { decodeRecordBatches } from '../protocol/record-batch-decoder';
import { BatchAttribute } from '../protocol/record-batch-header';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { filthiestLog, logToClean } from './log-cleaner-manager';
import { LogCleaner } from './log-cleaner';
import { PartitionLog } from './partition-log';
import { ManualClock, makeTempDir, seededRandom } from './storage-test-helpers';

/**
 * Model-based check of the log cleaner: random keyed appends (tombstones, keyless records, every
 * codec, an idempotent producer) over many small segments, cleaning rounds at advancing times, and
 * after each round a full read compared with a model that keeps, below the first uncleanable
 * offset, the latest record per key — tombstones until a clean after their delete horizon — and
 * everything at or above it untouched.
 */
interface ModelRecord {
  offset: number;
  key: string | null;
  value: string | null;
  timestamp: number;
  /** When the tombstone's batch was stamped: the first clean that kept it, plus delete.retention.ms. */
  horizon?: number;
}

class CompactionModel {
  readonly records = new Map<number, ModelRecord>();
  /** Tombstones removed because their delete horizon had passed (so the test knows it saw some). */
  expiredTombstones = 0;

  append(r: ModelRecord): void {
    this.records.set(r.offset, r);
  }

  /** One cleaning round at `now` of everything below `end` (the map was never full here). */
  clean(now: number, end: number, deleteRetentionMs: number): void {
    const latest = new Map<string, number>();
    for (const r of this.records.values()) if (r.offset < end && r.key !== null) latest.set(r.key, Math.max(latest.get(r.key) ?? -1, r.offset));
    for (const r of [...this.records.values()]) {
      if (r.offset >= end) continue;
      if (r.key === null || r.offset < latest.get(r.key)!) {
        this.records.delete(r.offset);
      } else if (r.value === null) {
        if (r.horizon === undefined) r.horizon = now + deleteRetentionMs;
        else if (now >= r.horizon) {
          this.records.delete(r.offset);
          this.expiredTombstones++;
        }
      }
    }
  }

  sorted(): ModelRecord[] {
    return [...this.records.values()].sort((a, b) => a.offset - b.offset);
  }
}

interface ReadBack {
  records: Array<Omit<ModelRecord, 'horizon'>>;
  batches: Array<{ base: number; last: number; count: number; producerId: bigint; horizon: boolean }>;
}

async function readAll(log: PartitionLog): Promise<ReadBack> {
  const out: ReadBack = { records: [], batches: [] };
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = log.read(offset, { maxBytes: 1 << 24, minOneBatch: true });
    if (read.kind !== 'records') throw new Error(`read at ${offset} out of range`);
    if (read.records.length === 0) throw new Error(`nothing readable at ${offset} below the log end ${log.logEndOffset}`);
    for (const batch of await decodeRecordBatches(read.records)) {
      out.batches.push({
        base: batch.baseOffset,
        last: batch.lastOffset,
        count: batch.header.recordsCount,
        producerId: batch.header.producerId,
        horizon: (batch.header.attributes & BatchAttribute.DeleteHorizon) !== 0,
      });
      if (!batch.isControl) {
        for (const r of batch.records) {
          out.records.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, timestamp: r.timestamp });
        }
      }
      offset = batch.lastOffset + 1;
    }
  }
  return out;
}

const CODECS: CompressionCodecId[] = [CompressionCodec.NONE, CompressionCodec.GZIP, CompressionCodec.SNAPPY, CompressionCodec.LZ4, CompressionCodec.ZSTD];
const PRODUCER_ID = 4242n;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

let expiredTombstones = 0;

async function runModel(seed: number): Promise<void> {
  const t = makeTempDir('brokerlab-cleaner-');
  cleanup = t.cleanup;
  const dir = join(t.dir, 'compacted-0');
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const clock = new ManualClock();
  const deleteRetentionMs = int(2_000, 12_000);
  const config: LogConfig = {
    ...DEFAULT_LOG_CONFIG,
    cleanupPolicy: 'compact',
    segmentBytes: int(500, 1500),
    indexIntervalBytes: int(0, 300),
    deleteRetentionMs,
  };
  let log = PartitionLog.open(dir, config, { clock });
  const model = new CompactionModel();
  const cleaner = new LogCleaner();
  let checkpoint: number | undefined;
  let sequence = 0;
  const keyCount = int(10, 60);
  let leo = 0;

  for (let round = 0; round < 10; round++) {
    const batches = int(3, 40);
    for (let b = 0; b < batches; b++) {
      clock.advance(int(0, 300));
      const records = Array.from({ length: int(1, 4) }, (_, i) => {
        const roll = rnd();
        const key = roll < 0.03 ? null : `key-${int(0, keyCount - 1)}`;
        const value = roll > 0.75 ? null : `v-${round}-${b}-${i}-${'x'.repeat(int(0, 40))}`;
        return { key, value, timestamp: clock.now() - int(0, 50) };
      });
      const idempotent = rnd() < 0.4;
      const batch = await buildRecordBatch(records, {
        compression: CODECS[int(0, CODECS.length - 1)],
        now: clock.now(),
        ...(idempotent ? { producerId: PRODUCER_ID, producerEpoch: 0, baseSequence: sequence } : {}),
      });
      if (idempotent) sequence += records.length;
      const info = log.append(batch, { leaderEpoch: 0, assignOffsets: true });
      records.forEach((r, i) => model.append({ offset: info.firstOffset + i, ...r }));
      leo = info.lastOffset + 1;
    }
    if (rnd() < 0.6) log.roll();
    log.updateHighWatermark(log.logEndOffset);

    const activeBase = log.activeSegment.baseOffset;
    const activeBefore = log.read(activeBase, { maxBytes: 1 << 24 });
    const now = clock.now();
    const toClean = logToClean(log, checkpoint, now);
    expect(toClean.firstUncleanableOffset).toBe(activeBase);
    // A round needs a dirty section: with nothing new below the active segment the log is not picked.
    const endOffset = toClean.cleanableBytes > 0 ? (await cleaner.clean(toClean, now)).endOffset : activeBase;
    expect(endOffset).toBe(activeBase);
    if (toClean.cleanableBytes > 0) {
      checkpoint = endOffset;
      model.clean(now, endOffset, deleteRetentionMs);
    }

    const back = await readAll(log);
    expect(back.records, `seed ${seed} round ${round}`).toEqual(model.sorted().map(({ horizon: _h, ...r }) => r));
    for (let i = 1; i < back.batches.length; i++) expect(back.batches[i].base).toBeGreaterThan(back.batches[i - 1].last);
    // Every kept tombstone below the cleaned offset sits in a batch stamped with a delete horizon.
    const stamped = back.batches.filter((b) => b.horizon);
    for (const r of back.records.filter((x) => x.value === null && x.offset < endOffset)) {
      expect(stamped.some((b) => b.base <= r.offset && r.offset <= b.last)).toBe(true);
    }
    // The active segment is never touched.
    const activeAfter = log.read(activeBase, { maxBytes: 1 << 24 });
    expect(activeAfter.kind === 'records' && activeBefore.kind === 'records' && activeAfter.records.equals(activeBefore.records)).toBe(true);
    expect(log.logEndOffset).toBe(leo);

    if (rnd() < 0.5) {
      // Reopen, sometimes as after a crash; the cleaned segments load like any others.
      const crash = rnd() < 0.5;
      if (crash) log.closeHandlers();
      else log.close();
      log = PartitionLog.open(dir, config, { clock, hadCleanShutdown: !crash, recoveryPoint: crash ? 0 : undefined });
      log.updateHighWatermark(log.logEndOffset);
      expect((await readAll(log)).records).toEqual(back.records);
    }
    clock.advance(int(2_000, 8_000));
  }

  expiredTombstones += model.expiredTombstones;

  // The producer's last sequence survives cleaning: rebuilt from the log alone, it is unchanged.
  const before = log.producerStateManager.lastEntry(PRODUCER_ID);
  log.closeHandlers();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.snapshot'))) unlinkSync(join(dir, f));
  log = PartitionLog.open(dir, config, { clock, recoveryPoint: 0 });
  const after = log.producerStateManager.lastEntry(PRODUCER_ID);
  expect(after?.lastSeq).toBe(before?.lastSeq);
  expect(after?.lastDataOffset).toBe(before?.lastDataOffset);
  log.close();
}

describe('LogCleaner against a latest-value-per-key model', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}`, async () => {
      await runModel(seed);
    });
  }
  it('saw tombstones removed at their delete horizon in those runs', () => {
    expect(expiredTombstones).toBeGreaterThan(0);
  });
});

describe('LogCleaner details', () => {
  const keyed = (key: string | null, value: string | null, timestamp: number) => ({ key, value, timestamp });

  async function setup(config: Partial<LogConfig> = {}) {
    const t = makeTempDir('brokerlab-cleaner-');
    cleanup = t.cleanup;
    const clock = new ManualClock();
    const log = PartitionLog.open(join(t.dir, 'c-0'), { ...DEFAULT_LOG_CONFIG, cleanupPolicy: 'compact', segmentBytes: 300, ...config }, { clock });
    const append = async (records: ReturnType<typeof keyed>[]) => {
      const info = log.append(await buildRecordBatch(records, { now: clock.now() }), { leaderEpoch: 0, assignOffsets: true });
      log.updateHighWatermark(log.logEndOffset);
      return info;
    };
    return { log, clock, append, dir: join(t.dir, 'c-0') };
  }

  it('drops a tombstone only at a clean after its batch delete horizon, and keeps the offsets of what stays', async () => {
    const { log, clock, append } = await setup({ deleteRetentionMs: 1_000 });
    await append([keyed('a', '1', clock.now()), keyed('b', '1', clock.now())]);
    await append([keyed('a', null, clock.now())]);
    await append([keyed('b', '2', clock.now())]);
    log.roll();
    await append([keyed('c', '1', clock.now())]);
    const cleaner = new LogCleaner();
    let r = await cleaner.clean(logToClean(log, undefined, clock.now()), clock.now());
    expect(r.endOffset).toBe(4);
    let back = await readAll(log);
    expect(back.records.map((x) => [x.offset, x.key, x.value])).toEqual([[2, 'a', null], [3, 'b', '2'], [4, 'c', '1']]);
    expect(back.batches.find((b) => b.base === 2)?.horizon).toBe(true);
    // A round needs new dirty data; before the horizon the tombstone stays, at or after it it goes.
    clock.advance(999);
    await append([keyed('d', '1', clock.now())]);
    log.roll();
    r = await cleaner.clean(logToClean(log, r.endOffset, clock.now()), clock.now());
    expect(r.endOffset).toBe(6);
    expect((await readAll(log)).records.map((x) => x.offset)).toEqual([2, 3, 4, 5]);
    clock.advance(1);
    await append([keyed('e', '1', clock.now())]);
    log.roll();
    r = await cleaner.clean(logToClean(log, r.endOffset, clock.now()), clock.now());
    back = await readAll(log);
    expect(back.records.map((x) => x.offset)).toEqual([3, 4, 5, 6]);
    // The batch that held only the tombstone is gone; the offsets of the others did not move.
    expect(back.batches.map((b) => [b.base, b.last])).toEqual([[3, 3], [4, 4], [5, 5], [6, 6]]);
  });

  it('keeps the last batch of an active producer as an empty batch', async () => {
    const { log, clock } = await setup();
    const send = async (seq: number, records: ReturnType<typeof keyed>[]) => {
      const batch = await buildRecordBatch(records, { now: clock.now(), producerId: 7n, producerEpoch: 0, baseSequence: seq });
      log.append(batch, { leaderEpoch: 0, assignOffsets: true });
    };
    await send(0, [keyed('k', '1', clock.now())]);
    await send(1, [keyed('k', '2', clock.now()), keyed('k', '3', clock.now())]);
    // Another writer supersedes the producer's key; the producer's last batch must stay as a header.
    log.append(await buildRecordBatch([keyed('k', '4', clock.now())], { now: clock.now() }), { leaderEpoch: 0, assignOffsets: true });
    log.roll();
    log.updateHighWatermark(log.logEndOffset);
    await new LogCleaner().clean(logToClean(log, undefined, clock.now()), clock.now());
    const back = await readAll(log);
    expect(back.records.map((r) => r.offset)).toEqual([3]);
    expect(back.batches.map((b) => [b.base, b.last, b.count, b.producerId])).toEqual([
      [1, 2, 0, 7n],
      [3, 3, 1, -1n],
    ]);
  });

  it('cleans nothing at or above min.compaction.lag.ms or the high watermark', async () => {
    const { log, clock, append } = await setup({ minCompactionLagMs: 5_000 });
    for (let i = 0; i < 12; i++) {
      await append([keyed('k', `v${i}`, clock.now())]);
      clock.advance(1_000);
    }
    log.roll();
    const now = clock.now();
    // Records are 0 s .. 11 s old-to-new and now is 12 s: the first segment with a record newer than 7 s.
    const young = log.segments.find((s) => s.largestTimestamp() > now - 5_000)!;
    expect(young.baseOffset).toBeGreaterThan(0);
    expect(young.baseOffset).toBeLessThan(log.activeSegment.baseOffset);
    expect(logToClean(log, undefined, now).firstUncleanableOffset).toBe(young.baseOffset);
    log.updateConfig({ ...log.config, minCompactionLagMs: 0 });
    expect(logToClean(log, undefined, now).firstUncleanableOffset).toBe(log.activeSegment.baseOffset);
    const second = log.segments[1].baseOffset;
    log.updateHighWatermark(second + 1);
    expect(logToClean(log, undefined, now).firstUncleanableOffset).toBe(second);
  });

  it('picks the dirtiest log above min.cleanable.dirty.ratio, or one past max.compaction.lag.ms', async () => {
    const { log, clock, append } = await setup({ minCleanableDirtyRatio: 0.99 });
    for (let i = 0; i < 6; i++) await append([keyed('k', `v${i}`, clock.now())]);
    log.roll();
    const first = logToClean(log, undefined, clock.now());
    expect(first.cleanableRatio).toBe(1);
    expect(filthiestLog([first])).toBe(first);
    const half = logToClean(log, log.segments[1].baseOffset, clock.now());
    expect(half.cleanableRatio).toBeLessThan(0.99);
    expect(filthiestLog([half])).toBeUndefined();
    log.updateConfig({ ...log.config, maxCompactionLagMs: 1 });
    clock.advance(10);
    const overdue = logToClean(log, log.segments[1].baseOffset, clock.now());
    expect(overdue.needCompactionNow).toBe(true);
    expect(filthiestLog([overdue])).toBe(overdue);
  });

  it('stops mapping when the offset map is full and cleans the rest in later rounds', async () => {
    const { log, clock, append } = await setup({ segmentBytes: 2000 });
    for (let i = 0; i < 60; i++) await append([keyed(`k${i % 20}`, `v${i}`, clock.now())]);
    log.roll();
    // 24 bytes per entry: room for 10 keys at the default load factor.
    const cleaner = new LogCleaner({ dedupeBufferSize: 24 * 12 });
    let checkpoint: number | undefined;
    for (let round = 0; round < 10 && checkpoint !== 60; round++) {
      const r = await cleaner.clean(logToClean(log, checkpoint, clock.now()), clock.now());
      expect(r.endOffset).toBeGreaterThan(checkpoint ?? 0);
      checkpoint = r.endOffset;
    }
    expect(checkpoint).toBe(60);
    const keys = (await readAll(log)).records.map((r) => `${r.key}=${r.value}`);
    expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}=v${40 + i}`));
  });
});
