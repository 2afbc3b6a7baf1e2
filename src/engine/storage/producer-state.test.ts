import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { crc32c } from '../protocol/crc32c';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { LogManager } from './log-manager';
import { PartitionLog } from './partition-log';
import { InvalidProducerEpochError, OutOfOrderSequenceError } from './producer-append-info';
import { BatchMetadata, ProducerStateEntry, decrementSequence, incrementSequence } from './producer-state-entry';
import { producerStateConfigFrom } from './producer-state-manager';
import { CorruptSnapshotError, decodeProducerSnapshot, encodeProducerSnapshot, producerSnapshotFile } from './producer-state-snapshot';
import { ManualClock, makeTempDir } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(config: Partial<LogConfig> = {}) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const clock = new ManualClock();
  const dir = join(t.dir, 'events-0');
  const cfg = { ...DEFAULT_LOG_CONFIG, ...config };
  const open = (hadCleanShutdown = true) => PartitionLog.open(dir, cfg, { clock, hadCleanShutdown });
  return { dir, clock, open };
}

/** A batch as an idempotent producer sends it: `count` records starting at sequence `seq`. */
function idem(pid: number, epoch: number, seq: number, count = 1, tag = `${pid}/${epoch}/${seq}`): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ key: null, value: `${tag}#${i}`, timestamp: 1_700_000_000_000 + i }));
  return buildRecordBatchSync(records, { producerId: pid, producerEpoch: epoch, baseSequence: seq });
}

const lead = { leaderEpoch: 0, assignOffsets: true };

function snapshotNames(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.snapshot')).sort();
}

describe('producer state snapshot file', () => {
  it("writes Kafka's layout: version, CRC-32C of the rest, count, 46-byte entries", () => {
    const entry = new ProducerStateEntry(1000n, 3, 7, 1_234, -1, [new BatchMetadata(41, 99, 4, 1_234)]);
    const buf = encodeProducerSnapshot([entry]);
    expect(buf.length).toBe(2 + 4 + 4 + 46);
    expect(buf.readInt16BE(0)).toBe(1);
    expect(buf.readUInt32BE(2)).toBe(crc32c(buf.subarray(6)));
    expect(buf.readInt32BE(6)).toBe(1);
    expect(buf.readBigInt64BE(10)).toBe(1000n); // producer id
    expect(buf.readInt16BE(18)).toBe(3); // epoch
    expect(buf.readInt32BE(20)).toBe(41); // last sequence
    expect(buf.readBigInt64BE(24)).toBe(99n); // last offset
    expect(buf.readInt32BE(32)).toBe(4); // offset delta
    expect(buf.readBigInt64BE(36)).toBe(1234n); // timestamp
    expect(buf.readInt32BE(44)).toBe(7); // coordinator epoch
    expect(buf.readBigInt64BE(48)).toBe(-1n); // current txn first offset
    const [back] = decodeProducerSnapshot(buf);
    expect(back).toMatchObject({ producerId: 1000n, producerEpoch: 3, coordinatorEpoch: 7, lastTimestamp: 1_234, currentTxnFirstOffset: -1 });
    expect(back.batchMetadata).toEqual([new BatchMetadata(41, 99, 4, 1_234)]);
    expect(back.batchMetadata[0].firstSeq).toBe(37);
    expect(back.batchMetadata[0].firstOffset).toBe(95);
  });

  it('refuses a flipped bit, a wrong version and a truncated file', () => {
    const buf = encodeProducerSnapshot([new ProducerStateEntry(5n, 0, -1, 1, -1, [new BatchMetadata(0, 0, 0, 1)])]);
    const flipped = Buffer.from(buf);
    flipped[30] ^= 1;
    expect(() => decodeProducerSnapshot(flipped)).toThrow(CorruptSnapshotError);
    const version = Buffer.from(buf);
    version.writeInt16BE(2, 0);
    expect(() => decodeProducerSnapshot(version)).toThrow(/unknown file version 2/);
    expect(() => decodeProducerSnapshot(buf.subarray(0, buf.length - 1))).toThrow(CorruptSnapshotError);
  });

  it('wraps sequences at Int32.MAX as Kafka does', () => {
    expect(incrementSequence(0x7fffffff, 1)).toBe(0);
    expect(incrementSequence(0x7ffffffe, 3)).toBe(1);
    expect(decrementSequence(1, 3)).toBe(0x7ffffffe);
  });
});

describe('PartitionLog with idempotent producers', () => {
  it('answers a retry of any of the last five batches with its original offsets and appends nothing', () => {
    const { open } = setup();
    const log = open();
    const first = log.append(idem(7, 0, 0, 3), lead);
    expect(first.firstOffset).toBe(0);
    for (let seq = 3; seq < 3 + 5; seq++) log.append(idem(7, 0, seq), lead);
    // Batches at seq 3..7 are retained; the first (0..2) has been pushed out.
    const end = log.logEndOffset;
    const retry = log.append(idem(7, 0, 5), lead);
    expect(retry).toMatchObject({ firstOffset: 5, lastOffset: 5, duplicate: true });
    expect(log.logEndOffset).toBe(end);
    expect(() => log.append(idem(7, 0, 0, 3), lead)).toThrow(OutOfOrderSequenceError);
    expect(log.logEndOffset).toBe(end);
    log.close();
  });

  it('refuses a gap, a stale epoch, and a new epoch not starting at 0; accepts a fresh producer at any sequence', () => {
    const { open } = setup();
    const log = open();
    log.append(idem(1, 2, 0, 2), lead);
    expect(() => log.append(idem(1, 2, 3), lead)).toThrow(/Out of order sequence number for producer 1 .*: 3 \(incoming seq. number\), 1/);
    expect(() => log.append(idem(1, 1, 2), lead)).toThrow(InvalidProducerEpochError);
    expect(() => log.append(idem(1, 3, 5), lead)).toThrow(/Invalid sequence number for new epoch/);
    expect(log.append(idem(1, 3, 0), lead).firstOffset).toBe(2);
    // The old epoch's batches no longer identify retries.
    expect(() => log.append(idem(1, 2, 0, 2), lead)).toThrow(InvalidProducerEpochError);
    // KIP-360: the partition knows nothing of producer 9, so any sequence starts it.
    expect(log.append(idem(9, 0, 42), lead).firstOffset).toBe(3);
    expect(log.append(idem(9, 0, 43), lead).firstOffset).toBe(4);
    // Batches without a producer id are not tracked.
    expect(log.append(buildRecordBatchSync([{ key: null, value: 'plain', timestamp: 1 }]), lead).firstOffset).toBe(5);
    expect([...log.producerStateManager.activeProducers.keys()].sort()).toEqual([1n, 9n]);
    log.close();
  });

  it('does not check sequences of a replica copy', () => {
    const { open } = setup();
    const log = open();
    log.append(idem(4, 0, 0), lead);
    const copy = idem(4, 0, 10);
    copy.writeBigInt64BE(1n, 0);
    expect(log.append(copy, { leaderEpoch: -1, assignOffsets: false }).firstOffset).toBe(1);
    expect(log.producerStateManager.lastEntry(4n)?.lastSeq).toBe(10);
    log.close();
  });

  it('writes a snapshot on clean close and keeps detecting retries after reopening', () => {
    const { dir, open } = setup();
    let log = open();
    for (let seq = 0; seq < 4; seq++) log.append(idem(3, 0, seq), lead);
    log.close();
    expect(snapshotNames(dir)).toEqual(['00000000000000000004.snapshot']);
    log = open(true);
    expect(log.append(idem(3, 0, 3), lead)).toMatchObject({ firstOffset: 3, duplicate: true });
    expect(() => log.append(idem(3, 0, 9), lead)).toThrow(OutOfOrderSequenceError);
    expect(log.append(idem(3, 0, 4), lead).firstOffset).toBe(4);
    log.close();
  });

  it('after a crash rebuilds from the roll snapshot plus the log tail, so retries of the tail are recognised', () => {
    const { dir, open } = setup({ segmentBytes: 1_000 });
    const value = (seq: number) => `v${seq}`.padEnd(60, '.');
    let log = open();
    for (let seq = 0; seq < 20; seq++) log.append(idem(8, 1, seq, 1, value(seq)), lead);
    expect(log.segments.length).toBeGreaterThan(2);
    const activeBase = log.activeSegment.baseOffset;
    expect(activeBase).toBeLessThanOrEqual(15);
    expect(snapshotNames(dir)).toContain(`${String(activeBase).padStart(20, '0')}.snapshot`);
    expect(snapshotNames(dir)).not.toContain('00000000000000000020.snapshot');
    log.closeHandlers(); // a crash: no snapshot at the log end
    log = open(false);
    expect(log.logEndOffset).toBe(20);
    expect(snapshotNames(dir)).toContain('00000000000000000020.snapshot');
    // The roll snapshot holds seq activeBase-1 only; the five retained batches come from replaying the tail.
    for (let seq = 15; seq < 20; seq++) {
      expect(log.append(idem(8, 1, seq, 1, value(seq)), lead)).toMatchObject({ firstOffset: seq, duplicate: true });
    }
    expect(log.append(idem(8, 1, 20), lead).firstOffset).toBe(20);
    log.close();
  });

  it('falls back to an older snapshot or a full replay when the latest snapshot is corrupt', () => {
    const { dir, open } = setup();
    let log = open();
    for (let seq = 0; seq < 3; seq++) log.append(idem(2, 0, seq), lead);
    log.close();
    const path = producerSnapshotFile(dir, 3);
    const bytes = readFileSync(path);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(path, bytes);
    log = open(false);
    expect(existsSync(path)).toBe(true); // rewritten from the replay
    expect(log.append(idem(2, 0, 2), lead)).toMatchObject({ firstOffset: 2, duplicate: true });
    log.close();
  });

  it('truncation deletes snapshots above the new end and rebuilds the state there', () => {
    const { dir, open } = setup({ segmentBytes: 400 });
    const log = open();
    for (let seq = 0; seq < 10; seq++) log.append(idem(6, 0, seq, 1, `t${seq}`.padEnd(60, '.')), lead);
    log.truncateTo(4);
    expect(log.logEndOffset).toBe(4);
    for (const name of snapshotNames(dir)) expect(Number(name.slice(0, 20))).toBeLessThanOrEqual(4);
    expect(log.producerStateManager.lastEntry(6n)?.lastSeq).toBe(3);
    expect(log.append(idem(6, 0, 4), lead).firstOffset).toBe(4);
    log.truncateFullyAndStartAt(20);
    expect(snapshotNames(dir)).toEqual([]);
    expect(log.producerStateManager.isEmpty).toBe(true);
    log.close();
  });

  it('forgets producers idle for producer.id.expiration.ms, also when loading a snapshot', () => {
    const { open, clock } = setup();
    let log = open();
    log.append(buildRecordBatchSync([{ key: null, value: 'x', timestamp: clock.now() }], { producerId: 11, producerEpoch: 0, baseSequence: 0 }), lead);
    log.append(buildRecordBatchSync([{ key: null, value: 'y', timestamp: clock.now() + 5_000 }], { producerId: 12, producerEpoch: 0, baseSequence: 0 }), lead);
    const psm = log.producerStateManager;
    psm.config.producerIdExpirationMs = 10_000;
    clock.advance(9_999);
    expect(psm.removeExpiredProducers(clock.now())).toBe(0);
    clock.advance(1);
    expect(psm.removeExpiredProducers(clock.now())).toBe(1);
    expect([...psm.activeProducers.keys()]).toEqual([12n]);
    log.close();
    clock.advance(5_000);
    log = PartitionLog.open(log.dir, { ...DEFAULT_LOG_CONFIG }, { clock, hadCleanShutdown: true, producerStateConfig: { producerIdExpirationMs: 10_000, producerIdExpirationCheckIntervalMs: 1 } });
    // The snapshot at offset 2 still names producer 12, idle for 10 s by now: it is not loaded.
    expect(log.producerStateManager.isEmpty).toBe(true);
    expect(log.append(buildRecordBatchSync([{ key: null, value: 'z', timestamp: clock.now() }], { producerId: 12, producerEpoch: 0, baseSequence: 7 }), lead).firstOffset).toBe(2);
    log.close();
  });

  it('the LogManager forgets expired producers every producer.id.expiration.check.interval.ms', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const clock = new ManualClock();
    const producerStateConfig = producerStateConfigFrom((name) => ({ 'producer.id.expiration.ms': '60000', 'producer.id.expiration.check.interval.ms': '1000' })[name]);
    expect(producerStateConfig).toEqual({ producerIdExpirationMs: 60_000, producerIdExpirationCheckIntervalMs: 1_000 });
    expect(producerStateConfigFrom(() => 'nonsense')).toEqual({ producerIdExpirationMs: 86_400_000, producerIdExpirationCheckIntervalMs: 600_000 });
    const manager = LogManager.open({ dir: t.dir, nodeId: 1, clusterId: 'c', clock, checkpointIntervalMs: 0, producerStateConfig });
    const log = manager.getOrCreateLog('events', 0, 'AAAAAAAAAAAAAAAAAAAAAA');
    log.append(buildRecordBatchSync([{ key: null, value: 'x', timestamp: clock.now() }], { producerId: 3, producerEpoch: 0, baseSequence: 0 }), lead);
    clock.advance(60_000);
    expect(log.producerStateManager.isEmpty).toBe(false);
    manager.tick();
    expect(log.producerStateManager.isEmpty).toBe(true);
    manager.close();
  });
});
