import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeIndex } from './time-index';
import { makeTempDir } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('TimeIndex', () => {
  it('keeps only growing timestamps and answers the last entry at or below a target', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, '00000000000000000100.timeindex');
    const index = TimeIndex.open(path, 100, 12 * 100);
    expect(index.lookup(5)).toEqual({ timestamp: -1, offset: 100 });
    index.maybeAppend(1000, 105);
    index.maybeAppend(1000, 110); // same timestamp: ignored
    index.maybeAppend(2000, 120);
    expect(() => index.maybeAppend(1500, 130)).toThrow(/no larger than the last timestamp/);
    expect(() => index.maybeAppend(3000, 119)).toThrow(/no larger than the last offset/);
    index.maybeAppend(3000, 130);
    expect(index.entries).toBe(3);
    expect(index.lookup(999)).toEqual({ timestamp: -1, offset: 100 });
    expect(index.lookup(1000)).toEqual({ timestamp: 1000, offset: 105 });
    expect(index.lookup(2999)).toEqual({ timestamp: 2000, offset: 120 });
    expect(index.lookup(1e13)).toEqual({ timestamp: 3000, offset: 130 });
    index.close();

    const reopened = TimeIndex.open(path, 100, 12 * 100);
    reopened.sanityCheck(131);
    expect(reopened.lastEntry()).toEqual({ timestamp: 3000, offset: 130 });
    expect(() => reopened.sanityCheck(125)).toThrow(/past the log end/);
    reopened.truncateTo(120);
    expect(reopened.lastEntry()).toEqual({ timestamp: 1000, offset: 105 });
    reopened.close();
    expect(TimeIndex.open(path, 100, 1200).entries).toBe(1);
  });

  it('lets the closing entry past a full index', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const index = TimeIndex.open(join(t.dir, 'x.timeindex'), 0, 12);
    index.maybeAppend(10, 1);
    expect(index.isFull).toBe(true);
    expect(() => index.maybeAppend(20, 2)).toThrow(/full time index/);
    index.maybeAppend(20, 2, true);
    expect(index.lastEntry()).toEqual({ timestamp: 20, offset: 2 });
    index.close();
  });
});
