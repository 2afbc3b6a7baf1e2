import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createMemoryLogger } from '../logger';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../storage/log-config';
import { PartitionLog } from '../storage/partition-log';
import { makeBatch, makeTempDir } from '../storage/storage-test-helpers';
import { LogRetentionScheduler } from './log-retention-scheduler';

const HOUR = 3_600_000;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function openLogs(names: string[], config: Partial<LogConfig>, clock: ManualClock): PartitionLog[] {
  const t = makeTempDir();
  const logs = names.map((name) => PartitionLog.open(join(t.dir, name), { ...DEFAULT_LOG_CONFIG, ...config }, { clock }));
  cleanups.push(() => {
    logs.forEach((l) => l.close());
    t.cleanup();
  });
  return logs;
}

/** Three one-record segments (the last one active) stamped now. */
function fill(log: PartitionLog, clock: ManualClock): void {
  for (let i = 0; i < 3; i++) {
    if (i > 0) log.roll();
    log.append(makeBatch([{ value: `v${i}`, timestamp: clock.now() }]), { leaderEpoch: 0, assignOffsets: true });
  }
  log.updateHighWatermark(log.logEndOffset);
}

const segmentFiles = (log: PartitionLog) => readdirSync(log.dir).filter((f) => /^\d{20}\.log/.test(f)).sort();

describe('LogRetentionScheduler', () => {
  it('checks every log on the injected clock and removes .deleted files after file.delete.delay.ms', () => {
    const clock = new ManualClock();
    const [a, b] = openLogs(['a-0', 'b-0'], { retentionMs: HOUR, fileDeleteDelayMs: 60_000 }, clock);
    fill(a, clock);
    fill(b, clock);
    b.updateConfig({ ...b.config, retentionMs: -1 });
    const logger = createMemoryLogger();
    const scheduler = new LogRetentionScheduler({ logs: () => [a, b], clock, logger, checkIntervalMs: 0 });

    expect(scheduler.checkNow()).toBe(0);
    clock.advance(HOUR + 1);
    expect(scheduler.checkNow()).toBe(3);
    expect(a.logStartOffset).toBe(3);
    expect(b.logStartOffset).toBe(0);
    expect(segmentFiles(a)).toEqual([
      '00000000000000000000.log.deleted',
      '00000000000000000001.log.deleted',
      '00000000000000000002.log.deleted',
      '00000000000000000003.log',
    ]);
    expect(scheduler.pendingDeletedFiles).toHaveLength(9);

    clock.advance(59_999);
    expect(scheduler.purgeDeletedFiles()).toBe(0);
    clock.advance(1);
    expect(scheduler.purgeDeletedFiles()).toBe(9);
    expect(segmentFiles(a)).toEqual(['00000000000000000003.log']);
    expect(logger.lines.filter((l) => l.includes('Deleting segment'))).toHaveLength(3);
    scheduler.stop();
  });

  it('runs on its own timer and keeps going when one log fails', async () => {
    const clock = new ManualClock();
    const [good, broken] = openLogs(['good-0', 'broken-0'], { retentionMs: HOUR, fileDeleteDelayMs: 0 }, clock);
    fill(good, clock);
    fill(broken, clock);
    broken.closeHandlers(); // its segments can no longer be read: the pass fails for this log only
    clock.advance(2 * HOUR);
    const logger = createMemoryLogger();
    const scheduler = new LogRetentionScheduler({ logs: () => [broken, good], clock, logger, checkIntervalMs: 20 });
    scheduler.start();
    try {
      const deadline = Date.now() + 5_000;
      while (segmentFiles(good).length !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(segmentFiles(good)).toEqual(['00000000000000000003.log']);
      expect(good.logStartOffset).toBe(3);
      expect(logger.lines.some((l) => l.startsWith('ERROR Retention of') && l.includes('broken-0'))).toBe(true);
    } finally {
      scheduler.stop();
    }
    expect(scheduler.checkNow()).toBe(0); // stopped: no more passes
  });

  it('falls back to Kafka\'s 5 minute interval for a value that is not a number', () => {
    const clock = new ManualClock();
    const scheduler = new LogRetentionScheduler({ logs: () => [], clock, logger: createMemoryLogger(), checkIntervalMs: Number('abc') });
    expect(scheduler.intervalMs).toBe(300_000);
    scheduler.stop();
  });
});
