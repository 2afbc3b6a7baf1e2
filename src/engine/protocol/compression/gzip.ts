import { gunzip, gunzipSync, gzip, gzipSync, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { CompressionFormatError, DecompressionLimitError } from './compression-errors';

const gzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gzip);
const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);

export function gzipCompressSync(data: Buffer): Buffer {
  return gzipSync(data);
}

export function gzipCompress(data: Buffer): Promise<Buffer> {
  return gzipAsync(data, {});
}

// zlib's maxOutputLength stops inflating as soon as the output would pass the cap, so the cap is
// enforced while decompressing rather than after the memory is spent.
export function gzipDecompressSync(data: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (err) {
    throw translate(err, maxBytes);
  }
}

export async function gzipDecompress(data: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    return await gunzipAsync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (err) {
    throw translate(err, maxBytes);
  }
}

function translate(err: unknown, maxBytes: number): Error {
  const code = (err as { code?: unknown }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return new DecompressionLimitError(maxBytes, undefined, 'gzip');
  return new CompressionFormatError(`invalid gzip stream: ${(err as Error).message}`);
}
