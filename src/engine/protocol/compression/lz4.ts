import { lz4Codec } from './native-codecs';
import { CompressionFormatError, DecompressionLimitError } from './compression-errors';

/** LZ4 frame format (lz4_Frame_format.md): Kafka v1+ batches carry standard frames with a correct header checksum. */
export const LZ4_FRAME_MAGIC = 0x184d2204;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const BLOCK_MAX_SIZES: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
/** An LZ4 sequence turns one input byte into at most 255 output bytes (one 255 match-length byte). */
const MAX_RATIO = 255;

export function lz4CompressSync(data: Buffer): Buffer {
  return lz4Codec().compressFrameSync(data);
}

export function lz4Compress(data: Buffer): Promise<Buffer> {
  return lz4Codec().compressFrame(data);
}

export function lz4DecompressSync(data: Buffer, maxBytes: number): Buffer {
  checkBound(data, maxBytes);
  try {
    return lz4Codec().decompressFrameSync(data);
  } catch (err) {
    throw new CompressionFormatError(`invalid lz4 frame: ${(err as Error).message}`);
  }
}

export async function lz4Decompress(data: Buffer, maxBytes: number): Promise<Buffer> {
  checkBound(data, maxBytes);
  try {
    return await lz4Codec().decompressFrame(data);
  } catch (err) {
    throw new CompressionFormatError(`invalid lz4 frame: ${(err as Error).message}`);
  }
}

function checkBound(data: Buffer, maxBytes: number): void {
  const bound = lz4DecompressedBound(data);
  if (bound > maxBytes) throw new DecompressionLimitError(maxBytes, undefined, 'lz4');
}

/**
 * An upper bound of what the frames in `data` decompress to, from their block headers alone, so the
 * cap holds before the native decoder allocates anything. A compressed block counts as the smaller
 * of the frame's block maximum and 255× its size; a stored block counts as its size. For full blocks
 * (every block but the last, as Kafka and librdkafka write them) the bound is exact.
 */
export function lz4DecompressedBound(data: Buffer): number {
  let pos = 0;
  let total = 0;
  if (data.length === 0) throw new CompressionFormatError('empty lz4 payload');
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new CompressionFormatError(`lz4 frame magic truncated at byte ${pos}`);
    const magic = data.readUInt32LE(pos);
    if (((magic & SKIPPABLE_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      if (pos + 8 > data.length) throw new CompressionFormatError('lz4 skippable frame truncated');
      pos += 8 + data.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== LZ4_FRAME_MAGIC) {
      throw new CompressionFormatError(`bad lz4 frame magic 0x${magic.toString(16)} at byte ${pos}`);
    }
    if (pos + 7 > data.length) throw new CompressionFormatError('lz4 frame descriptor truncated');
    const flg = data[pos + 4];
    const bd = data[pos + 5];
    const blockMax = BLOCK_MAX_SIZES[(bd >> 4) & 0x07];
    if ((flg >> 6) !== 1 || blockMax === undefined) {
      throw new CompressionFormatError(`unsupported lz4 frame descriptor FLG=0x${flg.toString(16)} BD=0x${bd.toString(16)}`);
    }
    const blockChecksum = (flg & 0x10) !== 0;
    const contentSize = (flg & 0x08) !== 0;
    const contentChecksum = (flg & 0x04) !== 0;
    const dictId = (flg & 0x01) !== 0;
    pos += 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
    for (;;) {
      if (pos + 4 > data.length) throw new CompressionFormatError('lz4 frame ends without an end mark');
      const word = data.readUInt32LE(pos);
      pos += 4;
      if (word === 0) break;
      const stored = (word & 0x80000000) !== 0;
      const size = word & 0x7fffffff;
      if (size > blockMax || pos + size > data.length) {
        throw new CompressionFormatError(`lz4 block of ${size} bytes does not fit the frame`);
      }
      total += stored ? size : Math.min(blockMax, size * MAX_RATIO);
      pos += size + (blockChecksum ? 4 : 0);
    }
    if (contentChecksum) pos += 4;
    if (pos > data.length) throw new CompressionFormatError('lz4 frame checksum truncated');
  }
  return total;
}
