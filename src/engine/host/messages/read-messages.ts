// messages:read — records of chosen partitions from a start, merged by timestamp or partition by
// partition, up to a record limit and a byte budget, with every batch fact. For a live tail the
// page feeds each partition's nextOffset back (start { kind: 'offsets' }) with waitMs, and the
// read then waits at the log end for new records instead of answering empty at once.
import { join } from 'node:path';
import { ApiErrorName, ConsoleApiError } from '../../../shared/console-errors';
import type { BatchFacts, IsolationLevelName, MessageRecord, MessagesReadRequest, MessagesReadResponse, ReadPartitionResult, ReadStopReason } from '../../../shared/messages-types';
import type { Admin } from '../../client/admin';
import { Fetcher } from '../../client/fetcher';
import { ConnectionError, KafkaProtocolError } from '../../client/client-errors';
import type { TopicMetadata } from '../../client/cluster-metadata';
import { ErrorCode } from '../../protocol/errors';
import type { DecodedDataBatch } from '../../protocol/record-batch-decoder';
import { describeEngineError } from '../console-error-mapping';
import { freshTopic } from './fresh-topic';
import { PartitionCursor, type CursorEntry } from './partition-cursor';
import { batchFacts, recordBytes, recordView, type RecordDecoders } from './record-view';
import { resolveStarts, type PartitionStart } from './start-positions';

export const DEFAULT_READ_LIMIT = 100;
export const DEFAULT_READ_BYTES = 4 * 1024 * 1024;
const MIN_FETCH_BYTES = 64 * 1024;
const MAX_FETCH_BYTES = 1024 * 1024;
const TAIL_POLL_MS = 150;

export interface ReadContext {
  admin: Admin;
  decoders: RecordDecoders;
  /** The embedded cluster's data folder; null on an external cluster (engine-only facts absent). */
  dataDir: string | null;
}

/** The partitions a request names, checked against the topic: one that does not exist is UNKNOWN_TOPIC_OR_PARTITION. */
export function chosenPartitions(meta: TopicMetadata, req: Pick<MessagesReadRequest, 'partitions' | 'start'>): number[] {
  const existing = meta.partitions.map((p) => p.partition).sort((a, b) => a - b);
  const named = req.start.kind === 'offsets' ? Object.keys(req.start.offsets).map(Number) : null;
  const wanted = [...new Set(req.partitions ?? named ?? existing)].sort((a, b) => a - b);
  const unnamed = named ? wanted.find((p) => !named.includes(p)) : undefined;
  if (unnamed !== undefined) throw new ConsoleApiError(ApiErrorName.INVALID_REQUEST, `start.offsets gives no offset for partition ${unnamed}`);
  for (const p of wanted) {
    if (!existing.includes(p)) {
      throw new KafkaProtocolError(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `partition ${p} does not exist: topic '${meta.name}' has ${existing.length} partition${existing.length === 1 ? '' : 's'} (0-${existing.length - 1})`, {
        topic: meta.name,
        partition: p,
      });
    }
  }
  return wanted;
}

/** Takes records from the cursors in the request's order until the limit, the byte budget or the end. */
async function collect(cursors: PartitionCursor[], order: 'timestamp' | 'partition', limit: number, maxBytes: number): Promise<{ taken: Array<{ cursor: PartitionCursor; entry: CursorEntry }>; stoppedBy: ReadStopReason; bytes: number }> {
  const taken: Array<{ cursor: PartitionCursor; entry: CursorEntry }> = [];
  let bytes = 0;
  const admit = (cursor: PartitionCursor, entry: CursorEntry): ReadStopReason | null => {
    if (taken.length >= limit) return 'limit';
    const size = recordBytes(entry);
    // At least one record always comes back, however big, so a read can move past it.
    if (taken.length > 0 && bytes + size > maxBytes) return 'bytes';
    cursor.take();
    taken.push({ cursor, entry });
    bytes += size;
    return null;
  };
  if (order === 'partition') {
    for (const cursor of cursors) {
      for (let entry = await cursor.peek(); entry; entry = await cursor.peek()) {
        const stop = admit(cursor, entry);
        if (stop) return { taken, stoppedBy: stop, bytes };
      }
    }
    return { taken, stoppedBy: 'end', bytes };
  }
  // Merged by timestamp: the smallest head of all partitions next (ties: partition, then offset).
  const heads = new Map<PartitionCursor, CursorEntry>();
  await Promise.all(
    cursors.map(async (c) => {
      const e = await c.peek();
      if (e) heads.set(c, e);
    }),
  );
  while (heads.size > 0) {
    let best: [PartitionCursor, CursorEntry] | null = null;
    for (const [c, e] of heads) {
      if (!best || e.record.timestamp < best[1].record.timestamp || (e.record.timestamp === best[1].record.timestamp && c.partition < best[0].partition)) best = [c, e];
    }
    const [cursor, entry] = best!;
    const stop = admit(cursor, entry);
    if (stop) return { taken, stoppedBy: stop, bytes };
    const next = await cursor.peek();
    if (next) heads.set(cursor, next);
    else heads.delete(cursor);
  }
  return { taken, stoppedBy: 'end', bytes };
}

export async function readMessages(ctx: ReadContext, req: MessagesReadRequest, resolvedDecoders: MessagesReadResponse['decoders']): Promise<MessagesReadResponse> {
  const { admin } = ctx;
  const meta = await freshTopic(admin.client, req.topic);
  const partitions = chosenPartitions(meta, req);
  const isolationLevel = req.isolationLevel ?? 'read_uncommitted';
  const order = req.order ?? 'timestamp';
  const limit = req.limit ?? DEFAULT_READ_LIMIT;
  const maxBytes = req.maxBytes ?? DEFAULT_READ_BYTES;
  // A partition without a leader (its brokers down) is reported, not read; the others are.
  const leaders = new Map(meta.partitions.map((p) => [p.partition, p.leaderId]));
  const led = partitions.filter((p) => (leaders.get(p) ?? -1) >= 0);
  // Each leader's partitions on their own: a broker that cannot be reached fails only its partitions.
  const byLeader = new Map<number, number[]>();
  for (const p of led) byLeader.set(leaders.get(p)!, [...(byLeader.get(leaders.get(p)!) ?? []), p]);
  const unreadable = new Map<number, unknown>();
  const starts: PartitionStart[] = [];
  await Promise.all(
    [...byLeader.values()].map(async (group) => {
      try {
        starts.push(...(await resolveStarts(admin, req.topic, group, req.start)));
      } catch (err) {
        // A refusal of the request itself (an unknown group…) is the caller's to see.
        if (!isPartitionFailure(err)) throw err;
        for (const p of group) unreadable.set(p, err);
      }
    }),
  );
  starts.sort((a, b) => a.partition - b.partition);
  const fetcher = new Fetcher(admin.client);
  const fetchBytes = Math.max(MIN_FETCH_BYTES, Math.min(MAX_FETCH_BYTES, Math.floor(maxBytes / Math.max(1, partitions.length))));
  const cursors = starts.map((s) => new PartitionCursor(fetcher, { topic: req.topic, partition: s.partition, offset: s.startOffset, isolationLevel, fetchBytes }));

  let result = await collect(cursors, order, limit, maxBytes);
  const deadline = Date.now() + (req.waitMs ?? 0);
  while (result.taken.length === 0 && Date.now() < deadline) {
    await waitForNewRecords(admin, cursors, deadline, isolationLevel);
    result = await collect(cursors, order, limit, maxBytes);
  }

  const facts = new Map<DecodedDataBatch, BatchFacts>();
  const records: MessageRecord[] = result.taken.map(({ cursor, entry }) => {
    let f = facts.get(entry.batch);
    if (!f) facts.set(entry.batch, (f = batchFacts(entry.batch)));
    return recordView(req.topic, cursor.partition, entry, ctx.decoders, f);
  });
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.partition, (counts.get(r.partition) ?? 0) + 1);
  const read = new Map(starts.map((s, i) => [s.partition, partitionResult(s, cursors[i]!, counts.get(s.partition) ?? 0, ctx.dataDir, req.topic, leaders.get(s.partition) ?? -1)]));
  return {
    topic: req.topic,
    isolationLevel,
    order,
    decoders: resolvedDecoders,
    partitions: partitions.map((p) => read.get(p) ?? unreadablePartition(p, unreadable.get(p))),
    records,
    stoppedBy: result.stoppedBy,
    bytes: result.bytes,
  };
}

/**
 * A live tail at the log end: polls the log ends (one ListOffsets per leader) every TAIL_POLL_MS
 * until one moved or the deadline passed, then lets those cursors read on. Polling rather than a
 * Fetch held by the leader: a held Fetch would block every later request on that connection
 * (Kafka answers a connection's requests in order), and one Fetch per partition would wait for the
 * slowest partition.
 */
async function waitForNewRecords(admin: Admin, cursors: PartitionCursor[], deadline: number, isolation: IsolationLevelName): Promise<void> {
  // Sleeps first: records already there were read before waiting, and a log end that moved without
  // readable records (an open transaction under read_committed) must not make this spin.
  for (let left = deadline - Date.now(); left > 0; left = deadline - Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(TAIL_POLL_MS, left)));
    const live = cursors.filter((c) => c.error === null);
    if (live.length === 0) return;
    let ends;
    try {
      ends = await admin.listOffsets(
        live.map((c) => ({ topic: c.topic, partition: c.partition, spec: 'latest' as const })),
        isolation,
      );
    } catch {
      // A leader lost while waiting: answer with what there is; the next read reports the partition.
      return;
    }
    const moved = live.filter((c, i) => ends[i]!.offset > c.resumeOffset);
    if (moved.length > 0) {
      for (const c of moved) c.rewindEnd();
      return;
    }
  }
}

function partitionResult(s: PartitionStart, cursor: PartitionCursor, records: number, dataDir: string | null, topic: string, leader: number): ReadPartitionResult {
  const skipped = cursor.skippedTo;
  return {
    partition: s.partition,
    requestedOffset: s.requestedOffset,
    startOffset: skipped ?? s.startOffset,
    clamped: skipped !== null ? 'below-log-start' : s.clamped,
    note: skipped !== null ? `the log start moved to ${skipped} while reading (retention or DeleteRecords): reading from there` : s.note,
    logStartOffset: cursor.logStartOffset >= 0 ? cursor.logStartOffset : s.logStartOffset,
    highWatermark: cursor.highWatermark >= 0 ? cursor.highWatermark : s.highWatermark,
    lastStableOffset: cursor.lastStableOffset,
    nextOffset: cursor.resumeOffset,
    records,
    leaderLogDir: dataDir !== null && leader >= 0 ? join(dataDir, `broker-${leader}`, `${topic}-${s.partition}`) : null,
    error: cursor.error === null ? null : describeEngineError(cursor.error),
  };
}

/** Errors of a partition's leader (gone, moved, unreachable), as opposed to errors of the request. */
function isPartitionFailure(err: unknown): boolean {
  if (err instanceof ConnectionError) return true;
  return err instanceof KafkaProtocolError && (err.retriable || err.name === 'LEADER_NOT_AVAILABLE' || err.name === 'NOT_LEADER_OR_FOLLOWER');
}

function unreadablePartition(partition: number, err: unknown): ReadPartitionResult {
  return {
    partition,
    requestedOffset: null,
    startOffset: -1,
    clamped: null,
    note: null,
    logStartOffset: -1,
    highWatermark: -1,
    lastStableOffset: -1,
    nextOffset: -1,
    records: 0,
    leaderLogDir: null,
    error:
      err === undefined
        ? { name: 'LEADER_NOT_AVAILABLE', message: `partition ${partition} has no leader: none of its replicas' brokers is serving it` }
        : describeEngineError(err),
  };
}
