import { closeSync, openSync } from 'node:fs';
import { BATCH_HEADER_SIZE, BatchAttribute, readBatchHeader } from '../protocol/record-batch-header';
import { readAt } from './file-io';
import type { LogSegment } from './log-segment';
import type { ProducerBatch } from './producer-append-info';
import { NO_SEQUENCE, incrementSequence } from './producer-state-entry';
import type { ProducerStateManager } from './producer-state-manager';
import { StorageError } from './storage-errors';
import { MARKER_PEEK_BYTES, markerTypeOf } from './transaction-marker';

/** The producer fields of the batch header at the start of `header` (its offsets as they stand). */
export function producerBatchOf(header: Buffer): ProducerBatch {
  const h = readBatchHeader(header, 0);
  const isControl = (h.attributes & BatchAttribute.Control) !== 0;
  const firstOffset = Number(h.baseOffset);
  return {
    producerId: h.producerId,
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    lastSequence: h.baseSequence === NO_SEQUENCE ? NO_SEQUENCE : incrementSequence(h.baseSequence, h.lastOffsetDelta),
    firstOffset,
    lastOffset: firstOffset + h.lastOffsetDelta,
    maxTimestamp: Number(h.maxTimestamp),
    isTransactional: (h.attributes & BatchAttribute.Transactional) !== 0,
    isControl,
    markerType: isControl && header.length > BATCH_HEADER_SIZE ? markerTypeOf(header) : null,
  };
}

export interface RebuildParams {
  segments: readonly LogSegment[];
  logStartOffset: number;
  /** The log end offset: the state is rebuilt up to here. */
  lastOffset: number;
  /** The folder had `.kafka_cleanshutdown` (or the log is new). */
  reloadFromCleanShutdown: boolean;
  now: number;
}

/**
 * Kafka's LogLoader.rebuildProducerState: load the latest snapshot at or below the log end, replay
 * the producer batches after it, and leave a snapshot at the log end. Without any snapshot after a
 * clean shutdown the log cannot hold producer state worth a full scan (it predates snapshots), so
 * empty snapshots are written at the last two segment bases and the log end instead.
 */
export function rebuildProducerState(psm: ProducerStateManager, p: RebuildParams): void {
  const { segments, lastOffset } = p;
  const offsetsToSnapshot = new Set<number>([lastOffset]);
  if (segments.length > 0) offsetsToSnapshot.add(segments[segments.length - 1].baseOffset);
  if (segments.length > 1) offsetsToSnapshot.add(segments[segments.length - 2].baseOffset);

  if (psm.latestSnapshotOffset === undefined && p.reloadFromCleanShutdown) {
    for (const offset of [...offsetsToSnapshot].sort((a, b) => a - b)) {
      psm.updateMapEndOffset(offset);
      psm.takeSnapshot();
    }
    return;
  }
  const isEmptyBeforeTruncation = psm.isEmpty && psm.mapEndOffset >= lastOffset;
  psm.truncateAndReload(p.logStartOffset, lastOffset, p.now);
  if (lastOffset > psm.mapEndOffset && !isEmptyBeforeTruncation) {
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const segmentEnd = segments[i + 1]?.baseOffset ?? Number.MAX_SAFE_INTEGER;
      if (segmentEnd <= psm.mapEndOffset || segment.baseOffset >= lastOffset) continue;
      const startOffset = Math.max(psm.mapEndOffset, segment.baseOffset, p.logStartOffset);
      psm.updateMapEndOffset(startOffset);
      if (offsetsToSnapshot.has(segment.baseOffset)) psm.takeSnapshot();
      replaySegment(psm, segment, startOffset, lastOffset);
    }
  }
  psm.updateMapEndOffset(lastOffset);
  psm.takeSnapshot();
}

/** Feeds the producer batches of `segment` holding offsets in [from, to) to the state, as a replica's appends. */
function replaySegment(psm: ProducerStateManager, segment: LogSegment, from: number, to: number): void {
  const start = segment.translateOffset(from);
  if (!start) return;
  let fd: number | undefined;
  try {
    for (const batch of segment.batches(start.position)) {
      if (batch.baseOffset >= to) break;
      fd ??= openSync(segment.logPath, 'r');
      // Enough of a control batch to read its marker's type too.
      const header = readAt(fd, Math.min(batch.size, BATCH_HEADER_SIZE + MARKER_PEEK_BYTES), batch.position);
      if (header.length < BATCH_HEADER_SIZE) break;
      const producerBatch = producerBatchOf(header);
      if (producerBatch.producerId < 0n) continue;
      try {
        const result = psm.analyzeAppend(producerBatch, 'replication');
        if ('info' in result) psm.update(result.info);
      } catch (err) {
        // What a leader once accepted cannot be refused now; that producer's entry just stays as it was.
        if (!(err instanceof StorageError)) throw err;
      }
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
