// The history's storage (issue 13 §3): append-only JSON-lines files, one per tier and period —
// `tick-YYYY-MM-DDTHH.jsonl` (every tick, kept 2 hours), `minute-YYYY-MM-DD.jsonl` (one line per
// minute, kept 8 days), `events-YYYY-MM-DD.jsonl` (faults and elections, kept 8 days). A line is
// written whole with one write(2); fsync runs every `fsyncIntervalMs` and on close, so a crash
// loses at most that much. A torn last line (power cut mid-write) is skipped when read, and a file
// opened again after one gets a newline first, so the next line starts clean. Old files are
// deleted whole: retention never rewrites a file.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, fstatSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type HistoryTier = 'tick' | 'minute' | 'events';

const RETENTION_MS: Record<HistoryTier, number> = {
  tick: 2 * 3_600_000,
  minute: 8 * 86_400_000,
  events: 8 * 86_400_000,
};

const FILE = /^(tick|minute|events)-(\d{4}-\d{2}-\d{2}(?:T\d{2})?)\.jsonl$/;

/** The period a time falls in: the hour for ticks, the UTC day otherwise. */
export function periodOf(tier: HistoryTier, at: number): string {
  const iso = new Date(at).toISOString();
  return tier === 'tick' ? iso.slice(0, 13) : iso.slice(0, 10);
}

/** When a period starts (epoch ms). */
function periodStart(tier: HistoryTier, period: string): number {
  return Date.parse(tier === 'tick' ? `${period}:00:00.000Z` : `${period}T00:00:00.000Z`);
}

function periodLengthMs(tier: HistoryTier): number {
  return tier === 'tick' ? 3_600_000 : 86_400_000;
}

interface OpenFile {
  name: string;
  fd: number;
  dirty: boolean;
}

export class HistoryFiles {
  private readonly open = new Map<HistoryTier, OpenFile>();
  private lastSync = 0;

  constructor(
    readonly folder: string,
    private readonly fsyncIntervalMs = 10_000,
  ) {
    mkdirSync(folder, { recursive: true });
  }

  /** Appends one JSON line to the tier's file for `at`. */
  append(tier: HistoryTier, at: number, value: unknown): void {
    const name = `${tier}-${periodOf(tier, at)}.jsonl`;
    let file = this.open.get(tier);
    if (file?.name !== name) {
      if (file) this.closeFile(file);
      file = { name, fd: openForAppend(join(this.folder, name)), dirty: false };
      this.open.set(tier, file);
    }
    writeSync(file.fd, `${JSON.stringify(value)}\n`);
    file.dirty = true;
    if (at - this.lastSync >= this.fsyncIntervalMs) this.sync(at);
  }

  /** fsyncs what was written since the last sync. */
  sync(now: number): void {
    this.lastSync = now;
    for (const f of this.open.values()) {
      if (!f.dirty) continue;
      fsyncSync(f.fd);
      f.dirty = false;
    }
  }

  /** Every whole line of the tier's files overlapping [from, to], oldest file first; unreadable lines are skipped. */
  read<T>(tier: HistoryTier, from: number, to: number): T[] {
    const out: T[] = [];
    for (const name of this.files(tier)) {
      const start = periodStart(tier, FILE.exec(name)![2]!);
      if (start > to || start + periodLengthMs(tier) < from) continue;
      let text: string;
      try {
        text = readFileSync(join(this.folder, name), 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        if (line === '') continue;
        try {
          out.push(JSON.parse(line) as T);
        } catch {
          // A torn tail (or a line cut by a crash before a newline was added): not a point.
        }
      }
    }
    return out;
  }

  /** Deletes files whose whole period ended before the tier's retention. */
  prune(now: number): void {
    for (const tier of ['tick', 'minute', 'events'] as const) {
      for (const name of this.files(tier)) {
        const end = periodStart(tier, FILE.exec(name)![2]!) + periodLengthMs(tier);
        if (end >= now - RETENTION_MS[tier] || this.open.get(tier)?.name === name) continue;
        try {
          unlinkSync(join(this.folder, name));
        } catch {
          // Gone already, or not ours to delete: the next prune tries again.
        }
      }
    }
  }

  close(): void {
    for (const f of this.open.values()) this.closeFile(f);
    this.open.clear();
  }

  private files(tier: HistoryTier): string[] {
    let names: string[];
    try {
      names = readdirSync(this.folder);
    } catch {
      return [];
    }
    return names.filter((n) => FILE.exec(n)?.[1] === tier).sort();
  }

  private closeFile(f: OpenFile): void {
    try {
      if (f.dirty) fsyncSync(f.fd);
    } finally {
      closeSync(f.fd);
    }
  }
}

/** Opens for append; a file whose last byte is not a newline (a torn line) gets one first. */
function openForAppend(path: string): number {
  const fd = openSync(path, 'a+');
  const size = fstatSync(fd).size;
  if (size > 0) {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] !== 0x0a) writeSync(fd, '\n');
  }
  return fd;
}
