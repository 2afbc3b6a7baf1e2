/** Compression codec ids as they appear in batch attributes bits 0-2 (record-batch-v2.md §2, §5). */
export const CompressionCodec = {
  NONE: 0,
  GZIP: 1,
  SNAPPY: 2,
  LZ4: 3,
  ZSTD: 4,
} as const;

export type CompressionCodecId = (typeof CompressionCodec)[keyof typeof CompressionCodec];

/** The names Kafka uses in `compression.type`. */
export type CompressionCodecName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

const NAMES: readonly CompressionCodecName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];

/** Ids 5-7 fit the 3-bit field but name no codec. */
export function isCompressionCodecId(id: number): id is CompressionCodecId {
  return Number.isInteger(id) && id >= 0 && id <= 4;
}

export function compressionCodecName(id: CompressionCodecId): CompressionCodecName {
  return NAMES[id];
}

export function compressionCodecFromName(name: string): CompressionCodecId | undefined {
  const id = NAMES.indexOf(name as CompressionCodecName);
  return id < 0 ? undefined : (id as CompressionCodecId);
}

/**
 * The default cap on what one decompression may produce. Kafka itself has no cap; ours exists so a
 * decompression bomb (a few KB inflating to gigabytes) cannot exhaust a broker's memory.
 * Real batches are far below it: producers cap a batch at about 1 MB before compression.
 */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
