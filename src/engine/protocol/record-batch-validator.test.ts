import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c';
import { CompressionCodec, type CompressionCodecId } from './compression/codec';
import { buildRecordBatch, buildRecordBatchSync, buildTransactionMarkerBatch } from './record-batch-builder';
import { decodeRecordBatchSync } from './record-batch-decoder';
import { isBatchCrcValid } from './record-batch-header';
import { stampBatchForAppend } from './record-batch-stamp';
import { validateProducedBatch, type ProducedBatchOptions, type RejectedBatch, type ValidatedBatch } from './record-batch-validator';
import { encodeRecords } from './records-codec';

const NOW = 1_700_000_000_000;
const opts = (o: Partial<ProducedBatchOptions> = {}): ProducedBatchOptions => ({ produceVersion: 7, now: NOW, ...o });
const threeRecords = [
  { key: 'a', value: 'one', timestamp: NOW - 10 },
  { key: null, value: 'two', timestamp: NOW - 5, headers: [{ key: 'h', value: 'v' }] },
  { key: 'c', value: null, timestamp: NOW - 7 },
];
const good = () => buildRecordBatchSync(threeRecords, { now: NOW });

/** Rewrites header fields and fixes the CRC, to build batches that are wrong in exactly one way. */
function patched(batch: Buffer, edit: (b: Buffer) => void, fixCrc = true): Buffer {
  const b = Buffer.from(batch);
  edit(b);
  if (fixCrc) b.writeUInt32BE(crc32c(b.subarray(21)), 17);
  return b;
}

/** A batch whose records area is `records` verbatim, with a correct CRC. */
function withRecordsArea(records: Buffer, count: number, lastOffsetDelta = count - 1): Buffer {
  const head = Buffer.from(good().subarray(0, 61));
  head.writeInt32BE(61 - 12 + records.length, 8);
  head.writeInt32BE(lastOffsetDelta, 23);
  head.writeInt32BE(count, 57);
  return patched(Buffer.concat([head, records]), () => {});
}

async function expectError(records: Buffer, error: string, o: Partial<ProducedBatchOptions> = {}, message?: RegExp): Promise<RejectedBatch> {
  const r = await validateProducedBatch(records, opts(o));
  if (r.ok) throw new Error(`expected ${error}, the batch was accepted`);
  expect(r.error).toBe(error);
  if (message) expect(r.message).toMatch(message);
  return r;
}

describe('validateProducedBatch accepts', () => {
  it('a good uncompressed batch and reports its header', async () => {
    const batch = buildRecordBatchSync(threeRecords, { now: NOW, producerId: 5, producerEpoch: 2, baseSequence: 10, transactional: true });
    const r = await validateProducedBatch(batch, opts());
    expect(r).toMatchObject({
      ok: true,
      sizeInBytes: batch.length,
      lastOffsetDelta: 2,
      recordsCount: 3,
      maxTimestamp: NOW - 5,
      offsetDeltaOfMaxTimestamp: 1,
      timestampType: 'CreateTime',
      producerId: 5n,
      producerEpoch: 2,
      baseSequence: 10,
      isTransactional: true,
      compression: 0,
    });
  });

  for (const codec of [1, 2, 3, 4] as CompressionCodecId[]) {
    it(`a good batch compressed with codec ${codec}`, async () => {
      const batch = await buildRecordBatch(threeRecords, { now: NOW, compression: codec });
      const r = await validateProducedBatch(batch, opts());
      expect(r.ok && r.compression).toBe(codec);
      expect(r.ok && r.maxTimestamp).toBe(NOW - 5);
    });
  }

  it('a batch followed by a partial one, which Kafka trims off', async () => {
    const batch = good();
    const r = await validateProducedBatch(Buffer.concat([batch, batch.subarray(0, 30)]), opts());
    expect(r.ok && r.sizeInBytes).toBe(batch.length);
    expect(r.ok && r.batch.length).toBe(batch.length);
  });
});

describe('validateProducedBatch refuses (Kafka 3.9 error for each)', () => {
  it('a wrong CRC: CORRUPT_MESSAGE', async () => {
    await expectError(patched(good(), (b) => (b[b.length - 1] ^= 1), false), 'CORRUPT_MESSAGE', {}, /stored crc/);
  });

  it('a truncated batch: INVALID_RECORD (no complete batch)', async () => {
    const b = good();
    await expectError(b.subarray(0, b.length - 1), 'INVALID_RECORD', {}, /at least one record batch/);
    await expectError(b.subarray(0, 5), 'INVALID_RECORD');
  });

  it('two batches: INVALID_RECORD', async () => {
    await expectError(Buffer.concat([good(), good()]), 'INVALID_RECORD', {}, /exactly one record batch/);
  });

  it('a batchLength below 14: CORRUPT_MESSAGE', async () => {
    await expectError(patched(good(), (b) => b.writeInt32BE(5, 8), false), 'CORRUPT_MESSAGE', {}, /minimum record overhead/);
  });

  it('magic 1: INVALID_RECORD; magic 3: CORRUPT_MESSAGE', async () => {
    await expectError(patched(good(), (b) => (b[16] = 1)), 'INVALID_RECORD', {}, /magic version 2/);
    await expectError(patched(good(), (b) => (b[16] = 3)), 'CORRUPT_MESSAGE', {}, /Invalid magic/);
  });

  it('a non-zero baseOffset: INVALID_RECORD', async () => {
    await expectError(patched(good(), (b) => b.writeBigInt64BE(5n, 0)), 'INVALID_RECORD', {}, /should be 0/);
  });

  it('records count disagreeing with lastOffsetDelta: INVALID_RECORD', async () => {
    await expectError(patched(good(), (b) => b.writeInt32BE(4, 23)), 'INVALID_RECORD', {}, /Inconsistent batch offset range/);
    await expectError(patched(good(), (b) => b.writeInt32BE(-1, 23)), 'INVALID_RECORD', {}, /invalid offset range/);
  });

  it('recordsCount larger than the records present: INVALID_RECORD', async () => {
    const b = patched(good(), (x) => {
      x.writeInt32BE(3, 23);
      x.writeInt32BE(4, 57);
    });
    await expectError(b, 'INVALID_RECORD', {}, /records end after 3 of 4/);
  });

  it('bad offset deltas: INVALID_RECORD', async () => {
    const records = encodeRecords([{ value: 'x' }, { value: 'y' }], NOW, NOW);
    // Each record is 8 bytes: length, attributes, timestampDelta, offsetDelta, key -1, value length, 'x'/'y', 0 headers.
    // The second record's offset delta (byte 11) is zig-zag 1 = 0x02; make it 2 (0x04).
    expect(records.subarray(8).toString('hex')).toBe('0e00000201027900');
    records[11] = 0x04;
    await expectError(withRecordsArea(records, 2), 'INVALID_RECORD', {}, /offset delta 2/);
  });

  it('bytes left over after the last record: INVALID_RECORD', async () => {
    const records = Buffer.concat([encodeRecords([{ value: 'x' }], NOW, NOW), Buffer.from([0])]);
    await expectError(withRecordsArea(records, 1), 'INVALID_RECORD', {}, /bytes remain/);
  });

  it('a record whose length overruns the batch: INVALID_RECORD', async () => {
    const records = encodeRecords([{ value: 'x' }], NOW, NOW);
    records[0] = 0x7e; // length 63
    await expectError(withRecordsArea(records, 1), 'INVALID_RECORD', {}, /invalid record size/);
  });

  it('a control batch from a client: INVALID_RECORD', async () => {
    const marker = buildTransactionMarkerBatch({ type: 'COMMIT', coordinatorEpoch: 0, producerId: 1, producerEpoch: 0, timestamp: NOW });
    await expectError(marker, 'INVALID_RECORD', {}, /control records/);
  });

  it('codec 7: INVALID_RECORD', async () => {
    await expectError(patched(good(), (b) => b.writeInt16BE(7, 21)), 'INVALID_RECORD', {}, /Unknown compression type id: 7/);
  });

  it('zstd on Produce v6: UNSUPPORTED_COMPRESSION_TYPE; accepted on v7', async () => {
    const batch = await buildRecordBatch(threeRecords, { now: NOW, compression: CompressionCodec.ZSTD });
    await expectError(batch, 'UNSUPPORTED_COMPRESSION_TYPE', { produceVersion: 6 }, /ZStandard/);
    expect((await validateProducedBatch(batch, opts({ produceVersion: 7 }))).ok).toBe(true);
  });

  it('a batch over max.message.bytes: MESSAGE_TOO_LARGE', async () => {
    const b = good();
    await expectError(b, 'MESSAGE_TOO_LARGE', { maxMessageBytes: b.length - 1 });
    expect((await validateProducedBatch(b, opts({ maxMessageBytes: b.length }))).ok).toBe(true);
  });

  it('a batch over segment.bytes: RECORD_LIST_TOO_LARGE', async () => {
    await expectError(good(), 'RECORD_LIST_TOO_LARGE', { segmentBytes: 50 });
  });

  it('a compressed batch that inflates past the cap: MESSAGE_TOO_LARGE', async () => {
    const big = Array.from({ length: 50 }, () => ({ value: Buffer.alloc(100_000), timestamp: NOW }));
    const batch = await buildRecordBatch(big, { now: NOW, compression: CompressionCodec.GZIP });
    expect(batch.length).toBeLessThan(100_000);
    await expectError(batch, 'MESSAGE_TOO_LARGE', { maxDecompressedBytes: 1_000_000 }, /refusing to inflate/);
  });

  it('a compressed batch whose payload is not valid: CORRUPT_MESSAGE', async () => {
    const batch = await buildRecordBatch(threeRecords, { now: NOW, compression: CompressionCodec.LZ4 });
    await expectError(patched(batch, (b) => b.fill(0x55, 61 + 7, 61 + 12)), 'CORRUPT_MESSAGE');
  });

  it('an idempotent batch without a sequence: INVALID_RECORD', async () => {
    await expectError(buildRecordBatchSync(threeRecords, { now: NOW, producerId: 3, producerEpoch: 0 }), 'INVALID_RECORD', {}, /sequence/);
  });

  it('timestamps outside message.timestamp.before/after.max.ms: INVALID_TIMESTAMP with record errors', async () => {
    const batch = buildRecordBatchSync([{ value: 'old', timestamp: NOW - 10_000 }, { value: 'ok', timestamp: NOW }, { value: 'future', timestamp: NOW + 5000 }]);
    const r = await expectError(batch, 'INVALID_TIMESTAMP', { timestampBeforeMaxMs: 1000, timestampAfterMaxMs: 1000 });
    expect(r.recordErrors.map((e) => e.batchIndex)).toEqual([0, 2]);
    expect(r.recordErrors[0].message).toMatch(/out of range/);
  });

  it('a producer-set LogAppendTime on a LogAppendTime topic: INVALID_TIMESTAMP', async () => {
    const batch = buildRecordBatchSync(threeRecords, { now: NOW, timestampType: 'LogAppendTime' });
    await expectError(batch, 'INVALID_TIMESTAMP', { timestampType: 'LogAppendTime' });
  });

  it('a null key on a compacted topic: INVALID_RECORD with the record index', async () => {
    const r = await expectError(good(), 'INVALID_RECORD', { compactedTopic: true }, /1 record errors/);
    expect(r.recordErrors).toEqual([{ batchIndex: 1, message: 'Compacted topic cannot accept message without key' }]);
  });
});

describe('stampBatchForAppend', () => {
  async function validated(batch: Buffer, o: Partial<ProducedBatchOptions> = {}): Promise<ValidatedBatch> {
    const r = await validateProducedBatch(batch, opts(o));
    if (!r.ok) throw new Error(r.message);
    return r;
  }

  it('rewrites baseOffset and leader epoch without touching the CRC for CreateTime', async () => {
    const v = await validated(good());
    const crcBefore = v.batch.readUInt32BE(17);
    expect(stampBatchForAppend(v.batch, { baseOffset: 1000, partitionLeaderEpoch: 7, timestampType: v.timestampType, maxTimestamp: v.maxTimestamp })).toBe(false);
    expect(v.batch.readUInt32BE(17)).toBe(crcBefore);
    const d = decodeRecordBatchSync(v.batch);
    expect(d.header.partitionLeaderEpoch).toBe(7);
    expect(!d.isControl && d.records.map((r) => r.offset)).toEqual([1000, 1001, 1002]);
  });

  it('sets LogAppendTime, maxTimestamp and a valid CRC', async () => {
    const v = await validated(good(), { timestampType: 'LogAppendTime' });
    expect(v.maxTimestamp).toBe(NOW);
    expect(stampBatchForAppend(v.batch, { baseOffset: 5, partitionLeaderEpoch: 0, timestampType: 'LogAppendTime', maxTimestamp: v.maxTimestamp })).toBe(true);
    expect(isBatchCrcValid(v.batch)).toBe(true);
    const d = decodeRecordBatchSync(v.batch);
    expect(d.timestampType).toBe('LogAppendTime');
    expect(!d.isControl && d.records.map((r) => r.timestamp)).toEqual([NOW, NOW, NOW]);
  });

  it('corrects a wrong client maxTimestamp as Kafka does', async () => {
    const v = await validated(patched(good(), (b) => b.writeBigInt64BE(1n, 35)));
    expect(stampBatchForAppend(v.batch, { baseOffset: 0, partitionLeaderEpoch: 0, timestampType: 'CreateTime', maxTimestamp: v.maxTimestamp })).toBe(true);
    expect(decodeRecordBatchSync(v.batch).header.maxTimestamp).toBe(BigInt(NOW - 5));
  });
});

describe('validation speed (uncompressed hot path)', () => {
  it('walks well over 100k records per second', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => ({ key: `key-${i}`, value: Buffer.alloc(100, i), timestamp: NOW, headers: [{ key: 'h', value: 'v' }] }));
    const batch = buildRecordBatchSync(records, { now: NOW });
    await validateProducedBatch(batch, opts({ maxMessageBytes: 10_000_000 }));
    const started = performance.now();
    const rounds = 10;
    for (let i = 0; i < rounds; i++) {
      const r = await validateProducedBatch(batch, opts({ maxMessageBytes: 10_000_000 }));
      expect(r.ok).toBe(true);
    }
    const perSecond = (rounds * records.length) / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(300_000);
  });
});
