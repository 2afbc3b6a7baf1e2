import { describe, expect, it } from 'vitest';
import { CompressionCodec, type CompressionCodecId } from './compression/codec';
import { buildRecordBatch, buildRecordBatchSync, buildTransactionMarkerBatch } from './record-batch-builder';
import {
  decodeRecordBatch,
  decodeRecordBatches,
  decodeRecordBatchesSync,
  iterateRecordBatches,
  scanRecordBatches,
  type DecodedRecordBatch,
} from './record-batch-decoder';
import { RecordBatchError } from './record-batch-errors';
import type { RecordInput } from './records-codec';

const T = 1_700_000_000_000;
const inputs: RecordInput[] = [
  { key: 'k0', value: 'v0', timestamp: T, headers: [{ key: 'trace', value: 'abc' }, { key: 'empty', value: null }] },
  { key: null, value: Buffer.alloc(5000, 7), timestamp: T + 1 },
  { key: 'k2', value: null, timestamp: T - 3 },
];

function dataRecords(b: DecodedRecordBatch) {
  if (b.isControl) throw new Error('expected a data batch');
  return b.records;
}

describe('decodeRecordBatch round trips', () => {
  for (const codec of [0, 1, 2, 3, 4] as CompressionCodecId[]) {
    it(`codec ${codec}`, async () => {
      const batch = await buildRecordBatch(inputs, { compression: codec, baseOffset: 100 });
      const decoded = await decodeRecordBatch(batch);
      expect(decoded.compression).toBe(codec);
      expect(dataRecords(decoded)).toEqual([
        { offset: 100, timestamp: T, key: Buffer.from('k0'), value: Buffer.from('v0'), headers: [{ key: 'trace', value: Buffer.from('abc') }, { key: 'empty', value: null }] },
        { offset: 101, timestamp: T + 1, key: null, value: Buffer.alloc(5000, 7), headers: [] },
        { offset: 102, timestamp: T - 3, key: Buffer.from('k2'), value: null, headers: [] },
      ]);
    });
  }

  it('reads the Java client snappy stream (xerial framing) inside a batch', async () => {
    const batch = buildRecordBatchSync(inputs, { compression: CompressionCodec.SNAPPY, snappyFraming: 'xerial' });
    expect(batch.subarray(61, 69).toString('hex')).toBe('82534e4150505900');
    expect(dataRecords(await decodeRecordBatch(batch)).map((r) => r.offset)).toEqual([0, 1, 2]);
  });
});

describe('several batches, as a Fetch response or a segment holds them', () => {
  const a = buildRecordBatchSync(inputs, { baseOffset: 0 });
  const b = buildRecordBatchSync([{ value: 'x', timestamp: T }], { baseOffset: 3, compression: CompressionCodec.GZIP });
  const marker = buildTransactionMarkerBatch({ type: 'ABORT', coordinatorEpoch: 2, producerId: 9, producerEpoch: 0, baseOffset: 4, timestamp: T });

  it('yields every complete batch and ignores a partial tail', async () => {
    for (let cut = 0; cut < a.length; cut += 7) {
      const buf = Buffer.concat([a, b, marker, a.subarray(0, cut)]);
      const batches = await decodeRecordBatches(buf);
      expect(batches.map((x) => x.baseOffset)).toEqual([0, 3, 4]);
      expect(batches.map((x) => x.isControl)).toEqual([false, false, true]);
    }
  });

  it('gives the same answer sync, async and by iteration', async () => {
    const buf = Buffer.concat([a, b, marker]);
    const viaIterator: DecodedRecordBatch[] = [];
    for await (const x of iterateRecordBatches(buf)) viaIterator.push(x);
    expect(decodeRecordBatchesSync(buf)).toEqual(await decodeRecordBatches(buf));
    expect(viaIterator).toEqual(await decodeRecordBatches(buf));
  });

  it('scans headers without decoding records', () => {
    const locations = [...scanRecordBatches(Buffer.concat([a, b, marker]))];
    expect(locations.map((l) => [l.position, l.sizeInBytes, Number(l.header.baseOffset)])).toEqual([
      [0, a.length, 0],
      [a.length, b.length, 3],
      [a.length + b.length, marker.length, 4],
    ]);
  });

  it('decodes the control record of the marker', async () => {
    const [, , m] = await decodeRecordBatches(Buffer.concat([a, b, marker]));
    expect(m.isControl && m.controlRecords).toEqual([{ offset: 4, timestamp: T, type: 'ABORT', typeId: 0, coordinatorEpoch: 2 }]);
  });
});

describe('bad batches get a RecordBatchError', () => {
  const good = buildRecordBatchSync(inputs);

  it('a CRC mismatch (unless verifyCrc is off)', async () => {
    const bad = Buffer.from(good);
    bad[200] ^= 0xff; // inside the 5000-byte value: the records stay readable
    await expect(decodeRecordBatch(bad)).rejects.toMatchObject({ error: 'CORRUPT_MESSAGE' });
    await expect(decodeRecordBatch(bad, 0, { verifyCrc: false })).resolves.toBeDefined();
  });

  it('a legacy magic', () => {
    const bad = Buffer.from(good);
    bad[16] = 1;
    expect(() => decodeRecordBatchesSync(bad)).toThrow(RecordBatchError);
  });

  it('a batchLength too small for a v2 header', () => {
    const bad = Buffer.from(good);
    bad.writeInt32BE(20, 8);
    expect(() => decodeRecordBatchesSync(bad)).toThrow(/below the v2 minimum/);
  });

  it('a partial batch asked for directly', async () => {
    await expect(decodeRecordBatch(good.subarray(0, 70))).rejects.toThrow(/no complete record batch/);
  });
});
