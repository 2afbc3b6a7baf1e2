// kafkajs ships only gzip; the other Kafka codecs are plugged in from the project's native
// libraries so kafkajs can produce and read every codec the brokers must handle.
import { compress as zstdCompress, decompress as zstdDecompress } from '@mongodb-js/zstd';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { compressFrameSync, decompressFrameSync } from 'lz4-napi';
import { compressSync as snappyCompress, uncompressSync as snappyUncompress } from 'snappy';

interface Encoder {
  buffer: Buffer;
}

// Java clients frame snappy the xerial way: magic, two versions, then (length, block) pairs.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);

export function snappyDecode(buffer: Buffer): Buffer {
  if (buffer.length < 16 || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) return snappyUncompress(buffer) as Buffer;
  const blocks: Buffer[] = [];
  for (let at = 16; at < buffer.length; ) {
    const size = buffer.readInt32BE(at);
    blocks.push(snappyUncompress(buffer.subarray(at + 4, at + 4 + size)) as Buffer);
    at += 4 + size;
  }
  return Buffer.concat(blocks);
}

let registered = false;

export function registerKafkajsCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as Record<number, () => unknown>;
  codecs[CompressionTypes.Snappy] = () => ({
    compress: async (encoder: Encoder) => snappyCompress(encoder.buffer),
    decompress: async (buffer: Buffer) => snappyDecode(buffer),
  });
  codecs[CompressionTypes.LZ4] = () => ({
    compress: async (encoder: Encoder) => compressFrameSync(encoder.buffer),
    decompress: async (buffer: Buffer) => decompressFrameSync(buffer),
  });
  codecs[CompressionTypes.ZSTD] = () => ({
    compress: async (encoder: Encoder) => zstdCompress(encoder.buffer, 3),
    decompress: async (buffer: Buffer) => zstdDecompress(buffer),
  });
}
