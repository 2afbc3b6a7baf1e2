import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeletedSegmentFiles } from './deleted-segment-files';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { deleteOldSegments } from './log-retention';
import { PartitionLog } from './partition-log';
import { CapturingLogger, ManualClock, makeBatch, makeTempDir } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const HOUR = 3_600_000;

function openLog(config: Partial<LogConfig> = {}) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const clock = new ManualClock();
  const dir = join(t.dir, 'events-0');
  const log = PartitionLog.open(dir, { ...DEFAULT_LOG_CONFIG, ...config }, { clock });
  return { log, clock, dir };
}

/** Appends one record per call at `timestamp`, rolling a segment after every `perSegment` records. */
function fill(log: PartitionLog, timestamps: number[], perSegment: number): void {
  timestamps.forEach((timestamp, i) => {
    if (i > 0 && i % perSegment === 0) log.roll();
    log.append(makeBatch([{ value: `v${i}`, timestamp }]), { leaderEpoch: 0, assignOffsets: true });
  });
  log.updateHighWatermark(log.logEndOffset);
}

const baseOffsets = (log: PartitionLog) => log.segments.map((s) => s.baseOffset);
const files = (dir: string) => readdirSync(dir).filter((f) => /^\d{20}\.(log|index|timeindex)/.test(f)).sort();
const snapshots = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.snapshot')).sort();

describe('deleteOldSegments', () => {
  it('deletes whole segments whose largest timestamp is older than retention.ms and advances the log start', () => {
    const { log, clock } = openLog({ retentionMs: HOUR });
    const now = clock.now();
    // Segments [0,1] and [2,3] are two hours old, [4,5] half an hour, [6] is the active segment.
    fill(log, [now - 2 * HOUR, now - 2 * HOUR, now - 2 * HOUR, now - 2 * HOUR, now - HOUR / 2, now - HOUR / 2, now], 2);
    expect(baseOffsets(log)).toEqual([0, 2, 4, 6]);

    const result = deleteOldSegments(log, clock.now());
    expect(result.deleted.map((d) => [d.baseOffset, d.reason])).toEqual([
      [0, 'retention-ms'],
      [2, 'retention-ms'],
    ]);
    expect(baseOffsets(log)).toEqual([4, 6]);
    expect(log.logStartOffset).toBe(4);
    const below = log.read(0, { maxBytes: 1000 });
    expect(below.kind).toBe('offsetOutOfRange');

    // An hour later [4,5] has expired too; the active segment still holds a recent record.
    clock.advance(HOUR);
    expect(deleteOldSegments(log, clock.now()).deleted.map((d) => d.baseOffset)).toEqual([4]);
    expect(log.logStartOffset).toBe(6);
    log.close();
  });

  it('rolls a new active segment when every segment has expired, keeping the log end', () => {
    const { log, clock } = openLog({ retentionMs: HOUR });
    fill(log, [clock.now(), clock.now(), clock.now()], 2);
    clock.advance(2 * HOUR);
    const result = deleteOldSegments(log, clock.now());
    expect(result.deleted.map((d) => d.baseOffset)).toEqual([0, 2]);
    expect(baseOffsets(log)).toEqual([3]);
    expect(log.offsets).toEqual({ logStartOffset: 3, logEndOffset: 3, highWatermark: 3 });
    // The empty active segment is never deleted, however old.
    clock.advance(10 * HOUR);
    expect(deleteOldSegments(log, clock.now()).deleted).toEqual([]);
    log.append(makeBatch([{ value: 'next', timestamp: clock.now() }]), { leaderEpoch: 0, assignOffsets: true });
    expect(log.logEndOffset).toBe(4);
    log.close();
  });

  it('never deletes a segment holding offsets at or above the high watermark', () => {
    const { log, clock } = openLog({ retentionMs: HOUR });
    fill(log, [clock.now(), clock.now(), clock.now(), clock.now(), clock.now()], 2);
    log.updateHighWatermark(3); // offsets 3 and 4 are not committed yet
    clock.advance(2 * HOUR);
    expect(deleteOldSegments(log, clock.now()).deleted.map((d) => d.baseOffset)).toEqual([0]);
    expect(log.logStartOffset).toBe(2);
    log.updateHighWatermark(5);
    expect(deleteOldSegments(log, clock.now()).deleted.map((d) => d.baseOffset)).toEqual([2, 4]);
    expect(log.logStartOffset).toBe(5);
    log.close();
  });

  it('deletes the oldest segments while the log is larger than retention.bytes', () => {
    const { log, clock } = openLog();
    fill(log, Array.from({ length: 8 }, () => clock.now()), 2);
    const segmentSize = log.segments[0].size;
    expect(log.segments.map((s) => s.size)).toEqual([segmentSize, segmentSize, segmentSize, segmentSize]);
    // As Kafka, only segments whose removal keeps the log at or above retention.bytes go: with room
    // for two and a half segments one goes (removing two would leave less than the limit).
    log.updateConfig({ ...log.config, retentionBytes: Math.floor(segmentSize * 2.5) });
    const result = deleteOldSegments(log, clock.now());
    expect(result.deleted.map((d) => [d.baseOffset, d.reason])).toEqual([[0, 'retention-bytes']]);
    expect(log.sizeInBytes).toBe(3 * segmentSize);
    expect(log.logStartOffset).toBe(2);
    log.updateConfig({ ...log.config, retentionBytes: 2 * segmentSize });
    expect(deleteOldSegments(log, clock.now()).deleted.map((d) => d.baseOffset)).toEqual([2]);
    expect(log.sizeInBytes).toBe(2 * segmentSize);
    // Exactly at the limit: nothing more to delete.
    expect(deleteOldSegments(log, clock.now()).deleted).toEqual([]);
    log.close();
  });

  it('removes segments wholly below a log start offset set by DeleteRecords, whatever the policy', () => {
    const { log, clock } = openLog({ cleanupPolicy: 'compact', retentionMs: 1 });
    fill(log, Array.from({ length: 6 }, () => clock.now()), 2);
    clock.advance(HOUR);
    // A compacted topic keeps expired segments…
    expect(deleteOldSegments(log, clock.now()).deleted).toEqual([]);
    // …but not those below its log start offset. 3 is inside segment [2,3], which stays.
    const start = log.logStartOffset;
    expect(start).toBe(0);
    log.updateHighWatermark(6);
    const lso = log.deleteRecordsBefore(3);
    expect(lso).toBe(3);
    const result = deleteOldSegments(log, clock.now());
    expect(log.segments[0].baseOffset).toBe(2);
    expect(log.logStartOffset).toBe(3);
    expect(result.logStartOffset).toBe(3);
    log.close();
  });

  it('keeps every segment when retention.ms is -1 or far in the future', () => {
    const { log, clock } = openLog({ retentionMs: -1 });
    fill(log, [0, 0, 0, 0], 2);
    clock.advance(1000 * HOUR);
    expect(deleteOldSegments(log, clock.now()).deleted).toEqual([]);
    log.updateConfig({ ...log.config, retentionMs: DEFAULT_LOG_CONFIG.retentionMs });
    expect(deleteOldSegments(log, 1).deleted).toEqual([]);
    log.close();
  });

  it('renames deleted segment files .deleted and removes them after file.delete.delay.ms', () => {
    const { log, clock, dir } = openLog({ retentionMs: HOUR, fileDeleteDelayMs: 60_000 });
    fill(log, [clock.now(), clock.now(), clock.now()], 2);
    clock.advance(2 * HOUR);
    const logger = new CapturingLogger();
    const deleted = new DeletedSegmentFiles(logger);
    const result = deleteOldSegments(log, clock.now(), logger);
    const renamed = deleted.schedule(result.segments, clock.now() + log.config.fileDeleteDelayMs);
    expect(renamed.map((f) => f.slice(dir.length + 1)).sort()).toEqual([
      '00000000000000000000.index.deleted',
      '00000000000000000000.log.deleted',
      '00000000000000000000.timeindex.deleted',
      '00000000000000000002.index.deleted',
      '00000000000000000002.log.deleted',
      '00000000000000000002.timeindex.deleted',
    ]);
    expect(files(dir)).toEqual([
      '00000000000000000000.index.deleted',
      '00000000000000000000.log.deleted',
      '00000000000000000000.timeindex.deleted',
      '00000000000000000002.index.deleted',
      '00000000000000000002.log.deleted',
      '00000000000000000002.timeindex.deleted',
      '00000000000000000003.index',
      '00000000000000000003.log',
      '00000000000000000003.timeindex',
    ]);
    expect(logger.matching(/Deleting segment 0 .*retention time 3600000ms breach/)).toHaveLength(1);
    // Producer-state snapshots below the new log start go with their segments.
    expect(snapshots(dir).every((f) => Number(f.slice(0, 20)) >= 3)).toBe(true);

    clock.advance(59_999);
    expect(deleted.purgeDue(clock.now())).toBe(0);
    clock.advance(1);
    expect(deleted.purgeDue(clock.now())).toBe(6);
    expect(deleted.nextDueAt()).toBeUndefined();
    expect(files(dir)).toEqual(['00000000000000000003.index', '00000000000000000003.log', '00000000000000000003.timeindex']);
    log.close();
  });

  it('reopens after retention with the new log start and no trace of .deleted files', () => {
    const { log, clock, dir } = openLog({ retentionMs: HOUR });
    fill(log, [clock.now(), clock.now(), clock.now(), clock.now() + 3 * HOUR], 2);
    clock.advance(2 * HOUR);
    const result = deleteOldSegments(log, clock.now());
    new DeletedSegmentFiles(new CapturingLogger()).schedule(result.segments, Number.MAX_SAFE_INTEGER);
    expect(log.logStartOffset).toBe(2);
    log.close();
    // The loader removes leftover .deleted files; the first segment's base is the log start.
    const reopened = PartitionLog.open(dir, { ...DEFAULT_LOG_CONFIG }, { clock, hadCleanShutdown: true });
    expect(reopened.logStartOffset).toBe(2);
    expect(files(dir).some((f) => f.endsWith('.deleted'))).toBe(false);
    expect(existsSync(join(dir, '00000000000000000002.log'))).toBe(true);
    reopened.close();
  });
});
