import { gzipSync } from 'node:zlib';
import { compressFrameSync } from 'lz4-napi';
import { compressSync as snappyRaw } from 'snappy';
import { compress as zstdNative } from '@mongodb-js/zstd';
import { describe, expect, it } from 'vitest';
import {
  CompressionCodec,
  CompressionFormatError,
  DecompressionLimitError,
  SyncCompressionUnavailableError,
  compress,
  compressSync,
  decompress,
  decompressSync,
  lz4DecompressedBound,
  zstdDecompressedBound,
  type CompressionCodecId,
} from './index';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const sample = Buffer.from(Array.from({ length: 300_000 }, (_, i) => `record-${i % 977};`).join(''));
const codecs: [string, CompressionCodecId][] = [
  ['gzip', CompressionCodec.GZIP],
  ['snappy', CompressionCodec.SNAPPY],
  ['lz4', CompressionCodec.LZ4],
  ['zstd', CompressionCodec.ZSTD],
];

describe('round trips', () => {
  for (const [name, codec] of codecs) {
    it(`${name}: async compress/decompress`, async () => {
      const packed = await compress(codec, sample);
      expect(packed.length).toBeLessThan(sample.length / 2);
      expect((await decompress(codec, packed)).equals(sample)).toBe(true);
    });
    it(`${name}: empty input`, async () => {
      expect((await decompress(codec, await compress(codec, Buffer.alloc(0)))).length).toBe(0);
    });
  }
  for (const [name, codec] of codecs.slice(0, 3)) {
    it(`${name}: sync compress/decompress`, () => {
      expect(decompressSync(codec, compressSync(codec, sample)).equals(sample)).toBe(true);
    });
  }
  it('codec 0 passes bytes through', async () => {
    expect(await compress(CompressionCodec.NONE, sample)).toBe(sample);
    expect(decompressSync(CompressionCodec.NONE, sample)).toBe(sample);
  });
  it('zstd has no sync variant and says so', () => {
    expect(() => compressSync(CompressionCodec.ZSTD, sample)).toThrow(SyncCompressionUnavailableError);
    expect(() => decompressSync(CompressionCodec.ZSTD, sample)).toThrow(SyncCompressionUnavailableError);
  });
});

describe('snappy framings', () => {
  // Hand-built from the definitions: a raw block is `varint length` + elements; a literal of n ≤ 60
  // bytes has tag (n-1)<<2. xerial: magic, int32 version 1, int32 compatible version 1, then
  // `int32 length, raw block` per block.
  const rawAbc = hex('03 08 616263');
  const rawDe = hex('02 04 6465');
  const xerialAbc = hex('82534e4150505900 00000001 00000001 00000005 03 08 616263');

  it('decodes a hand-built raw block', () => {
    expect(decompressSync(CompressionCodec.SNAPPY, rawAbc).toString()).toBe('abc');
  });

  it('decodes hand-built xerial framing with several blocks', async () => {
    const twoBlocks = Buffer.concat([xerialAbc, hex('00000004'), rawDe]);
    expect(decompressSync(CompressionCodec.SNAPPY, twoBlocks).toString()).toBe('abcde');
    expect((await decompress(CompressionCodec.SNAPPY, twoBlocks)).toString()).toBe('abcde');
  });

  it('encodes xerial framing byte for byte', () => {
    expect(compressSync(CompressionCodec.SNAPPY, Buffer.from('abc'), { snappyFraming: 'xerial' }).toString('hex')).toBe(
      xerialAbc.toString('hex'),
    );
  });

  it('encodes raw by default (librdkafka style)', () => {
    expect(compressSync(CompressionCodec.SNAPPY, Buffer.from('abc')).toString('hex')).toBe(rawAbc.toString('hex'));
  });

  it('splits xerial output into 32 KiB blocks and reads it back', () => {
    const framed = compressSync(CompressionCodec.SNAPPY, sample, { snappyFraming: 'xerial' });
    expect(framed.readInt32BE(8)).toBe(1);
    expect(decompressSync(CompressionCodec.SNAPPY, framed).equals(sample)).toBe(true);
  });

  it('rejects a xerial block that overruns the payload', () => {
    const bad = Buffer.concat([xerialAbc.subarray(0, 16), hex('00000009 0308616263')]);
    expect(() => decompressSync(CompressionCodec.SNAPPY, bad)).toThrow(CompressionFormatError);
  });
});

describe('lz4 frames', () => {
  it('writes standard frames (magic 0x184D2204, version 01)', () => {
    const frame = compressSync(CompressionCodec.LZ4, sample);
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4] >> 6).toBe(1);
  });

  it('reads frames with block and content checksums', () => {
    const frame = compressFrameSync(sample, { blockChecksums: true, contentChecksum: true });
    expect(frame[4] & 0x14).toBe(0x14);
    expect(decompressSync(CompressionCodec.LZ4, frame).equals(sample)).toBe(true);
  });

  it('bounds the output from block headers', () => {
    const frame = compressSync(CompressionCodec.LZ4, sample);
    const bound = lz4DecompressedBound(frame);
    expect(bound).toBeGreaterThanOrEqual(sample.length);
    expect(bound).toBeLessThanOrEqual(sample.length + 4 * 1024 * 1024);
  });

  it('rejects a bad magic', () => {
    expect(() => decompressSync(CompressionCodec.LZ4, hex('0102030405060708'))).toThrow(CompressionFormatError);
  });
});

describe('decompression bombs are refused before inflating', () => {
  const zeros = Buffer.alloc(16 * 1024 * 1024);
  const cap = { maxBytes: 1024 * 1024 };

  it('gzip', async () => {
    const bomb = gzipSync(zeros);
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => decompressSync(CompressionCodec.GZIP, bomb, cap)).toThrow(DecompressionLimitError);
    await expect(decompress(CompressionCodec.GZIP, bomb, cap)).rejects.toThrow(/limit of 1048576 bytes/);
  });

  it('snappy (raw and xerial)', async () => {
    expect(() => decompressSync(CompressionCodec.SNAPPY, snappyRaw(zeros), cap)).toThrow(DecompressionLimitError);
    const xerial = compressSync(CompressionCodec.SNAPPY, zeros, { snappyFraming: 'xerial' });
    await expect(decompress(CompressionCodec.SNAPPY, xerial, cap)).rejects.toThrow(DecompressionLimitError);
  });

  it('lz4', () => {
    expect(() => decompressSync(CompressionCodec.LZ4, compressFrameSync(zeros), cap)).toThrow(DecompressionLimitError);
  });

  it('zstd', async () => {
    const bomb = await zstdNative(zeros, 19);
    expect(zstdDecompressedBound(bomb)).toBeGreaterThanOrEqual(zeros.length);
    await expect(decompress(CompressionCodec.ZSTD, bomb, cap)).rejects.toThrow(DecompressionLimitError);
  });

  it('lets data at the cap through', async () => {
    const exact = { maxBytes: sample.length };
    for (const [, codec] of codecs) {
      const packed = await compress(codec, sample);
      const bound = codec === CompressionCodec.LZ4 ? lz4DecompressedBound(packed) : codec === CompressionCodec.ZSTD ? zstdDecompressedBound(packed) : sample.length;
      expect((await decompress(codec, packed, { maxBytes: Math.max(exact.maxBytes, bound) })).equals(sample)).toBe(true);
    }
    await expect(decompress(CompressionCodec.GZIP, await compress(CompressionCodec.GZIP, sample), exact)).resolves.toHaveLength(sample.length);
  });
});

describe('garbage input', () => {
  for (const [name, codec] of codecs) {
    it(`${name} gives CompressionFormatError`, async () => {
      await expect(decompress(codec, Buffer.from('definitely not compressed data'))).rejects.toThrow(CompressionFormatError);
    });
  }
});
