import { existsSync, readFileSync, statSync, truncateSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { PartitionLog } from './partition-log';
import { CapturingLogger, ManualClock, makeBatch, makeTempDir, splitBatches } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const config: LogConfig = { ...DEFAULT_LOG_CONFIG, segmentBytes: 4000, indexIntervalBytes: 300 };

interface Written {
  base: number;
  last: number;
  bytes: Buffer;
}

/** A log of ~6 segments of ~400-byte batches, abandoned without a flush or close (a crash). */
function crashedLog() {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const dir = join(t.dir, 'orders-3');
  const clock = new ManualClock();
  const logger = new CapturingLogger();
  const log = PartitionLog.open(dir, config, { clock, logger });
  const written: Written[] = [];
  for (let i = 0; i < 60; i++) {
    const records = Array.from({ length: 4 }, (_, j) => ({ value: `payload-${i}-${j}-${'x'.repeat(80)}`, timestamp: clock.now() + i * 10 + j }));
    const batch = makeBatch(records);
    const info = log.append(batch, { leaderEpoch: i < 30 ? 4 : 5, assignOffsets: true });
    written.push({ base: info.firstOffset, last: info.lastOffset, bytes: Buffer.from(batch) });
  }
  const segments = log.segments.map((s) => ({ base: s.baseOffset, path: s.logPath, batches: [...s.batches()] }));
  expect(segments.length).toBeGreaterThanOrEqual(5);
  const recoveryPoint = log.recoveryPoint;
  log.closeHandlers();
  const reopen = (options: { recoveryPoint?: number; hadCleanShutdown?: boolean } = {}) =>
    PartitionLog.open(dir, config, { clock, logger, ...options });
  return { dir, logger, written, segments, recoveryPoint, reopen };
}

function readAll(log: PartitionLog): Buffer[] {
  const out: Buffer[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const res = log.read(offset, { maxBytes: 1 << 20 });
    if (res.kind !== 'records') throw res.error;
    const batches = splitBatches(res.records);
    out.push(...batches);
    const last = batches[batches.length - 1];
    offset = Number(last.readBigInt64BE(0)) + last.readInt32BE(23) + 1;
  }
  return out;
}

function appendOne(log: PartitionLog): number {
  return log.append(makeBatch([{ value: 'after-recovery', timestamp: 1 }]), { leaderEpoch: 6, assignOffsets: true }).firstOffset;
}

describe('recovery after an unclean shutdown', () => {
  it('cuts a torn tail to the last whole batch and rebuilds a deleted index', () => {
    const c = crashedLog();
    const last = c.segments[c.segments.length - 1];
    const torn = last.batches[last.batches.length - 1];
    truncateSync(last.path, torn.position + 30);
    const first = c.segments[0];
    unlinkSync(first.path.replace(/\.log$/, '.index'));

    const log = c.reopen({ recoveryPoint: c.recoveryPoint });
    expect(c.logger.matching(new RegExp(`Truncated 30 invalid bytes at position ${torn.position} \\(offset ${torn.baseOffset}\\) of .*${last.base.toString().padStart(20, '0')}\\.log`))).toHaveLength(1);
    expect(c.logger.matching(/Could not find an index file of segment .*00000000000000000000\.log/)).toHaveLength(1);
    expect(existsSync(first.path.replace(/\.log$/, '.index'))).toBe(true);

    const kept = c.written.filter((w) => w.last < torn.baseOffset);
    expect(log.logEndOffset).toBe(torn.baseOffset);
    const got = readAll(log);
    expect(got.length).toBe(kept.length);
    got.forEach((b, i) => expect(b.equals(kept[i].bytes)).toBe(true));
    // Lookups through the rebuilt index find every batch of the first segment.
    for (const b of first.batches) {
      const r = log.read(b.baseOffset + 1, { maxBytes: 1 });
      expect(r.kind === 'records' && r.offsetMetadata.relativePositionInSegment).toBe(b.position);
    }
    expect(appendOne(log)).toBe(torn.baseOffset);
    expect(log.leaderEpochCache.all).toEqual([
      { epoch: 4, startOffset: 0 },
      { epoch: 5, startOffset: 120 },
      { epoch: 6, startOffset: torn.baseOffset },
    ]);
    log.close();
  });

  it('stops at a flipped byte, deletes the segments after it and continues at the right offset', () => {
    const c = crashedLog();
    const victim = c.segments[2];
    const bad = victim.batches[3];
    const bytes = readFileSync(victim.path);
    bytes[bad.position + 100] ^= 0x40;
    writeFileSync(victim.path, bytes);

    // No recovery point checkpoint: every segment is recovered.
    const log = c.reopen({});
    expect(c.logger.matching(/Record batch is corrupt \(stored crc = \d+, computed crc = \d+\)/)).toHaveLength(1);
    expect(c.logger.matching(new RegExp(`Corruption found in segment ${victim.base}, truncating to offset ${bad.baseOffset}`))).toHaveLength(1);
    expect(log.segments.map((s) => s.baseOffset)).toEqual(c.segments.slice(0, 3).map((s) => s.base));
    for (const s of c.segments.slice(3)) expect(existsSync(s.path)).toBe(false);
    expect(statSync(victim.path).size).toBe(bad.position);
    expect(log.logEndOffset).toBe(bad.baseOffset);
    const kept = c.written.filter((w) => w.last < bad.baseOffset);
    const got = readAll(log);
    expect(got.length).toBe(kept.length);
    got.forEach((b, i) => expect(b.equals(kept[i].bytes)).toBe(true));
    expect(appendOne(log)).toBe(bad.baseOffset);
    expect(log.logEndOffset).toBe(bad.baseOffset + 1);
    // The epoch entries past the cut went with it (epoch 5 began at 120, after the cut).
    expect(bad.baseOffset).toBeLessThan(120);
    expect(readFileSync(join(c.dir, 'leader-epoch-checkpoint'), 'utf8')).toBe(`0\n2\n4 0\n6 ${bad.baseOffset}\n`);
    log.close();
  });

  it('cuts zero-filled garbage after the last batch and ignores a half-written checkpoint', () => {
    const c = crashedLog();
    const last = c.segments[c.segments.length - 1];
    appendFileSync(last.path, Buffer.alloc(500));
    writeFileSync(join(c.dir, 'leader-epoch-checkpoint.tmp'), '0\n7\n1 ');
    const log = c.reopen({ recoveryPoint: c.recoveryPoint });
    expect(c.logger.matching(/Truncated 500 invalid bytes/)).toHaveLength(1);
    expect(existsSync(join(c.dir, 'leader-epoch-checkpoint.tmp'))).toBe(false);
    expect(log.logEndOffset).toBe(c.written[c.written.length - 1].last + 1);
    expect(log.leaderEpochCache.latestEpoch()).toBe(5);
    log.close();
  });

  it('rebuilds a corrupt index of a flushed segment even after a clean shutdown', () => {
    const c = crashedLog();
    const log1 = c.reopen({ recoveryPoint: c.recoveryPoint });
    log1.close();
    const indexPath = c.segments[1].path.replace(/\.log$/, '.index');
    writeFileSync(indexPath, Buffer.from([0, 0, 0, 9, 0, 0, 0, 1, 7]));
    const log = c.reopen({ hadCleanShutdown: true });
    expect(c.logger.matching(/Found a corrupted index file of segment .*\.log/)).toHaveLength(1);
    expect(statSync(indexPath).size % 8).toBe(0);
    const got = readAll(log);
    expect(got.length).toBe(c.written.length);
    log.close();
  });
});
