// The produce input: `count` newline-delimited values of exactly `size` bytes, no keys. Generated
// once per record size per benchmark run; kcat reads it from stdin (one record per line).
import { openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export function writeRecordFile(dir, size, count) {
  const path = join(dir, `records-${size}B-${count}.txt`);
  // Values differ from record to record (a counter prefix over a varied filler) so nothing along the
  // way can get an unrealistic win from identical records; no compression is used anyway.
  const filler = Buffer.alloc(size + 64);
  for (let i = 0; i < filler.length; i++) filler[i] = ALPHABET.charCodeAt((i * 7 + (i >> 3)) % ALPHABET.length);
  const line = size + 1;
  const perChunk = Math.max(1, Math.floor((4 << 20) / line));
  const chunk = Buffer.alloc(perChunk * line);
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < count; ) {
      const n = Math.min(perChunk, count - written);
      for (let j = 0; j < n; j++) {
        const i = written + j;
        const at = j * line;
        filler.copy(chunk, at, i % 64, (i % 64) + size);
        const tag = i.toString(36);
        chunk.write(tag, at, Math.min(tag.length, size), 'latin1');
        chunk[at + size] = 0x0a;
      }
      writeSync(fd, chunk, 0, n * line);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
  return { path, size, count, payloadBytes: size * count };
}
