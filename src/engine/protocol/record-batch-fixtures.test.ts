import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isXerialFramed } from './compression/snappy';
import { decodeRecordBatches, type DecodedRecordBatch } from './record-batch-decoder';
import { isBatchCrcValid } from './record-batch-header';
import { validateProducedBatch } from './record-batch-validator';

// Records bytes captured from real Produce v7 requests by scripts/capture-client-records.mjs
// (kcat 1.7.1 / librdkafka 2.0.2, and kafkajs 2.2.4).
function fixture(name: string): Buffer {
  const path = fileURLToPath(new URL(`./fixtures/records/${name}.hex`, import.meta.url));
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

function records(batch: DecodedRecordBatch) {
  if (batch.isControl) throw new Error('expected a data batch');
  return batch.records.map((r) => ({
    offset: r.offset,
    key: r.key?.toString() ?? null,
    value: r.value?.toString() ?? null,
    headers: r.headers.map((h) => [h.key, h.value?.toString() ?? null]),
  }));
}

const kcatExpected = [
  { offset: 0, key: 'k1', value: 'first value', headers: [['trace', 'abc']] },
  { offset: 1, key: 'k2', value: 'second value', headers: [['trace', 'abc']] },
  { offset: 2, key: 'k3', value: 'repeat '.repeat(40), headers: [['trace', 'abc']] },
];

describe('kcat (librdkafka 2.0.2) batches', () => {
  const codecs: [string, number][] = [
    ['none', 0],
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ];
  for (const [name, id] of codecs) {
    it(`-z ${name}: decodes, and passes validation as Produce v7`, async () => {
      const bytes = fixture(`kcat-${name}`);
      expect(isBatchCrcValid(bytes)).toBe(true);
      const [batch, ...rest] = await decodeRecordBatches(bytes);
      expect(rest).toEqual([]);
      expect(batch.compression).toBe(id);
      expect(records(batch)).toEqual(kcatExpected);
      const ts = Number(batch.header.baseTimestamp);
      expect(!batch.isControl && batch.records.every((r) => r.timestamp >= ts && r.timestamp <= Number(batch.header.maxTimestamp))).toBe(true);

      const v = await validateProducedBatch(bytes, { produceVersion: 7, now: ts });
      expect(v).toMatchObject({ ok: true, recordsCount: 3, lastOffsetDelta: 2, compression: id, producerId: -1n });
    });
  }

  it('sends snappy as one raw block, not the xerial stream', () => {
    expect(isXerialFramed(fixture('kcat-snappy').subarray(61))).toBe(false);
  });

  it('sends a standard LZ4 frame (magic 0x184D2204, 64 KiB independent blocks)', () => {
    const frame = fixture('kcat-lz4').subarray(61);
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4] & 0xe0).toBe(0x60);
    expect(frame[5]).toBe(0x40);
  });
});

describe('kafkajs 2.2.4 batches', () => {
  const expected = [
    { offset: 0, key: 'js1', value: 'kafkajs one', headers: [['trace', 'xyz']] },
    { offset: 1, key: null, value: 'kafkajs two', headers: [] },
    { offset: 2, key: 'js3', value: null, headers: [] },
  ];
  for (const [name, id] of [
    ['none', 0],
    ['gzip', 1],
  ] as const) {
    it(`${name}: decodes with the timestamps the producer gave`, async () => {
      const bytes = fixture(`kafkajs-${name}`);
      const [batch] = await decodeRecordBatches(bytes);
      expect(batch.compression).toBe(id);
      expect(records(batch)).toEqual(expected);
      expect(!batch.isControl && batch.records.map((r) => r.timestamp)).toEqual([1700000000000, 1700000000001, 1700000000002]);
      expect((await validateProducedBatch(bytes, { produceVersion: 7, now: 1700000000000 })).ok).toBe(true);
    });
  }
});
