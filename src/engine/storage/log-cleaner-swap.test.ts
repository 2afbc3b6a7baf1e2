import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatchSync } from '../protocol/record-batch-builder';
import { decodeRecordBatches } from '../protocol/record-batch-decoder';
import { DeletedSegmentFiles } from './deleted-segment-files';
import { DEFAULT_LOG_CONFIG, type LogConfig } from './log-config';
import { LogCleaner, type SwapStep } from './log-cleaner';
import { logToClean } from './log-cleaner-manager';
import { completeInterruptedSwaps } from './log-cleaner-swap';
import { PartitionLog } from './partition-log';
import { CapturingLogger, ManualClock, makeTempDir, seededRandom } from './storage-test-helpers';
import { silentLogger } from './storage-context';

/**
 * A crash at each step of the cleaner's file swap (`.cleaned` written, renamed `.swap`, old
 * segments renamed `.deleted`) and a restart: the log that loads is either the uncleaned one or the
 * cleaned one, segment by segment, and cleaning again converges on the fully cleaned log.
 */
const config: LogConfig = { ...DEFAULT_LOG_CONFIG, cleanupPolicy: 'compact', segmentBytes: 700, indexIntervalBytes: 100 };

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

class CrashHere extends Error {}

/** The same appends every time (same seed, same clock): keyed records, some tombstones. */
function buildLog(dir: string, clock: ManualClock): PartitionLog {
  const log = PartitionLog.open(dir, config, { clock });
  const rnd = seededRandom(99);
  for (let i = 0; i < 120; i++) {
    const key = `key-${Math.floor(rnd() * 12)}`;
    const value = rnd() < 0.15 ? null : `value-${i}`;
    log.append(buildRecordBatchSync([{ key, value, timestamp: clock.now() }], { now: clock.now() }), { leaderEpoch: 0, assignOffsets: true });
  }
  log.roll();
  log.updateHighWatermark(log.logEndOffset);
  return log;
}

async function records(log: PartitionLog): Promise<string[]> {
  const out: string[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const read = log.read(offset, { maxBytes: 1 << 24, minOneBatch: true });
    if (read.kind !== 'records' || read.records.length === 0) throw new Error(`nothing at ${offset}`);
    for (const batch of await decodeRecordBatches(read.records)) {
      if (!batch.isControl) for (const r of batch.records) out.push(`${r.offset}:${r.key}=${r.value ?? '∅'}`);
      offset = batch.lastOffset + 1;
    }
  }
  return out;
}

const offsetOf = (line: string) => Number(line.split(':')[0]);

async function scenario(step: SwapStep, crashAtGroup: number) {
  const clock = new ManualClock();
  const ref = makeTempDir('brokerlab-swap-ref-');
  const t = makeTempDir('brokerlab-swap-');
  cleanups.push(ref.cleanup, t.cleanup);

  const reference = buildLog(join(ref.dir, 'c-0'), clock);
  const uncleaned = await records(reference);
  await new LogCleaner().clean(logToClean(reference, undefined, clock.now()), clock.now());
  const cleaned = await records(reference);
  reference.close();

  const dir = join(t.dir, 'c-0');
  let log = buildLog(dir, clock);
  const bases = log.segments.map((s) => s.baseOffset);
  // Fresh segments are each near segment.bytes, so every group is one segment.
  const deleted = new DeletedSegmentFiles(silentLogger);
  let group = -1;
  const cleaner = new LogCleaner({
    retireSegments: (segments) => void deleted.schedule(segments, Number.MAX_SAFE_INTEGER),
    onSwapStep: (s) => {
      if (s === 'cleaned-written') group++;
      if (s === step && group === crashAtGroup) throw new CrashHere(`crash at ${s} of group ${group}`);
    },
  });
  await expect(cleaner.clean(logToClean(log, undefined, clock.now()), clock.now())).rejects.toThrow();
  log.closeHandlers();
  const leftovers = readdirSync(dir).filter((f) => /\.(cleaned|swap|deleted)$/.test(f));
  expect(leftovers.length).toBeGreaterThan(0);

  const logger = new CapturingLogger();
  log = PartitionLog.open(dir, config, { clock, logger, recoveryPoint: 0 });
  log.updateHighWatermark(log.logEndOffset);
  expect(readdirSync(dir).filter((f) => /\.(cleaned|swap|deleted)$/.test(f))).toEqual([]);
  // Groups up to the crashed one are cleaned if the crash came after the `.swap` rename.
  const boundary = step === 'cleaned-written' ? bases[crashAtGroup] : bases[crashAtGroup + 1];
  const expected = [...cleaned.filter((r) => offsetOf(r) < boundary), ...uncleaned.filter((r) => offsetOf(r) >= boundary)];
  expect(await records(log)).toEqual(expected);
  if (step !== 'cleaned-written') expect(logger.matching(/interrupted swap/).length).toBe(1);

  // Cleaning again from scratch ends where an uninterrupted clean did.
  await new LogCleaner().clean(logToClean(log, undefined, clock.now()), clock.now());
  expect(await records(log)).toEqual(cleaned);
  log.close();
}

describe('log cleaner swap, crash and restart', () => {
  for (const step of ['cleaned-written', 'swap-renamed', 'old-retired'] as const) {
    for (const group of [0, 2]) {
      it(`recovers from a crash at ${step} of group ${group}`, async () => {
        await scenario(step, group);
      });
    }
  }

  it('deletes `.cleaned` files and the `.swap` files at or above them, and completes older swaps', () => {
    const t = makeTempDir('brokerlab-swap-');
    cleanups.push(t.cleanup);
    const name = (offset: number, suffix: string) => `${String(offset).padStart(20, '0')}${suffix}`;
    const batch = (base: number) => buildRecordBatchSync([{ key: 'k', value: 'v', timestamp: 1 }], { baseOffset: base });
    writeFileSync(join(t.dir, name(0, '.log')), batch(0));
    writeFileSync(join(t.dir, name(0, '.index')), Buffer.alloc(0));
    writeFileSync(join(t.dir, name(5, '.log')), batch(5));
    writeFileSync(join(t.dir, name(0, '.log.swap')), batch(3));
    writeFileSync(join(t.dir, name(10, '.log')), batch(10));
    writeFileSync(join(t.dir, name(10, '.log.cleaned')), batch(10));
    writeFileSync(join(t.dir, name(20, '.log.swap')), batch(20));
    expect(completeInterruptedSwaps(t.dir, silentLogger)).toEqual([0]);
    // The swap at 0 ends at offset 4: it replaces segment 0 but not segment 5.
    expect(readdirSync(t.dir).sort()).toEqual([name(0, '.log'), name(10, '.log'), name(5, '.log')].sort());
  });
});
