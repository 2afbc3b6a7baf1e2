/** The compressed bytes are not a valid stream of the codec (truncated, wrong magic, bad block). */
export class CompressionFormatError extends Error {
  override readonly name = 'CompressionFormatError';
}

/** The stream would inflate beyond the caller's cap; nothing larger than the cap was allocated. */
export class DecompressionLimitError extends Error {
  override readonly name = 'DecompressionLimitError';
  constructor(
    readonly limit: number,
    readonly wouldBe: number | undefined,
    codec: string,
  ) {
    super(
      `${codec} data would decompress to ${wouldBe === undefined ? 'more than' : wouldBe + ' bytes, over'} ` +
        `the limit of ${limit} bytes; refusing to inflate it`,
    );
  }
}

/** The codec has no synchronous implementation here (zstd); use the async function. */
export class SyncCompressionUnavailableError extends Error {
  override readonly name = 'SyncCompressionUnavailableError';
}
