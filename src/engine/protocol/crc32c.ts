import { crc32c as nativeCrc32c } from '@node-rs/crc32';

/** CRC-32C (Castagnoli) as record batch v2 uses it, as an unsigned 32-bit number. */
export function crc32c(data: Uint8Array): number {
  return nativeCrc32c(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)) >>> 0;
}
