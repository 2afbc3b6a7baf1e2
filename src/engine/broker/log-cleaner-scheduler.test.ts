import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createMemoryLogger } from '../logger';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { DEFAULT_LOG_CONFIG, type LogConfig } from '../storage/log-config';
import { PartitionLog } from '../storage/partition-log';
import { makeTempDir } from '../storage/storage-test-helpers';
import { LogCleanerScheduler } from './log-cleaner-scheduler';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup(configs: Record<string, Partial<LogConfig>>) {
  const t = makeTempDir();
  const clock = new ManualClock();
  const logs = Object.entries(configs).map(([name, config]) =>
    PartitionLog.open(join(t.dir, name), { ...DEFAULT_LOG_CONFIG, segmentBytes: 400, ...config }, { clock }),
  );
  const scheduler = new LogCleanerScheduler({ logs: () => logs, brokerDir: t.dir, clock, logger: createMemoryLogger(), backoffMs: 0 });
  cleanups.push(() => {
    logs.forEach((l) => l.close());
    t.cleanup();
  });
  return { logs, clock, scheduler, dir: t.dir };
}

/** `updates` one-record batches cycling over `keys` keys, then a roll so all of it is cleanable. */
function fill(log: PartitionLog, clock: ManualClock, updates: number, keys: number): void {
  for (let i = 0; i < updates; i++) {
    const batch = buildRecordBatchSync([{ key: `k${i % keys}`, value: `v${i}`, timestamp: clock.now() }], { now: clock.now() });
    log.append(batch, { leaderEpoch: 0, assignOffsets: true });
  }
  log.roll();
  log.updateHighWatermark(log.logEndOffset);
}

const logFiles = (log: PartitionLog) => readdirSync(log.dir).filter((f) => /\.log/.test(f)).sort();

describe('LogCleanerScheduler', () => {
  it('cleans the filthiest compacted log, records its first dirty offset and removes replaced files after the delay', async () => {
    const { logs, clock, scheduler, dir } = setup({
      'plain-0': { cleanupPolicy: 'delete' },
      'small-0': { cleanupPolicy: 'compact', fileDeleteDelayMs: 1_000 },
      'big-0': { cleanupPolicy: 'compact,delete', fileDeleteDelayMs: 1_000 },
    });
    const [plain, small, big] = logs;
    fill(plain, clock, 20, 1);
    fill(small, clock, 20, 10);
    fill(big, clock, 40, 2);

    // Both are all dirty (ratio 1): one goes first, then the other; the delete-policy log never.
    expect(await scheduler.cleanFilthiestLog()).toBe(true);
    const first = scheduler.lastCleanedLog?.partition;
    expect(['big-0', 'small-0']).toContain(first);
    expect(readFileSync(join(dir, 'cleaner-offset-checkpoint'), 'utf8')).toBe(first === 'big-0' ? '0\n1\nbig 0 40\n' : '0\n1\nsmall 0 20\n');
    expect(await scheduler.cleanFilthiestLog()).toBe(true);
    expect(scheduler.lastCleanedLog?.partition).toBe(first === 'big-0' ? 'small-0' : 'big-0');
    expect(readFileSync(join(dir, 'cleaner-offset-checkpoint'), 'utf8')).toBe('0\n2\nbig 0 40\nsmall 0 20\n');
    expect(logFiles(big).some((f) => f.endsWith('.deleted'))).toBe(true);
    // Nothing is dirty any more: the delete-policy log is never a candidate.
    expect(await scheduler.cleanFilthiestLog()).toBe(false);
    expect(logFiles(plain).length).toBeGreaterThan(1);

    expect(scheduler.purgeDeletedFiles()).toBe(0);
    clock.advance(1_000);
    expect(scheduler.purgeDeletedFiles()).toBeGreaterThan(0);
    expect(logFiles(big).some((f) => f.endsWith('.deleted'))).toBe(false);
  });

  it('leaves a log below min.cleanable.dirty.ratio alone', async () => {
    const { logs, clock, scheduler } = setup({ 'c-0': { cleanupPolicy: 'compact', minCleanableDirtyRatio: 0.9 } });
    fill(logs[0], clock, 30, 30);
    expect(await scheduler.cleanFilthiestLog()).toBe(true);
    // Now mostly clean: a few new records are far below a 0.9 dirty share.
    fill(logs[0], clock, 3, 30);
    expect(await scheduler.cleanFilthiestLog()).toBe(false);
  });

  it('runs on its own loop and stops cleanly', async () => {
    const { logs, clock, scheduler } = setup({ 'c-0': { cleanupPolicy: 'compact' } });
    fill(logs[0], clock, 30, 3);
    scheduler.start();
    const deadline = Date.now() + 5_000;
    while (!scheduler.lastCleanedLog && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(scheduler.lastCleanedLog?.result.endOffset).toBe(30);
    await scheduler.stop();
  });
});
