import { createRequire } from 'node:module';
import type * as Lz4 from 'lz4-napi';
import type * as Snappy from 'snappy';
import type * as Zstd from '@mongodb-js/zstd';

// The native codecs are loaded on first use, not at start: together they add ~19 MB to a broker's
// resident memory, which an idle broker (or one whose producers never compress) should not pay.
const load = createRequire(import.meta.url);
let lz4: typeof Lz4 | undefined;
let snappy: typeof Snappy | undefined;
let zstd: typeof Zstd | undefined;

export function lz4Codec(): typeof Lz4 {
  return (lz4 ??= load('lz4-napi') as typeof Lz4);
}

export function snappyCodec(): typeof Snappy {
  return (snappy ??= load('snappy') as typeof Snappy);
}

export function zstdCodec(): typeof Zstd {
  return (zstd ??= load('@mongodb-js/zstd') as typeof Zstd);
}
