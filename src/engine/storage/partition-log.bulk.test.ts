import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { DEFAULT_LOG_CONFIG } from './log-config';
import { PartitionLog } from './partition-log';
import { ManualClock, makeTempDir, splitBatches } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('PartitionLog with a million records', () => {
  it('stores 1,000 batches of 1,000 records over many segments and reads every byte back', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const dir = `${t.dir}/bulk-0`;
    const clock = new ManualClock();
    const config = { ...DEFAULT_LOG_CONFIG, segmentBytes: 1024 * 1024 };
    let log = PartitionLog.open(dir, config, { clock });
    const t0 = clock.now();
    const written: Buffer[] = [];
    for (let b = 0; b < 1000; b++) {
      const records = Array.from({ length: 1000 }, (_, i) => ({ value: `r${b * 1000 + i}`, timestamp: t0 + b * 1000 + i }));
      const batch = buildRecordBatchSync(records, { now: t0 });
      const info = log.append(batch, { leaderEpoch: 1, assignOffsets: true });
      expect(info.firstOffset).toBe(b * 1000);
      written.push(batch);
    }
    expect(log.logEndOffset).toBe(1_000_000);
    expect(log.segments.length).toBeGreaterThan(5);
    expect(readdirSync(dir).filter((n) => n.endsWith('.log')).length).toBe(log.segments.length);

    const readBack = (l: PartitionLog): Buffer[] => {
      const out: Buffer[] = [];
      let offset = 0;
      while (offset < l.logEndOffset) {
        const r = l.read(offset, { maxBytes: 256 * 1024, minOneBatch: true });
        if (r.kind !== 'records') throw r.error;
        for (const batch of splitBatches(r.records)) {
          out.push(batch);
          offset = Number(batch.readBigInt64BE(0)) + batch.readInt32BE(23) + 1;
        }
      }
      return out;
    };
    const check = (l: PartitionLog) => {
      const got = readBack(l);
      expect(got.length).toBe(1000);
      let records = 0;
      for (let i = 0; i < 1000; i++) {
        expect(got[i].equals(written[i])).toBe(true);
        records += got[i].readInt32BE(57);
      }
      expect(records).toBe(1_000_000);
      // Reads in the middle of a batch start at that batch; timestamp lookups are per record.
      const mid = l.read(123_456, { maxBytes: 1, minOneBatch: true });
      if (mid.kind !== 'records') throw mid.error;
      expect(Number(mid.records.readBigInt64BE(0))).toBe(123_000);
      expect(l.offsetForTimestamp(t0 + 777_777)?.offset).toBe(777_777);
    };
    check(log);
    log.close();
    log = PartitionLog.open(dir, config, { clock, hadCleanShutdown: true, recoveryPoint: 1_000_000 });
    check(log);
    log.close();
  }, 60_000);
});
