// A workload's history on disk: JSON lines in segments of a fixed number of entries, the oldest
// segment deleted once more than `maxSegments` exist, so a long run keeps its most recent entries
// in bounded space (docs/decisions.md, "Workload history"). Appends are buffered and written every
// flushMs; a read flushes first, so it sees everything appended before it.
import { appendFile, mkdir, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export interface HistoryLogOptions {
  /** Entries per segment file. Default 50000. */
  segmentEntries?: number;
  /** Segments kept. Default 4 (so at most 200000 entries). */
  maxSegments?: number;
  flushMs?: number;
}

export interface HistoryPage<T> {
  entries: T[];
  lastSeq: number;
  /** The oldest seq still kept (lastSeq + 1 when nothing is). */
  firstKeptSeq: number;
}

const SEGMENT = /^(?<kind>[a-z]+)-(?<first>\d{12})\.jsonl$/;

export class HistoryLog<T extends { seq: number }> {
  private readonly segmentEntries: number;
  private readonly maxSegments: number;
  private nextSeq = 1;
  private pending: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private currentFirst = 1;
  private currentCount = 0;
  /** First seq of each segment on disk, oldest first. */
  private segments: number[] = [];
  private ready: Promise<void>;
  private closed = false;

  constructor(
    private readonly folder: string,
    private readonly kind: string,
    private readonly options: HistoryLogOptions = {},
  ) {
    this.segmentEntries = options.segmentEntries ?? 50_000;
    this.maxSegments = options.maxSegments ?? 4;
    this.ready = mkdir(folder, { recursive: true }).then(() => undefined);
  }

  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Stamps the entry with the next seq and queues it for disk. */
  append(entry: Omit<T, 'seq'>): T {
    const full = { seq: this.nextSeq++, ...entry } as T;
    this.pending.push(JSON.stringify(full));
    if (!this.timer && !this.closed) this.timer = setTimeout(() => void this.flush(), this.options.flushMs ?? 250);
    return full;
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const lines = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => this.write(lines)).catch(() => undefined);
    return this.writing;
  }

  private async write(lines: string[]): Promise<void> {
    await this.ready;
    let i = 0;
    while (i < lines.length) {
      if (this.currentCount >= this.segmentEntries || this.segments.length === 0) {
        if (this.segments.length > 0) this.currentFirst += this.currentCount;
        this.currentCount = 0;
        this.segments.push(this.currentFirst);
        while (this.segments.length > this.maxSegments) {
          const old = this.segments.shift()!;
          await unlink(this.path(old)).catch(() => undefined);
        }
      }
      const take = Math.min(lines.length - i, this.segmentEntries - this.currentCount);
      await appendFile(this.path(this.currentFirst), lines.slice(i, i + take).join('\n') + '\n');
      this.currentCount += take;
      i += take;
    }
  }

  private path(first: number): string {
    return join(this.folder, `${this.kind}-${String(first).padStart(12, '0')}.jsonl`);
  }

  /** Entries with seq > afterSeq, oldest first, at most `limit`. */
  async read(afterSeq: number, limit: number): Promise<HistoryPage<T>> {
    await this.flush();
    const names = (await readdir(this.folder).catch(() => [] as string[]))
      .map((n) => SEGMENT.exec(n))
      .filter((m): m is RegExpExecArray => m !== null && m.groups!.kind === this.kind)
      .map((m) => Number(m.groups!.first))
      .sort((a, b) => a - b);
    const entries: T[] = [];
    for (let s = 0; s < names.length && entries.length < limit; s++) {
      const next = names[s + 1];
      if (next !== undefined && next <= afterSeq + 1) continue;
      const text = await readFile(this.path(names[s]!), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const e = JSON.parse(line) as T;
        if (e.seq <= afterSeq) continue;
        entries.push(e);
        if (entries.length >= limit) break;
      }
    }
    return { entries, lastSeq: this.lastSeq, firstKeptSeq: names.length > 0 ? names[0]! : this.nextSeq };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  async remove(): Promise<void> {
    await this.close();
    await rm(this.folder, { recursive: true, force: true });
  }
}
