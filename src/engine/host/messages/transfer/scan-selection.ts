// The records of a transfer selection, partition by partition in offset order: a range (the starts
// of messages:read, an end, a cap) or rows picked by hand. Memory stays one Fetch per partition, so
// an export or replay of a large topic streams. The end of a range is fixed before reading (the
// high watermark then), so a replay into its own topic cannot chase its own writes.
import type { TransferSelection } from '../../../../shared/messages-transfer-types';
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

/** Decides whether a scanned record belongs to the selection (a search's filter, plugged in here). */
export type RecordPredicate = (record: ScannedRecord) => boolean | Promise<boolean>;

/** Turns a selection's `filter` into a predicate; the search engine provides one once it lands. */
export type FilterResolver = (filter: Record<string, unknown>, topic: string) => RecordPredicate | Promise<RecordPredicate>;

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

/** The predicate of a selection's filter; a filter without a resolver is refused before any reading. */
export async function selectionPredicate(sel: TransferSelection, resolver: FilterResolver | null): Promise<RecordPredicate | null> {
  if (!sel.filter) return null;
  if (!resolver) throw new ConsoleApiError(TransferErrorName.FILTER_UNSUPPORTED, 'filters come with messages:search, which this build does not have yet: export or replay a range or selected rows');
  return resolver(sel.filter, sel.topic);
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
    for (let entry = await cursor.peek(); entry && entry.record.offset < range.to; entry = await cursor.peek()) {
      cursor.take();
      if (range.only && !range.only.has(entry.record.offset)) continue;
      progress.scanned++;
      const scanned: ScannedRecord = { topic: sel.topic, partition: range.partition, entry };
      if (predicate && !(await predicate(scanned))) continue;
      yield scanned;
      if (++matched >= cap) return;
    }
    // A transfer must be exact: a partition that stopped early fails it rather than leave a gap.
    if (cursor.error !== null) throw cursor.error;
  }
}
