import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeaderEpochCheckpointFile } from './checkpoint-file';
import { LeaderEpochCache } from './leader-epoch-cache';
import { CapturingLogger, makeTempDir } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function cache() {
  const t = makeTempDir();
  cleanup = t.cleanup;
  const file = new LeaderEpochCheckpointFile(join(t.dir, 'leader-epoch-checkpoint'));
  const logger = new CapturingLogger();
  return { cache: new LeaderEpochCache(file, [], logger), file, logger };
}

describe('LeaderEpochCache', () => {
  it('answers OffsetForLeaderEpoch as Kafka does', () => {
    const { cache: c, file } = cache();
    c.assign(2, 0);
    c.assign(2, 10); // same epoch, later offset: no change
    c.assign(4, 15);
    c.assign(7, 40);
    expect(readFileSync(file.path, 'utf8')).toBe('0\n3\n2 0\n4 15\n7 40\n');
    const leo = 55;
    expect(c.endOffsetFor(7, leo)).toEqual({ leaderEpoch: 7, endOffset: 55 });
    expect(c.endOffsetFor(4, leo)).toEqual({ leaderEpoch: 4, endOffset: 40 });
    expect(c.endOffsetFor(5, leo)).toEqual({ leaderEpoch: 4, endOffset: 40 });
    expect(c.endOffsetFor(1, leo)).toEqual({ leaderEpoch: 1, endOffset: 0 });
    expect(c.endOffsetFor(9, leo)).toEqual({ leaderEpoch: -1, endOffset: -1 });
    expect(c.endOffsetFor(-1, leo)).toEqual({ leaderEpoch: -1, endOffset: -1 });
    expect(c.epochForOffset(14)).toBe(2);
    expect(c.epochForOffset(15)).toBe(4);
  });

  it('drops conflicting entries on assign and truncates from both ends', () => {
    const { cache: c, file, logger } = cache();
    c.assign(1, 0);
    c.assign(3, 20);
    c.assign(5, 50);
    c.assign(4, 30); // a lower epoch after a divergence: 5 goes
    expect(c.all).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 3, startOffset: 20 },
      { epoch: 4, startOffset: 30 },
    ]);
    expect(logger.matching(/caused truncation of conflicting entries/)).toHaveLength(1);
    c.truncateFromEnd(30);
    expect(c.latestEpoch()).toBe(3);
    c.truncateFromStart(25);
    expect(c.all).toEqual([{ epoch: 3, startOffset: 25 }]);
    expect(new LeaderEpochCheckpointFile(file.path).read()).toEqual([{ epoch: 3, startOffset: 25 }]);
    expect(() => c.assign(-1, 3)).toThrow(/invalid partition leader epoch/);
  });
});
