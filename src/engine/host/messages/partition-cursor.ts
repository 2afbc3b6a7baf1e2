// A read position in one partition that hands out records with the batch they came in, one Fetch
// at a time, up to the partition's readable end as it was when reading began (the high watermark,
// or the last stable offset under read_committed). Readers merge several cursors; search and
// export (issue 12) scan with the same cursors, so memory stays one Fetch per partition.
import type { IsolationLevelName } from '../../../shared/messages-types';
import { OffsetOutOfRangeError, type Fetcher, type FetchResult } from '../../client/fetcher';
import type { DecodedDataBatch } from '../../protocol/record-batch-decoder';
import type { KafkaRecord } from '../../protocol/records-codec';

export interface CursorEntry {
  record: KafkaRecord;
  batch: DecodedDataBatch;
}

export interface CursorOptions {
  topic: string;
  partition: number;
  offset: number;
  isolationLevel: IsolationLevelName;
  /** Bytes per Fetch of this partition (Kafka returns at least one whole batch regardless). */
  fetchBytes: number;
}

/** Fetches that return nothing below the end before the cursor gives up rather than spin. */
const MAX_EMPTY_FETCHES = 3;

export class PartitionCursor {
  readonly topic: string;
  readonly partition: number;
  /** After the last record taken (or where reading started). */
  nextOffset: number;
  /** Where the next Fetch starts: after the last whole batch received. */
  private fetchOffset: number;
  private end: number | null = null;
  private buffer: CursorEntry[] = [];
  private index = 0;
  private emptyFetches = 0;
  private done = false;
  logStartOffset = -1;
  highWatermark = -1;
  lastStableOffset = -1;
  /** Set when the log start moved past the position while reading (retention, DeleteRecords). */
  skippedTo: number | null = null;
  /** Why the partition stopped early (its leader gone, a corrupt batch…): the read goes on with the others. */
  error: unknown = null;

  constructor(
    private readonly fetcher: Fetcher,
    private readonly options: CursorOptions,
  ) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.nextOffset = options.offset;
    this.fetchOffset = options.offset;
  }

  /** Whether every record below the end was handed out. */
  get exhausted(): boolean {
    return this.done && this.index >= this.buffer.length;
  }

  /** The next record, fetching when the buffer is empty; null at the end. */
  async peek(): Promise<CursorEntry | null> {
    while (this.index >= this.buffer.length) {
      if (this.done) return null;
      await this.fetchMore();
    }
    return this.buffer[this.index]!;
  }

  take(): CursorEntry {
    const entry = this.buffer[this.index++];
    if (!entry) throw new Error('take() without a record: call peek() first');
    this.nextOffset = entry.record.offset + 1;
    if (this.index >= this.buffer.length) {
      this.buffer = [];
      this.index = 0;
    }
    return entry;
  }

  /** Past the end: where a later read should continue (control batches at the tail skipped). */
  get resumeOffset(): number {
    if (this.exhausted && this.end !== null) return Math.max(this.nextOffset, Math.min(this.fetchOffset, this.end));
    return this.nextOffset;
  }

  /** For a live tail: after the log end moved, read on to the new end. */
  rewindEnd(): void {
    if (!this.exhausted) return;
    this.done = false;
    this.end = null;
    this.emptyFetches = 0;
  }

  private async fetchMore(): Promise<void> {
    if (this.end !== null && this.fetchOffset >= this.end) {
      this.done = true;
      return;
    }
    let result: FetchResult;
    try {
      result = await this.fetcher.fetch({
        topic: this.topic,
        partition: this.partition,
        offset: this.fetchOffset,
        maxWaitMs: 0,
        minBytes: 0,
        maxBytes: this.options.fetchBytes,
        isolationLevel: this.options.isolationLevel,
      });
    } catch (err) {
      if (err instanceof OffsetOutOfRangeError && err.logStartOffset > this.fetchOffset) {
        this.fetchOffset = err.logStartOffset;
        this.nextOffset = Math.max(this.nextOffset, err.logStartOffset);
        this.skippedTo = err.logStartOffset;
        return;
      }
      this.error = err;
      this.done = true;
      return;
    }
    this.logStartOffset = result.logStartOffset;
    this.highWatermark = result.highWatermark;
    this.lastStableOffset = result.lastStableOffset;
    const readableEnd = this.options.isolationLevel === 'read_committed' && result.lastStableOffset >= 0 ? result.lastStableOffset : result.highWatermark;
    this.end = this.end === null ? readableEnd : Math.min(this.end, readableEnd);
    const fresh: CursorEntry[] = [];
    for (const batch of result.batches) {
      if (batch.isControl) continue;
      for (const record of batch.records) {
        // A compressed batch comes back whole, so it may start before the position.
        if (record.offset >= this.fetchOffset && record.offset < this.end) fresh.push({ record, batch });
      }
    }
    const progressed = result.nextOffset > this.fetchOffset;
    this.fetchOffset = Math.max(this.fetchOffset, result.nextOffset);
    this.buffer = this.buffer.slice(this.index).concat(fresh);
    this.index = 0;
    if (fresh.length > 0 || progressed) this.emptyFetches = 0;
    else if (++this.emptyFetches >= MAX_EMPTY_FETCHES) this.done = true;
    if (this.fetchOffset >= this.end) this.done = true;
  }
}
