// The records of a transfer selection, partition by partition in offset order: a range (the starts
// of messages:read, an end, a cap) or rows picked by hand. Memory stays one Fetch per partition, so
// an export or replay of a large topic streams. The end of a range is fixed before reading (the
// high watermark then), so a replay into its own topic cannot chase its own writes.
import type { SearchFilters } from '../../../../shared/messages-search-types';
import type { TransferSelection } from '../../../../shared/messages-transfer-types';
import type { DecoderChoice } from '../../../../shared/messages-types';
import { ConsoleApiError } from '../../../../shared/console-errors';
import { TransferErrorName } from '../../../../shared/messages-transfer-types';
import type { Admin } from '../../../client/admin';
import { Fetcher } from '../../../client/fetcher';
import { freshTopic } from '../fresh-topic';
import { PartitionCursor, type CursorEntry } from '../partition-cursor';
import { chosenPartitions } from '../read-messages';
import { resolveStarts } from '../start-positions';

export interface ScannedRecord {
  topic: string;
  partition: number;
  entry: CursorEntry;
}

/**
 * Decides which scanned records belong to the selection (a search's filter, plugged in here): one
 * verdict per record, in order. It takes a batch of one partition's records, so a sandboxed filter
 * costs one round trip to its worker per batch rather than per record.
 */
export type RecordPredicate = (records: readonly ScannedRecord[]) => readonly boolean[] | Promise<readonly boolean[]>;

/** Records per predicate call (a search's chunk is 2,000; smaller keeps a capped export from reading far past its cap). */
const PREDICATE_BATCH = 500;

/** A selection's filter, compiled: its predicate, and the end of what it holds (a sandbox worker). */
export interface SelectionFilter {
  test: RecordPredicate;
  close(): Promise<void>;
}

/** Turns a selection's `filter` (a search's filters) into a SelectionFilter: messages:search provides it (search-filter.ts). */
export type FilterResolver = (filter: SearchFilters, topic: string, decoders?: Partial<DecoderChoice>) => Promise<SelectionFilter>;

export interface ScanProgress {
  /** Records read, matched or not. */
  scanned: number;
}

const FETCH_BYTES = 1024 * 1024;

interface PartitionRange {
  partition: number;
  from: number;
  /** Exclusive. */
  to: number;
  /** Rows: only these offsets. */
  only: Set<number> | null;
}

async function ranges(admin: Admin, sel: TransferSelection): Promise<PartitionRange[]> {
  const meta = await freshTopic(admin.client, sel.topic);
  if (sel.rows) {
    const byPartition = new Map<number, number[]>();
    for (const r of sel.rows) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r.offset]);
    chosenPartitions(meta, { partitions: [...byPartition.keys()], start: { kind: 'earliest' } });
    return [...byPartition.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, offsets]) => ({ partition, from: Math.min(...offsets), to: Math.max(...offsets) + 1, only: new Set(offsets) }));
  }
  const start = sel.start ?? { kind: 'earliest' as const };
  const partitions = chosenPartitions(meta, { partitions: sel.partitions, start });
  const starts = await resolveStarts(admin, sel.topic, partitions, start);
  let ends: Map<number, number> | null = null;
  const end = sel.end;
  if (end?.kind === 'timestamp') {
    // The first record at or after the end time is where the range stops (none: the log end).
    const found = await admin.listOffsets(partitions.map((partition) => ({ topic: sel.topic, partition, spec: { timestamp: end.timestamp } })));
    ends = new Map(partitions.map((p, i) => [p, found[i]!.offset]));
  }
  return starts.map((s) => {
    let to = s.highWatermark;
    if (end?.kind === 'offset') to = Math.min(to, end.offset);
    if (end?.kind === 'offsets' && end.offsets[String(s.partition)] !== undefined) to = Math.min(to, end.offsets[String(s.partition)]!);
    const byTime = ends?.get(s.partition);
    if (byTime !== undefined && byTime >= 0) to = Math.min(to, byTime);
    return { partition: s.partition, from: s.startOffset, to, only: null };
  });
}

/** The compiled filter of a selection (null without one); a filter without a resolver is refused before any reading. */
export async function selectionFilter(sel: TransferSelection, resolver: FilterResolver | null, decoders?: Partial<DecoderChoice>): Promise<SelectionFilter | null> {
  if (!sel.filter || (!sel.filter.filter?.trim() && (sel.filter.quick ?? []).length === 0)) return null;
  if (!resolver) throw new ConsoleApiError(TransferErrorName.FILTER_UNSUPPORTED, 'this engine has no search filters: export or replay a range or selected rows');
  return resolver(sel.filter, sel.topic, decoders);
}

/** Every record of the selection that the predicate keeps, up to maxRecords. */
export async function* scanSelection(admin: Admin, sel: TransferSelection, predicate: RecordPredicate | null, progress: ScanProgress = { scanned: 0 }): AsyncGenerator<ScannedRecord> {
  const isolationLevel = sel.isolationLevel ?? 'read_uncommitted';
  const fetcher = new Fetcher(admin.client);
  const cap = sel.maxRecords ?? Number.POSITIVE_INFINITY;
  let matched = 0;
  for (const range of await ranges(admin, sel)) {
    if (range.from >= range.to) continue;
    const cursor = new PartitionCursor(fetcher, { topic: sel.topic, partition: range.partition, offset: range.from, isolationLevel, fetchBytes: FETCH_BYTES });
    let batch: ScannedRecord[] = [];
    for (let entry = await cursor.peek(); ; entry = await cursor.peek()) {
      const inRange = entry !== null && entry.record.offset < range.to;
      if (entry !== null && inRange) {
        cursor.take();
        if (range.only && !range.only.has(entry.record.offset)) continue;
        progress.scanned++;
        batch.push({ topic: sel.topic, partition: range.partition, entry });
      }
      // Without a predicate every record goes out at once; with one, in batches (and the rest at the range's end).
      if (batch.length > 0 && (!predicate || batch.length >= PREDICATE_BATCH || !inRange)) {
        const verdicts = predicate ? await predicate(batch) : null;
        for (let i = 0; i < batch.length; i++) {
          if (verdicts && !verdicts[i]) continue;
          yield batch[i]!;
          if (++matched >= cap) return;
        }
        batch = [];
      }
      if (!inRange) break;
    }
    // A transfer must be exact: a partition that stopped early fails it rather than leave a gap.
    if (cursor.error !== null) throw cursor.error;
  }
}
