import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { isBatchCrcValid } from '../protocol/record-batch-header';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, MAX_TIMESTAMP, PartitionLog } from './partition-log';
import { RecordBatchTooLargeError, UnexpectedAppendOffsetError } from './storage-errors';
import { ManualClock, makeBatch, makeTempDir, splitBatches } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function openLog(config: Partial<LogConfig> = {}, durable?: Map<string, number>) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const clock = new ManualClock();
  const dir = join(t.dir, 'events-0');
  const log = PartitionLog.open(dir, { ...DEFAULT_LOG_CONFIG, ...config }, {
    clock,
    onDurable: durable ? (f, n) => durable.set(f, n) : undefined,
  });
  return { log, clock, dir };
}

const one = (value: string, timestamp: number) => makeBatch([{ value, timestamp }]);

describe('PartitionLog', () => {
  it('stamps offsets and the leader epoch in place, and LogAppendTime with a fresh CRC', () => {
    const { log, clock } = openLog({ messageTimestampType: 'LogAppendTime' });
    const batch = makeBatch([{ value: 'a', timestamp: 5 }, { value: 'b', timestamp: 6 }]);
    const crcBefore = batch.readUInt32BE(17);
    const info = log.append(batch, { leaderEpoch: 7, assignOffsets: true });
    expect(info).toMatchObject({ firstOffset: 0, lastOffset: 1, logAppendTime: clock.now(), maxTimestamp: clock.now(), recordCount: 2 });
    expect(batch.readBigInt64BE(0)).toBe(0n);
    expect(batch.readInt32BE(12)).toBe(7);
    expect(batch.readInt16BE(21) & 0x08).toBe(0x08);
    expect(batch.readUInt32BE(17)).not.toBe(crcBefore);
    expect(isBatchCrcValid(batch)).toBe(true);
    expect(log.offsetForTimestamp(clock.now())).toEqual({ timestamp: clock.now(), offset: 0, leaderEpoch: 7 });
    log.close();
  });

  it('keeps a CreateTime batch byte for byte apart from baseOffset and epoch', () => {
    const { log } = openLog();
    log.append(one('x', 1), { leaderEpoch: 0, assignOffsets: true });
    const batch = one('y', 2);
    const original = Buffer.from(batch);
    log.append(batch, { leaderEpoch: 3, assignOffsets: true });
    const r = log.read(1, { maxBytes: 1000 });
    if (r.kind !== 'records') throw r.error;
    expect(r.records.subarray(16).equals(original.subarray(16))).toBe(true);
    expect(r.records.readBigInt64BE(0)).toBe(1n);
    expect(r.records.readInt32BE(12)).toBe(3);
    log.close();
  });

  it('appends replicated batches at their own offsets and refuses ones at or below the log end', () => {
    const { log } = openLog();
    log.append(makeBatch([{ value: 'a', timestamp: 1 }, { value: 'b', timestamp: 2 }], { baseOffset: 0, leaderEpoch: 2 }), { leaderEpoch: -1, assignOffsets: false });
    log.append(makeBatch([{ value: 'c', timestamp: 3 }], { baseOffset: 10, leaderEpoch: 3 }), { leaderEpoch: -1, assignOffsets: false });
    expect(log.logEndOffset).toBe(11);
    expect(log.leaderEpochCache.all).toEqual([{ epoch: 2, startOffset: 0 }, { epoch: 3, startOffset: 10 }]);
    expect(() => log.append(makeBatch([{ value: 'd', timestamp: 4 }], { baseOffset: 10 }), { leaderEpoch: -1, assignOffsets: false })).toThrow(
      UnexpectedAppendOffsetError,
    );
    // A read inside the gap starts at the next batch.
    const r = log.read(5, { maxBytes: 1000 });
    expect(r.kind === 'records' && Number(r.records.readBigInt64BE(0))).toBe(10);
    expect(log.endOffsetForEpoch(2)).toEqual({ leaderEpoch: 2, endOffset: 10 });
    log.close();
  });

  it('answers out-of-range reads with a clear error and honours maxOffset and minOneBatch', () => {
    const { log } = openLog();
    for (let i = 0; i < 5; i++) log.append(one('v'.repeat(100), i), { leaderEpoch: 0, assignOffsets: true });
    const oor = log.read(9, { maxBytes: 100 });
    expect(oor.kind).toBe('offsetOutOfRange');
    expect(oor.kind === 'offsetOutOfRange' && oor.error.message).toBe(
      'Received request for offset 9 for partition events-0, but we only have log segments from offset 0 up to 5.',
    );
    expect(oor.kind === 'offsetOutOfRange' && oor.error.kafkaError).toBe('OFFSET_OUT_OF_RANGE');
    const atEnd = log.read(5, { maxBytes: 100 });
    expect(atEnd.kind === 'records' && atEnd.records.length).toBe(0);
    const toHw = log.read(0, { maxBytes: 1 << 20, maxOffset: 3 });
    expect(toHw.kind === 'records' && splitBatches(toHw.records).length).toBe(3);
    const tooSmall = log.read(0, { maxBytes: 10 });
    expect(tooSmall.kind === 'records' && tooSmall.records.length).toBe(0);
    expect(tooSmall.kind === 'records' && tooSmall.firstEntryIncomplete).toBe(true);
    const kip74 = log.read(0, { maxBytes: 10, minOneBatch: true });
    expect(kip74.kind === 'records' && splitBatches(kip74.records).length).toBe(1);
    log.close();
  });

  it('rolls on segment.ms by record time, flushes the rolled segment and reports it durable', () => {
    const durable = new Map<string, number>();
    const { log, clock } = openLog({ segmentMs: 1000 }, durable);
    log.append(one('a', clock.now()), { leaderEpoch: 0, assignOffsets: true });
    log.append(one('b', clock.now() + 999), { leaderEpoch: 0, assignOffsets: true });
    expect(log.segments).toHaveLength(1);
    log.append(one('c', clock.now() + 1001), { leaderEpoch: 0, assignOffsets: true });
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 2]);
    expect(log.recoveryPoint).toBe(2);
    expect(durable.get(log.segments[0].logPath)).toBe(log.segments[0].size);
    log.close();
  });

  it('rolls on segment.bytes and refuses a batch larger than a segment', () => {
    const { log } = openLog({ segmentBytes: 300 });
    for (let i = 0; i < 6; i++) log.append(one('v'.repeat(60), i), { leaderEpoch: 0, assignOffsets: true });
    expect(log.segments.length).toBeGreaterThanOrEqual(3);
    for (const s of log.segments) expect(s.size).toBeLessThanOrEqual(300);
    expect(() => log.append(one('v'.repeat(400), 9), { leaderEpoch: 0, assignOffsets: true })).toThrow(RecordBatchTooLargeError);
    log.close();
  });

  it('flushes every flush.messages messages', () => {
    const { log } = openLog({ flushMessages: 3 });
    log.append(one('a', 1), { leaderEpoch: 0, assignOffsets: true });
    log.append(one('b', 1), { leaderEpoch: 0, assignOffsets: true });
    expect(log.recoveryPoint).toBe(0);
    log.append(one('c', 1), { leaderEpoch: 0, assignOffsets: true });
    expect(log.recoveryPoint).toBe(3);
    log.close();
  });

  it('answers ListOffsets per record, inside compressed batches too', () => {
    const { log } = openLog();
    const gz = buildRecordBatchSync(
      [{ value: 'a', timestamp: 100 }, { value: 'b', timestamp: 300 }, { value: 'c', timestamp: 200 }],
      { compression: 1 },
    );
    log.append(gz, { leaderEpoch: 4, assignOffsets: true });
    log.append(one('d', 250), { leaderEpoch: 4, assignOffsets: true });
    expect(log.offsetForTimestamp(150)?.offset).toBe(1);
    expect(log.offsetForTimestamp(201)?.offset).toBe(1);
    expect(log.offsetForTimestamp(301)).toBeUndefined();
    expect(log.offsetForTimestamp(MAX_TIMESTAMP)).toEqual({ timestamp: 300, offset: 1, leaderEpoch: 4 });
    expect(log.offsetForTimestamp(LATEST_TIMESTAMP)?.offset).toBe(4);
    expect(log.offsetForTimestamp(EARLIEST_TIMESTAMP)?.offset).toBe(0);
    log.close();
  });
});
