import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { MAX_TIMESTAMP, PartitionLog } from './partition-log';
import { CapturingLogger, ManualClock, makeBatch, makeTempDir, seededRandom, splitBatches } from './storage-test-helpers';

/**
 * Model-based check of PartitionLog: random appends, reads, truncations, log start moves, flushes
 * and clean/unclean reopens, each compared with a plain list of (offsets, bytes) — in the manner of
 * Redpanda's opfuzz and Kafka's index tests against a TreeMap.
 */
interface ModelBatch {
  base: number;
  last: number;
  bytes: Buffer;
  records: Array<{ offset: number; timestamp: number }>;
}

class Model {
  batches: ModelBatch[] = [];
  lso = 0;
  leo = 0;
  hw = 0;

  live(): ModelBatch[] {
    return this.batches.filter((b) => b.last >= this.lso);
  }

  records(): Array<{ offset: number; timestamp: number }> {
    return this.live().flatMap((b) => b.records.filter((r) => r.offset >= this.lso));
  }
}

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function runModel(seed: number, steps: number): void {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const dir = `${t.dir}/model-topic-0`;
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const clock = new ManualClock();
  const logger = new CapturingLogger();
  const config: LogConfig = {
    ...DEFAULT_LOG_CONFIG,
    segmentBytes: int(3000, 20000),
    segmentIndexBytes: 8 * int(4, 30),
    indexIntervalBytes: int(0, 1024),
    segmentMs: 60_000,
  };
  const open = (extra: Parameters<typeof PartitionLog.open>[2]) => PartitionLog.open(dir, config, { clock, logger, ...extra });
  let log = open({});
  const model = new Model();
  let epoch = 0;
  let tsBase = clock.now();

  const readAll = (): Buffer[] => {
    const out: Buffer[] = [];
    let offset = log.logStartOffset;
    while (offset < log.logEndOffset) {
      const r = log.read(offset, { maxBytes: 1 << 20, minOneBatch: true });
      if (r.kind !== 'records') throw r.error;
      const batches = splitBatches(r.records);
      expect(batches.length).toBeGreaterThan(0);
      out.push(...batches);
      const last = batches[batches.length - 1];
      offset = Number(last.readBigInt64BE(0)) + last.readInt32BE(23) + 1;
    }
    return out;
  };

  const checkState = (context: string) => {
    expect({ lso: log.logStartOffset, leo: log.logEndOffset, hw: log.highWatermark }, context).toEqual({
      lso: model.lso,
      leo: model.leo,
      hw: model.hw,
    });
  };

  const checkEverything = (context: string) => {
    checkState(context);
    const got = readAll();
    const want = model.live().map((b) => b.bytes);
    expect(got.length, context).toBe(want.length);
    for (let i = 0; i < want.length; i++) expect(got[i].equals(want[i]), `${context}: batch ${i}`).toBe(true);
  };

  let maxSegments = 1;
  for (let step = 0; step < steps; step++) {
    maxSegments = Math.max(maxSegments, log.segments.length);
    const op = rnd();
    const ctx = `seed ${seed} step ${step}`;
    if (op < 0.5) {
      const n = int(1, 12);
      const records = Array.from({ length: n }, (_, i) => ({
        value: 'v'.repeat(int(0, 300)) + `${step}-${i}`,
        timestamp: tsBase + int(-50, 500),
      }));
      const batch = makeBatch(records);
      const info = log.append(batch, { leaderEpoch: epoch, assignOffsets: true });
      expect(info.firstOffset, ctx).toBe(model.leo);
      expect(info.lastOffset, ctx).toBe(model.leo + n - 1);
      expect(batch.readInt32BE(12)).toBe(epoch);
      model.batches.push({
        base: info.firstOffset,
        last: info.lastOffset,
        bytes: Buffer.from(batch),
        records: records.map((r, i) => ({ offset: info.firstOffset + i, timestamp: r.timestamp })),
      });
      model.leo = info.lastOffset + 1;
      tsBase += int(0, 200);
    } else if (op < 0.68) {
      const start = int(model.lso - 2, model.leo + 2);
      const maxBytes = [0, 1, 100, 1000, 5000, 100_000][int(0, 5)];
      const minOneBatch = rnd() < 0.5;
      const maxOffset = rnd() < 0.5 ? model.hw : undefined;
      const result = log.read(start, { maxBytes, minOneBatch, maxOffset });
      if (start < model.lso || start > model.leo) {
        expect(result.kind, ctx).toBe('offsetOutOfRange');
        continue;
      }
      if (result.kind !== 'records') throw result.error;
      const bases = log.segments.map((s) => s.baseOffset);
      const live = model.live();
      const first = live.findIndex((b) => b.last >= start);
      const expected: Buffer[] = [];
      if (first >= 0) {
        const segOf = (b: ModelBatch) => bases.filter((x) => x <= b.base).length;
        const limit = minOneBatch ? Math.max(maxBytes, live[first].bytes.length) : maxBytes;
        const bound = maxOffset ?? model.leo;
        let total = 0;
        for (let i = first; i < live.length; i++) {
          const b = live[i];
          if (segOf(b) !== segOf(live[first]) || (bound < model.leo && b.last >= bound)) break;
          if (total + b.bytes.length > limit) break;
          total += b.bytes.length;
          expected.push(b.bytes);
        }
      }
      const got = splitBatches(result.records);
      expect(got.length, `${ctx} read(${start}, ${maxBytes}, ${minOneBatch}, ${maxOffset})`).toBe(expected.length);
      for (let i = 0; i < got.length; i++) expect(got[i].equals(expected[i]), ctx).toBe(true);
    } else if (op < 0.76) {
      const records = model.records();
      const target = records.length > 0 && rnd() < 0.8 ? records[int(0, records.length - 1)].timestamp + int(-2, 2) : tsBase + int(-1000, 1000);
      const want = records.find((r) => r.timestamp >= target);
      const got = log.offsetForTimestamp(target);
      expect(got?.offset, `${ctx} ts ${target}`).toBe(want?.offset);
      if (want) expect(got?.timestamp).toBe(want.timestamp);
      const max = log.offsetForTimestamp(MAX_TIMESTAMP);
      const maxTs = Math.max(...records.map((r) => r.timestamp));
      if (max) {
        expect(max.timestamp, ctx).toBe(maxTs);
        expect(records.find((r) => r.offset === max.offset)?.timestamp, ctx).toBe(maxTs);
      }
      if (records.length > 0 && model.lso === (model.batches[0]?.base ?? 0)) {
        expect(max?.offset, ctx).toBe(records.find((r) => r.timestamp === maxTs)?.offset);
      }
    } else if (op < 0.8) {
      const target = int(model.lso, model.leo);
      const firstBase = log.segments[0].baseOffset;
      log.truncateTo(target);
      if (target < model.leo) {
        model.batches = model.batches.filter((b) => b.last < target);
        const lastKept = model.batches[model.batches.length - 1];
        model.leo = lastKept && lastKept.last >= firstBase ? lastKept.last + 1 : firstBase;
        model.batches = model.batches.filter((b) => b.last < model.leo);
        model.lso = Math.min(model.lso, model.leo);
        model.hw = Math.min(model.hw, model.leo);
      }
    } else if (op < 0.85) {
      model.hw = log.updateHighWatermark(int(model.hw, model.leo));
      const target = int(model.lso, model.hw);
      expect(log.deleteRecordsBefore(target), ctx).toBe(Math.max(model.lso, target));
      model.lso = Math.max(model.lso, target);
      expect(() => log.deleteRecordsBefore(model.hw + 1)).toThrow(/larger than the high watermark/);
    } else if (op < 0.88) {
      model.hw = log.updateHighWatermark(int(model.lso - 3, model.leo + 3));
      expect(model.hw).toBeGreaterThanOrEqual(model.lso);
      expect(model.hw).toBeLessThanOrEqual(model.leo);
    } else if (op < 0.9) {
      log.flush();
      expect(log.recoveryPoint).toBe(model.leo);
    } else if (op < 0.93) {
      const state = { recoveryPoint: log.recoveryPoint, logStartOffset: log.logStartOffset, highWatermark: log.highWatermark };
      log.close();
      const before = logger.lines.length;
      log = open({ hadCleanShutdown: true, ...state });
      expect(logger.lines.slice(before).filter((l) => /WARN/.test(l)), ctx).toEqual([]);
      checkEverything(`${ctx} after clean reopen`);
    } else if (op < 0.96) {
      const state = { recoveryPoint: int(0, log.recoveryPoint), logStartOffset: log.logStartOffset, highWatermark: log.highWatermark };
      log.closeHandlers();
      const before = logger.lines.length;
      log = open({ hadCleanShutdown: false, ...state });
      expect(logger.lines.slice(before).filter((l) => /Truncated|Corruption/.test(l)), ctx).toEqual([]);
      checkEverything(`${ctx} after unclean reopen`);
    } else if (op < 0.98) {
      epoch += 1;
    } else {
      clock.advance(int(0, 120_000));
      tsBase = clock.now();
    }
    checkState(ctx);
  }
  checkEverything(`seed ${seed} end`);
  expect(maxSegments, 'the run rolled segments').toBeGreaterThan(1);
  log.close();
}

describe('PartitionLog against an in-memory model', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`random operations, seed ${seed}`, () => runModel(seed, 800));
  }
});
