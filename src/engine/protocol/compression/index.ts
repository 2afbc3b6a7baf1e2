import { CompressionCodec, DEFAULT_MAX_DECOMPRESSED_BYTES, type CompressionCodecId } from './codec';
import { SyncCompressionUnavailableError } from './compression-errors';
import { gzipCompress, gzipCompressSync, gzipDecompress, gzipDecompressSync } from './gzip';
import { lz4Compress, lz4CompressSync, lz4Decompress, lz4DecompressSync } from './lz4';
import { snappyCompress, snappyCompressSync, snappyDecompress, snappyDecompressSync, type SnappyFraming } from './snappy';
import { zstdCompress, zstdDecompress } from './zstd';

export * from './codec';
export * from './compression-errors';
export { isXerialFramed, XERIAL_MAGIC, type SnappyFraming } from './snappy';
export { lz4DecompressedBound, LZ4_FRAME_MAGIC } from './lz4';
export { zstdDecompressedBound } from './zstd';

export interface CompressOptions {
  /** Snappy only: 'raw' (librdkafka/kafkajs style, the default) or 'xerial' (the Java client's stream). */
  snappyFraming?: SnappyFraming;
  /** zstd only: compression level, default 3. */
  zstdLevel?: number;
}

export interface DecompressOptions {
  /** Refuse (DecompressionLimitError) rather than produce more than this many bytes. */
  maxBytes?: number;
}

/** Compresses `data` as one stream of the codec. Codec 0 returns the input. */
export async function compress(codec: CompressionCodecId, data: Buffer, options: CompressOptions = {}): Promise<Buffer> {
  switch (codec) {
    case CompressionCodec.NONE:
      return data;
    case CompressionCodec.GZIP:
      return gzipCompress(data);
    case CompressionCodec.SNAPPY:
      return snappyCompress(data, options.snappyFraming);
    case CompressionCodec.LZ4:
      return lz4Compress(data);
    case CompressionCodec.ZSTD:
      return zstdCompress(data, options.zstdLevel);
  }
}

/** Like compress, for codecs 0-3; zstd throws SyncCompressionUnavailableError. */
export function compressSync(codec: CompressionCodecId, data: Buffer, options: CompressOptions = {}): Buffer {
  switch (codec) {
    case CompressionCodec.NONE:
      return data;
    case CompressionCodec.GZIP:
      return gzipCompressSync(data);
    case CompressionCodec.SNAPPY:
      return snappyCompressSync(data, options.snappyFraming);
    case CompressionCodec.LZ4:
      return lz4CompressSync(data);
    case CompressionCodec.ZSTD:
      throw new SyncCompressionUnavailableError('zstd has no synchronous compressor here; use compress()');
  }
}

/**
 * Decompresses one stream of the codec, never producing more than `maxBytes`
 * (default DEFAULT_MAX_DECOMPRESSED_BYTES). Throws CompressionFormatError for bad input and
 * DecompressionLimitError past the cap.
 */
export async function decompress(codec: CompressionCodecId, data: Buffer, options: DecompressOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  switch (codec) {
    case CompressionCodec.NONE:
      return data;
    case CompressionCodec.GZIP:
      return gzipDecompress(data, maxBytes);
    case CompressionCodec.SNAPPY:
      return snappyDecompress(data, maxBytes);
    case CompressionCodec.LZ4:
      return lz4Decompress(data, maxBytes);
    case CompressionCodec.ZSTD:
      return zstdDecompress(data, maxBytes);
  }
}

/** Like decompress, for codecs 0-3; zstd throws SyncCompressionUnavailableError. */
export function decompressSync(codec: CompressionCodecId, data: Buffer, options: DecompressOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  switch (codec) {
    case CompressionCodec.NONE:
      return data;
    case CompressionCodec.GZIP:
      return gzipDecompressSync(data, maxBytes);
    case CompressionCodec.SNAPPY:
      return snappyDecompressSync(data, maxBytes);
    case CompressionCodec.LZ4:
      return lz4DecompressSync(data, maxBytes);
    case CompressionCodec.ZSTD:
      throw new SyncCompressionUnavailableError('zstd has no synchronous decompressor here; use decompress()');
  }
}

/** True when decompressSync/compressSync can handle the codec. */
export function hasSyncCodec(codec: CompressionCodecId): boolean {
  return codec !== CompressionCodec.ZSTD;
}
