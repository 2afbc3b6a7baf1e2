import { zstdCodec } from './native-codecs';
import { CompressionFormatError, DecompressionLimitError } from './compression-errors';

/** zstd frame format (RFC 8878 §3.1). */
const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Block_Maximum_Size: no block decompresses to more than 128 KiB. */
const BLOCK_MAX = 128 * 1024;
const DICT_ID_SIZES = [0, 1, 2, 4];
const FCS_SIZES = [0, 2, 4, 8];

export async function zstdCompress(data: Buffer, level = 3): Promise<Buffer> {
  return zstdCodec().compress(data, level);
}

export async function zstdDecompress(data: Buffer, maxBytes: number): Promise<Buffer> {
  const bound = zstdDecompressedBound(data);
  if (bound > maxBytes) throw new DecompressionLimitError(maxBytes, undefined, 'zstd');
  try {
    return await zstdCodec().decompress(data);
  } catch (err) {
    throw new CompressionFormatError(`invalid zstd frame: ${(err as Error).message}`);
  }
}

/**
 * An upper bound of the decompressed size from the block headers: raw and RLE blocks state their
 * size, a compressed block counts as the 128 KiB maximum. The native decoder has no output cap, so
 * this walk is what keeps a bomb from being inflated.
 */
export function zstdDecompressedBound(data: Buffer): number {
  if (data.length === 0) throw new CompressionFormatError('empty zstd payload');
  let pos = 0;
  let total = 0;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new CompressionFormatError(`zstd frame magic truncated at byte ${pos}`);
    const magic = data.readUInt32LE(pos);
    if (((magic & SKIPPABLE_MASK) >>> 0) === SKIPPABLE_MAGIC) {
      if (pos + 8 > data.length) throw new CompressionFormatError('zstd skippable frame truncated');
      pos += 8 + data.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new CompressionFormatError(`bad zstd frame magic 0x${magic.toString(16)} at byte ${pos}`);
    if (pos + 5 > data.length) throw new CompressionFormatError('zstd frame header truncated');
    const fhd = data[pos + 4];
    const singleSegment = (fhd & 0x20) !== 0;
    const checksum = (fhd & 0x04) !== 0;
    const fcsFlag = fhd >> 6;
    const fcsSize = fcsFlag === 0 && singleSegment ? 1 : FCS_SIZES[fcsFlag];
    pos += 5 + (singleSegment ? 0 : 1) + DICT_ID_SIZES[fhd & 0x03] + fcsSize;
    for (;;) {
      if (pos + 3 > data.length) throw new CompressionFormatError('zstd block header truncated');
      const header = data[pos] | (data[pos + 1] << 8) | (data[pos + 2] << 16);
      pos += 3;
      const last = (header & 1) !== 0;
      const type = (header >> 1) & 0x03;
      const size = header >>> 3;
      if (type === 3) throw new CompressionFormatError('reserved zstd block type');
      if (size > BLOCK_MAX) throw new CompressionFormatError(`zstd block of ${size} bytes exceeds 128 KiB`);
      const contentSize = type === 1 ? 1 : size;
      if (pos + contentSize > data.length) throw new CompressionFormatError('zstd block truncated');
      total += type === 2 ? BLOCK_MAX : size;
      pos += contentSize;
      if (last) break;
    }
    if (checksum) pos += 4;
    if (pos > data.length) throw new CompressionFormatError('zstd frame checksum truncated');
  }
  return total;
}
