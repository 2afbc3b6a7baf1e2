import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOG_CONFIG } from './log-config';
import { PartitionLog } from './partition-log';
import { makeBatch, makeTempDir } from './storage-test-helpers';

describe('the leader epoch cache at the log end', () => {
  const temp = makeTempDir();
  afterEach(() => temp.cleanup());

  it('drops an epoch that got no records when truncating to the log end (a leader that appended nothing)', () => {
    const log = PartitionLog.open(join(temp.dir, 'moved-0'), DEFAULT_LOG_CONFIG);
    for (let i = 0; i < 4; i++) log.append(makeBatch([{ value: `v${i}`, timestamp: 1_700_000_000_000 + i }]), { leaderEpoch: 0, assignOffsets: true });
    // This broker became leader at epoch 1 (the cache gets epoch 1 at the log end) and appended nothing.
    log.leaderEpochCache.assign(1, log.logEndOffset);
    expect(log.leaderEpochCache.latestEpoch()).toBe(1);
    // As a follower of a new leader it is told its log diverged at offset 4, its own end.
    expect(log.truncateTo(4)).toBe(false);
    expect(log.logEndOffset).toBe(4);
    expect(log.leaderEpochCache.latestEpoch()).toBe(0);
    log.close();
  });
});
