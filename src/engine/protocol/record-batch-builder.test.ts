import { describe, expect, it } from 'vitest';
import { buildRecordBatchSync, buildTransactionMarkerBatch } from './record-batch-builder';
import { decodeRecordBatchSync } from './record-batch-decoder';

/** Bitwise CRC-32C (reflected 0x82F63B78), independent of the native one the code uses. */
function referenceCrc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const T = 1700000000000; // 0x0000018BCFE56800

describe('reference CRC-32C', () => {
  it('gives the standard check value', () => {
    expect(referenceCrc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });
});

describe('buildRecordBatch golden bytes (record-batch-v2.md §1, §3, §4)', () => {
  // Three records: key+value; null key with a header; null value with a null-valued header.
  const records = hex(`
    14 00 00 00 04 6b31 04 7631 00
    18 00 0a 02 01 04 7632 02 02 68 02 78
    16 00 04 04 04 6b33 01 02 02 6e 01`);
  const afterCrc = Buffer.concat([
    hex(`0000 00000002 0000018bcfe56800 0000018bcfe56805 ffffffffffffffff ffff ffffffff 00000003`),
    records,
  ]);
  const crc = referenceCrc32c(afterCrc);
  const expected = Buffer.concat([
    hex(`0000000000000000 00000055 ffffffff 02`),
    Buffer.from([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]),
    afterCrc,
  ]);

  it('writes every byte as the spec says', () => {
    const built = buildRecordBatchSync(
      [
        { key: 'k1', value: 'v1', timestamp: T },
        { key: null, value: 'v2', timestamp: T + 5, headers: [{ key: 'h', value: 'x' }] },
        { key: 'k3', value: null, timestamp: T + 2, headers: [{ key: 'n', value: null }] },
      ],
      { now: 0 },
    );
    expect(records.length).toBe(36);
    expect(built.toString('hex')).toBe(expected.toString('hex'));
    expect(crc).toBe(0x9d794a23); // pinned so a change in the reference function cannot go unnoticed
  });

  it('decodes the hand-built bytes', () => {
    const batch = decodeRecordBatchSync(expected);
    expect(batch.isControl).toBe(false);
    if (batch.isControl) return;
    expect(batch.sizeInBytes).toBe(97);
    expect(batch.records).toEqual([
      { offset: 0, timestamp: T, key: Buffer.from('k1'), value: Buffer.from('v1'), headers: [] },
      { offset: 1, timestamp: T + 5, key: null, value: Buffer.from('v2'), headers: [{ key: 'h', value: Buffer.from('x') }] },
      { offset: 2, timestamp: T + 2, key: Buffer.from('k3'), value: null, headers: [{ key: 'n', value: null }] },
    ]);
  });
});

describe('buildTransactionMarkerBatch golden bytes (§6)', () => {
  const record = hex(`20 00 00 00 08 00000001 0c 000000000003 00`);
  const afterCrc = Buffer.concat([
    hex(`0030 00000000 0000018bcfe56800 0000018bcfe56800 0000000000000007 0001 ffffffff 00000001`),
    record,
  ]);
  const crc = referenceCrc32c(afterCrc);
  const expected = Buffer.concat([
    hex(`000000000000002a 00000042 00000005 02`),
    Buffer.from([crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff]),
    afterCrc,
  ]);

  it('writes a COMMIT marker byte for byte', () => {
    const built = buildTransactionMarkerBatch({
      type: 'COMMIT',
      coordinatorEpoch: 3,
      producerId: 7,
      producerEpoch: 1,
      baseOffset: 42,
      partitionLeaderEpoch: 5,
      timestamp: T,
    });
    expect(built.toString('hex')).toBe(expected.toString('hex'));
  });

  it('decodes to a control record', () => {
    const batch = decodeRecordBatchSync(expected);
    expect(batch.isControl).toBe(true);
    expect(batch.isTransactional).toBe(true);
    if (!batch.isControl) return;
    expect(batch.controlRecords).toEqual([{ offset: 42, timestamp: T, type: 'COMMIT', typeId: 1, coordinatorEpoch: 3 }]);
    expect(batch.header.producerId).toBe(7n);
  });

  it('writes ABORT with type 0', () => {
    const built = buildTransactionMarkerBatch({ type: 'ABORT', coordinatorEpoch: 9, producerId: 1, producerEpoch: 0, timestamp: T });
    const batch = decodeRecordBatchSync(built);
    expect(batch.isControl && batch.controlRecords[0]).toMatchObject({ type: 'ABORT', typeId: 0, coordinatorEpoch: 9 });
  });
});

describe('buildRecordBatch options', () => {
  it('writes producer fields, flags and LogAppendTime maxTimestamp', () => {
    const built = buildRecordBatchSync([{ value: 'a', timestamp: 10 }, { value: 'b', timestamp: 30 }], {
      baseOffset: 2n ** 40n,
      partitionLeaderEpoch: 3,
      producerId: 99,
      producerEpoch: 4,
      baseSequence: 17,
      transactional: true,
      timestampType: 'LogAppendTime',
      logAppendTime: 5000,
    });
    const b = decodeRecordBatchSync(built);
    expect(b.header).toMatchObject({
      baseOffset: 2n ** 40n,
      partitionLeaderEpoch: 3,
      attributes: 0x18,
      lastOffsetDelta: 1,
      baseTimestamp: 10n,
      maxTimestamp: 5000n,
      producerId: 99n,
      producerEpoch: 4,
      baseSequence: 17,
      recordsCount: 2,
    });
    expect(b.timestampType).toBe('LogAppendTime');
    // LogAppendTime: every record reads maxTimestamp, not its delta.
    expect(!b.isControl && b.records.map((r) => [r.offset, r.timestamp])).toEqual([
      [2 ** 40, 5000],
      [2 ** 40 + 1, 5000],
    ]);
  });

  it('writes large negative and positive timestamp deltas exactly', () => {
    const built = buildRecordBatchSync([{ value: 'a', timestamp: T }, { value: 'b', timestamp: 1 }, { value: 'c', timestamp: T * 2 }]);
    const b = decodeRecordBatchSync(built);
    expect(!b.isControl && b.records.map((r) => r.timestamp)).toEqual([T, 1, T * 2]);
    expect(b.header.maxTimestamp).toBe(BigInt(T * 2));
  });

  it('refuses an empty batch', () => {
    expect(() => buildRecordBatchSync([])).toThrow(RangeError);
  });
});
