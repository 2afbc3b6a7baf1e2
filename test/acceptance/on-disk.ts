import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchSizeAt, readBatchHeader } from '../../src/engine/protocol/record-batch-header';

/** Compression codec ids of every batch stored in a partition folder's segments, read from the files. */
export function storedBatchCodecs(partitionDir: string): number[] {
  const codecs: number[] = [];
  for (const name of readdirSync(partitionDir).filter((n) => n.endsWith('.log')).sort()) {
    const data = readFileSync(join(partitionDir, name));
    for (let pos = 0; pos + 61 <= data.length; pos += batchSizeAt(data, pos)) {
      codecs.push(readBatchHeader(data, pos).attributes & 0x07);
    }
  }
  return codecs;
}
