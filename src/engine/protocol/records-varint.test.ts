import { describe, expect, it } from 'vitest';
import { RecordsCursor, RecordsFormatError, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './records-varint';

const enc = (write: typeof writeVarint, n: number) => {
  const b = Buffer.alloc(10);
  return b.subarray(0, write(b, 0, n)).toString('hex');
};

describe('zig-zag varints (record-batch-v2.md §4 examples)', () => {
  const examples: [number, string][] = [
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [64, '8001'],
    [300, 'd804'],
  ];
  for (const [n, hex] of examples) {
    it(`${n} ⇄ ${hex}`, () => {
      expect(enc(writeVarint, n)).toBe(hex);
      expect(enc(writeVarlong, n)).toBe(hex);
      expect(new RecordsCursor(Buffer.from(hex, 'hex'), 0, hex.length / 2).readVarint()).toBe(n);
      expect(new RecordsCursor(Buffer.from(hex, 'hex'), 0, hex.length / 2).readVarlong()).toBe(n);
    });
  }

  it('round-trips int32 extremes and large varlongs', () => {
    for (const n of [2 ** 31 - 1, -(2 ** 31), 123456789, -987654321]) {
      const b = Buffer.alloc(5);
      expect(writeVarint(b, 0, n)).toBe(sizeOfVarint(n));
      expect(new RecordsCursor(b, 0, 5).readVarint()).toBe(n);
    }
    for (const n of [2 ** 40, -(2 ** 40) - 3, 1_700_000_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 28, -(2 ** 28) - 1]) {
      const b = Buffer.alloc(10);
      expect(writeVarlong(b, 0, n)).toBe(sizeOfVarlong(n));
      expect(new RecordsCursor(b, 0, 10).readVarlong()).toBe(n);
    }
  });

  it('matches a BigInt reference encoding for varlongs', () => {
    const reference = (n: bigint) => {
      let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
      const out: number[] = [];
      while (z >= 0x80n) {
        out.push(Number(z & 0x7fn) | 0x80);
        z >>= 7n;
      }
      out.push(Number(z));
      return Buffer.from(out).toString('hex');
    };
    for (const n of [0, 5, -5, 2 ** 35 + 17, -(2 ** 45) + 1, 2 ** 52 + 1]) expect(enc(writeVarlong, n)).toBe(reference(BigInt(n)));
  });

  it('refuses over-long and truncated varints', () => {
    expect(() => new RecordsCursor(Buffer.from('ffffffffff01', 'hex'), 0, 6).readVarint()).toThrow(RecordsFormatError);
    expect(() => new RecordsCursor(Buffer.from('ff', 'hex'), 0, 1).readVarint()).toThrow(RecordsFormatError);
    expect(() => new RecordsCursor(Buffer.from('ffffffffffffffffffff01', 'hex'), 0, 11).readVarlong()).toThrow(RecordsFormatError);
  });
});
