// A partition's transactional side: the last stable offset against a plain model (open
// transactions, markers not yet below the high watermark), aborted transactions in each segment's
// .txnindex (Kafka's 34-byte entries), their survival across a clean restart and their rebuild
// from the log after a crash that lost the files; open transactions kept in producer snapshots.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatchSync, buildTransactionMarkerBatch } from '../protocol/record-batch-builder';
import { DEFAULT_LOG_CONFIG } from './log-config';
import { PartitionLog } from './partition-log';
import { InvalidProducerEpochError } from './producer-append-info';
import { readTxnIndexFile } from './transaction-index';
import { ManualClock, makeTempDir, seededRandom } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(segmentBytes = DEFAULT_LOG_CONFIG.segmentBytes) {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const clock = new ManualClock();
  const dir = join(t.dir, 'payments-0');
  const open = (hadCleanShutdown = true) => PartitionLog.open(dir, { ...DEFAULT_LOG_CONFIG, segmentBytes }, { clock, hadCleanShutdown });
  return { dir, open };
}

const lead = { leaderEpoch: 0, assignOffsets: true };
const seqs = new Map<number, number>();

function txnData(pid: number, epoch: number, count: number): Buffer {
  const seq = seqs.get(pid) ?? 0;
  seqs.set(pid, seq + count);
  const records = Array.from({ length: count }, (_, i) => ({ key: null, value: `${pid}-${seq + i}`, timestamp: 1_700_000_000_000 }));
  return buildRecordBatchSync(records, { producerId: pid, producerEpoch: epoch, baseSequence: seq, transactional: true });
}

const marker = (pid: number, epoch: number, type: 'COMMIT' | 'ABORT') => buildTransactionMarkerBatch({ type, coordinatorEpoch: 3, producerId: pid, producerEpoch: epoch, timestamp: 1_700_000_000_000 });

describe('the last stable offset and aborted transactions', () => {
  it('follows a model over random interleavings of producers, markers and high-watermark moves', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { open } = setup(2_000);
      seqs.clear();
      const log = open();
      const rand = seededRandom(seed);
      // Model: per producer the first offset of its open transaction; completed ones until the HW passes their marker.
      const openTxn = new Map<number, number>();
      const unreplicated: { first: number; marker: number }[] = [];
      const aborted: { pid: number; first: number; last: number }[] = [];
      for (let step = 0; step < 120; step++) {
        const pid = 1 + Math.floor(rand() * 3);
        const r = rand();
        if (r < 0.55) {
          const info = log.append(txnData(pid, 0, 1 + Math.floor(rand() * 3)), lead);
          if (!openTxn.has(pid)) openTxn.set(pid, info.firstOffset);
        } else if (r < 0.8 && openTxn.has(pid)) {
          const abort = rand() < 0.5;
          const info = log.append(marker(pid, 0, abort ? 'ABORT' : 'COMMIT'), lead);
          unreplicated.push({ first: openTxn.get(pid)!, marker: info.lastOffset });
          if (abort) aborted.push({ pid, first: openTxn.get(pid)!, last: info.lastOffset });
          openTxn.delete(pid);
        } else {
          log.updateHighWatermark(log.highWatermark + Math.floor(rand() * (log.logEndOffset - log.highWatermark + 1)));
          for (let i = unreplicated.length - 1; i >= 0; i--) if (unreplicated[i]!.marker < log.highWatermark) unreplicated.splice(i, 1);
        }
        const firsts = [...openTxn.values(), ...unreplicated.map((u) => u.first)];
        const expected = firsts.length === 0 ? log.highWatermark : Math.min(log.highWatermark, ...firsts);
        expect(log.lastStableOffset, `seed ${seed} step ${step}`).toBe(expected);
      }
      const fromIndex = log.collectAbortedTransactions(0, log.logEndOffset).map((t) => ({ pid: Number(t.producerId), first: t.firstOffset, last: t.lastOffset }));
      expect(fromIndex).toEqual([...aborted].sort((a, b) => a.first - b.first));
      // A fetch from past an aborted transaction's marker is not told about it; one overlapping it is.
      for (const a of aborted) {
        expect(log.collectAbortedTransactions(a.last + 1, log.logEndOffset).some((t) => t.lastOffset === a.last)).toBe(false);
        expect(log.collectAbortedTransactions(a.first, a.first + 1).some((t) => t.lastOffset === a.last)).toBe(true);
      }
      log.close();
    }
  });

  it('keeps aborted transactions in .txnindex (34-byte entries) across a clean restart, and rebuilds them from the log after a crash that lost them', () => {
    const { dir, open } = setup(600);
    seqs.clear();
    const log = open();
    log.append(txnData(7, 0, 2), lead);
    log.append(marker(7, 0, 'ABORT'), lead);
    log.append(txnData(8, 0, 3), lead);
    log.append(marker(8, 0, 'COMMIT'), lead);
    log.append(txnData(7, 0, 1), lead);
    log.append(marker(7, 0, 'ABORT'), lead);
    log.updateHighWatermark(log.logEndOffset);
    const before = log.collectAbortedTransactions(0, log.logEndOffset);
    expect(before.map((t) => [t.producerId, t.firstOffset, t.lastOffset])).toEqual([[7n, 0, 2], [7n, 7, 8]]);
    const files = () => readdirSync(dir).filter((f) => f.endsWith('.txnindex'));
    expect(files().length).toBeGreaterThan(0);
    const entries = files().flatMap((f) => readTxnIndexFile(join(dir, f)));
    expect(entries.map((t) => t.lastOffset)).toEqual([2, 8]);
    for (const f of files()) expect(statSync(join(dir, f)).size % 34).toBe(0);
    expect(readFileSync(join(dir, files()[0]!)).readInt16BE(0)).toBe(0);
    log.close();

    const reopened = open(true);
    expect(reopened.collectAbortedTransactions(0, reopened.logEndOffset)).toEqual(before);
    reopened.closeHandlers();

    // Crash: no clean shutdown, no snapshots, no index files. Recovery replays the log and writes them again.
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.txnindex') || n.endsWith('.snapshot'))) rmSync(join(dir, f));
    const recovered = open(false);
    expect(recovered.collectAbortedTransactions(0, recovered.logEndOffset).map((t) => [t.producerId, t.firstOffset, t.lastOffset])).toEqual([[7n, 0, 2], [7n, 7, 8]]);
    expect(files().length).toBeGreaterThan(0);
    recovered.close();
  });

  it('an open transaction survives a restart in the producer snapshot and holds the last stable offset; a marker of an older epoch is refused', () => {
    const { open } = setup();
    seqs.clear();
    const log = open();
    log.append(txnData(5, 2, 2), lead);
    log.append(buildRecordBatchSync([{ key: null, value: 'plain' }], {}), lead);
    log.updateHighWatermark(log.logEndOffset);
    expect(log.lastStableOffset).toBe(0);
    log.close();
    const reopened = open(true);
    expect(reopened.producerStateManager.ongoingTransactions()).toEqual([{ producerId: 5n, firstOffset: 0 }]);
    expect(reopened.lastStableOffset).toBe(0);
    expect(() => reopened.append(marker(5, 1, 'ABORT'), lead)).toThrow(InvalidProducerEpochError);
    reopened.append(marker(5, 2, 'COMMIT'), lead);
    expect(reopened.lastStableOffset).toBe(reopened.highWatermark);
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(reopened.lastStableOffset).toBe(reopened.logEndOffset);
    reopened.close();
  });
});
