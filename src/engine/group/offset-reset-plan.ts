import type { ResetPlanRow } from '../../shared/groups-types';
/**
 * The pure half of an offset reset: given what the cluster said about each partition (committed
 * offset, log start and end, the offset for a timestamp), decide each partition's new offset as
 * kafka-consumer-groups.sh --reset-offsets does. The network half lives in the client
 * (consumer-group-admin.ts).
 */
import { OffsetResetError, parseResetDateTime, parseResetDateTimeIn, parseResetDuration, type OffsetResetSpec } from './offset-reset-spec';

export * from './offset-reset-spec';

/** What the planner needs to know about one partition. */
export interface PartitionOffsetsInput {
  topic: string;
  partition: number;
  /** The group's committed offset, null when it has none. */
  committedOffset: number | null;
  logStartOffset: number;
  /** The high watermark, as clients see the log end. */
  logEndOffset: number;
  /**
   * For to-datetime/by-duration: ListOffsets' answer for the timestamp, null when no record is at
   * or after it (the plan then falls back to the log end, as Kafka's tool does).
   */
  offsetForTimestamp?: number | null;
}

/** A plan row: current → target per partition, with the clamping flag (the console contract's shape). */
export type OffsetResetPlanRow = ResetPlanRow;

/**
 * The timestamp a time-based scenario looks up (epoch ms), or null for other scenarios.
 * by-duration counts back from `nowMs`.
 */
export function resetTimestamp(spec: OffsetResetSpec, nowMs: number): number | null {
  if (spec.kind === 'to-datetime') return parseResetDateTimeIn(spec.datetime, spec.timeZone);
  if (spec.kind === 'by-duration') return nowMs - parseResetDuration(spec.duration);
  return null;
}

/** Checks a scenario's arguments before any lookup, so bad input fails before the network. */
export function validateResetSpec(spec: OffsetResetSpec): void {
  switch (spec.kind) {
    case 'to-offset':
      if (!Number.isSafeInteger(spec.offset)) throw new OffsetResetError(`--to-offset must be a whole number, got ${spec.offset}`);
      return;
    case 'shift-by':
      if (!Number.isSafeInteger(spec.shift)) throw new OffsetResetError(`--shift-by must be a whole number, got ${spec.shift}`);
      return;
    case 'to-datetime':
      parseResetDateTime(spec.datetime);
      parseResetDateTimeIn(spec.datetime, spec.timeZone);
      return;
    case 'by-duration':
      parseResetDuration(spec.duration);
      return;
    case 'from-file':
      if (spec.entries.length === 0) throw new OffsetResetError('the reset plan has no entries');
      return;
    default:
      return;
  }
}

/**
 * Kafka's checkOffsetsRange: an explicit offset (to-offset, shift-by, from-file) beyond the log
 * end moves to the end, below the log start to the start.
 */
function clampToLog(requested: number, p: PartitionOffsetsInput): { target: number; clamped: OffsetResetPlanRow['clamped'] } {
  if (requested > p.logEndOffset) return { target: p.logEndOffset, clamped: 'end' };
  if (requested < p.logStartOffset) return { target: p.logStartOffset, clamped: 'start' };
  return { target: requested, clamped: null };
}

function planOne(spec: OffsetResetSpec, p: PartitionOffsetsInput, fileOffsets: Map<string, number> | null): OffsetResetPlanRow {
  const row = (requested: number, clamp: boolean): OffsetResetPlanRow => {
    const { target, clamped } = clamp ? clampToLog(requested, p) : { target: requested, clamped: null };
    return {
      topic: p.topic,
      partition: p.partition,
      currentOffset: p.committedOffset,
      targetOffset: target,
      requestedOffset: requested,
      logStartOffset: p.logStartOffset,
      logEndOffset: p.logEndOffset,
      clamped,
    };
  };
  switch (spec.kind) {
    case 'to-earliest':
      return row(p.logStartOffset, false);
    case 'to-latest':
      return row(p.logEndOffset, false);
    case 'to-offset':
      return row(spec.offset, true);
    case 'shift-by':
      if (p.committedOffset === null) {
        throw new OffsetResetError(`cannot shift the offset of ${p.topic}-${p.partition}: the group has no committed offset for it`);
      }
      return row(p.committedOffset + spec.shift, true);
    case 'to-datetime':
    case 'by-duration':
      if (p.offsetForTimestamp === undefined) throw new Error(`no timestamp lookup given for ${p.topic}-${p.partition}`);
      // No record at or after the time: Kafka's tool falls back to the log end.
      return row(p.offsetForTimestamp === null || p.offsetForTimestamp < 0 ? p.logEndOffset : p.offsetForTimestamp, false);
    case 'from-file': {
      const offset = fileOffsets!.get(`${p.topic}:${p.partition}`);
      if (offset === undefined) throw new Error(`${p.topic}-${p.partition} is not in the reset plan`);
      return row(offset, true);
    }
    case 'from-group':
      // The client turns it into the other group's offsets (a from-file plan) before planning.
      throw new Error(`copy the offsets of group ${spec.group} before planning`);
    case 'to-current':
      // Kafka keeps a committed offset as it is (no range check); a partition without one goes to the log end.
      return row(p.committedOffset ?? p.logEndOffset, false);
  }
}

/** One plan row per partition, sorted by topic then partition. */
export function planOffsetReset(spec: OffsetResetSpec, partitions: readonly PartitionOffsetsInput[]): OffsetResetPlanRow[] {
  validateResetSpec(spec);
  const fileOffsets = spec.kind === 'from-file' ? new Map(spec.entries.map((e) => [`${e.topic}:${e.partition}`, e.offset])) : null;
  return partitions.map((p) => planOne(spec, p, fileOffsets)).sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}
