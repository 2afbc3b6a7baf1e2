// messages:replay — a selection's records written again to a topic (the same or another) with
// their key, value and headers, optionally their timestamps and partitions. The DLQ case: each
// record goes to the topic its original-topic header names (docs/decisions.md, "DLQ replay").
// A first pass counts the records per target and checks every target before anything is written
// (that pass is the whole of a dry run), so an unknown topic or partition writes nothing.
import { DEFAULT_ORIGINAL_TOPIC_HEADERS, type MessagesReplayRequest, type MessagesReplayResponse, type ReplayTarget, type TransferProgressEvent } from '../../../../shared/messages-transfer-types';
import { ConsoleApiError } from '../../../../shared/console-errors';
import { TransferErrorName } from '../../../../shared/messages-transfer-types';
import { KafkaProtocolError } from '../../../client/client-errors';
import type { Admin } from '../../../client/admin';
import { ErrorCode } from '../../../protocol/errors';
import { freshTopic } from '../fresh-topic';
import { RecordWriter } from './record-writer';
import { scanSelection, type RecordPredicate, type ScannedRecord } from './scan-selection';

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;
const PROGRESS_EVERY_MS = 250;

export type ReplayProgress = (event: Omit<TransferProgressEvent, 'jobId'>) => void;

/** The topic a record goes to: the target, or its first original-topic header that names a topic (null: none). */
export function routeOf(target: ReplayTarget, s: ScannedRecord): string | null {
  if (target.kind === 'topic') return target.topic;
  for (const name of target.headers ?? DEFAULT_ORIGINAL_TOPIC_HEADERS) {
    const h = s.entry.record.headers.find((x) => x.key === name && x.value !== null);
    if (!h) continue;
    const topic = h.value!.toString('utf8').trim();
    if (TOPIC_NAME.test(topic)) return topic;
  }
  return null;
}

/** Stops a replay between two records: what was acknowledged stays written, and the error says how much. */
function checkCancelled(signal: AbortSignal | undefined, written: number): void {
  if (signal?.aborted) throw new ConsoleApiError(TransferErrorName.CANCELLED, written > 0 ? `the replay was cancelled after ${written} record${written === 1 ? '' : 's'} were written` : 'the replay was cancelled before anything was written', { written });
}

export async function replayRecords(admin: Admin, predicate: RecordPredicate | null, req: MessagesReplayRequest, onProgress: ReplayProgress = () => undefined, signal?: AbortSignal): Promise<MessagesReplayResponse> {
  let last = 0;
  const tick = (phase: TransferProgressEvent['phase'], scanned: number, written: number, force = false): void => {
    const now = Date.now();
    if (!force && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    onProgress({ phase, scanned, written });
  };

  // Pass 1: count per target, and the highest partition each target must have when partitions are kept.
  const counts: Record<string, number> = {};
  const highest = new Map<string, number>();
  let scanned = 0;
  let withoutHeader = 0;
  const first = new Map<number, number>();
  const after = new Map<number, number>();
  for await (const s of scanSelection(admin, req.selection, predicate)) {
    scanned++;
    if (!first.has(s.partition)) first.set(s.partition, s.entry.record.offset);
    after.set(s.partition, s.entry.record.offset + 1);
    const topic = routeOf(req.target, s);
    if (topic === null) withoutHeader++;
    else {
      counts[topic] = (counts[topic] ?? 0) + 1;
      highest.set(topic, Math.max(highest.get(topic) ?? -1, s.partition));
    }
    tick('scanning', scanned, 0);
    checkCancelled(signal, 0);
  }
  for (const topic of Object.keys(counts)) {
    const meta = await freshTopic(admin.client, topic);
    const top = highest.get(topic)!;
    if (req.keepPartitions && top >= meta.partitions.length) {
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `records come from partition ${top}, but topic '${topic}' has ${meta.partitions.length}: replay without keeping partitions, or add partitions`, { topic });
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (req.dryRun || total === 0) {
    tick('done', scanned, 0, true);
    if (!req.dryRun) return { dryRun: false, scanned, byTopic: {}, written: 0, withoutHeader };
    return { dryRun: true, scanned, byTopic: counts, written: total, withoutHeader };
  }

  // Pass 2: write exactly pass 1's records: the offsets it saw, so records produced meanwhile (or
  // written by this replay into its own topic) are not read.
  const writer = new RecordWriter(admin.client);
  const partitions = [...first.keys()];
  const sel = req.selection.rows || partitions.length === 0
    ? req.selection
    : { ...req.selection, partitions, start: { kind: 'offsets' as const, offsets: Object.fromEntries(first) }, end: { kind: 'offsets' as const, offsets: Object.fromEntries(after) } };
  try {
    for await (const s of scanSelection(admin, { ...sel, maxRecords: Math.max(1, scanned) }, predicate)) {
      const topic = routeOf(req.target, s);
      if (topic === null) continue;
      const r = s.entry.record;
      await writer.send({
        topic,
        key: r.key,
        value: r.value,
        headers: r.headers,
        ...(req.keepPartitions ? { partition: s.partition } : {}),
        ...(req.keepTimestamps ? { timestamp: r.timestamp } : {}),
      });
      tick('writing', scanned, writer.written);
      if (signal?.aborted) {
        // Records already handed to the producer are sent; their count is what the error reports.
        await writer.finish();
        checkCancelled(signal, writer.written);
      }
    }
    await writer.finish();
  } catch (err) {
    await writer.abort();
    tick('failed', scanned, writer.written, true);
    throw err;
  }
  tick('done', scanned, writer.written, true);
  return { dryRun: false, scanned, byTopic: writer.byTopic, written: writer.written, withoutHeader };
}
