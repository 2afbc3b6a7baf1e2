/** Shared by the storage tests only: temp folders, a manual clock, a capturing logger, batches. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import type { Clock, StorageLogger } from './storage-context';

export function makeTempDir(prefix = 'brokerlab-storage-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export class ManualClock implements Clock {
  constructor(public time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export class CapturingLogger implements StorageLogger {
  readonly lines: string[] = [];
  debug(m: string): void {
    this.lines.push(`DEBUG ${m}`);
  }
  info(m: string): void {
    this.lines.push(`INFO ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`WARN ${m}`);
  }
  error(m: string): void {
    this.lines.push(`ERROR ${m}`);
  }
  matching(re: RegExp): string[] {
    return this.lines.filter((l) => re.test(l));
  }
}

export interface TestRecord {
  value: string;
  timestamp: number;
}

/** One uncompressed record batch v2 as a producer sends it (base offset 0, epoch -1). */
export function makeBatch(records: readonly TestRecord[], options: { baseOffset?: number; leaderEpoch?: number } = {}): Buffer {
  return buildRecordBatchSync(
    records.map((r) => ({ key: null, value: r.value, timestamp: r.timestamp })),
    { baseOffset: options.baseOffset ?? 0, partitionLeaderEpoch: options.leaderEpoch ?? -1 },
  );
}

/** A deterministic PRNG (mulberry32) so a failing model run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits concatenated batches into their byte ranges. */
export function splitBatches(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  while (pos + 12 <= buf.length) {
    const size = buf.readInt32BE(pos + 8) + 12;
    out.push(buf.subarray(pos, pos + size));
    pos += size;
  }
  if (pos !== buf.length) throw new Error(`trailing ${buf.length - pos} bytes are not a whole batch`);
  return out;
}
