import { createRequire } from 'node:module';
import type * as NodeRsCrc32 from '@node-rs/crc32';

// Required, not imported: an ES-module import of a CommonJS package makes Node start its export
// lexer (a WebAssembly module) first, about 30 ms of every host's start-up (docs/decisions.md).
const { crc32c: nativeCrc32c } = createRequire(import.meta.url)('@node-rs/crc32') as typeof NodeRsCrc32;

/** CRC-32C (Castagnoli) as record batch v2 uses it, as an unsigned 32-bit number. */
export function crc32c(data: Uint8Array): number {
  return nativeCrc32c(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)) >>> 0;
}
