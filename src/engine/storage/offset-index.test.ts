import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OffsetIndex } from './offset-index';
import { CorruptIndexError } from './storage-errors';
import { makeTempDir, seededRandom } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function setup(): string {
  const t = makeTempDir();
  cleanup = t.cleanup;
  return t.dir;
}

/** The model: the largest entry ≤ target, else (base, 0) — as Kafka's OffsetIndexTest checks with a TreeMap. */
function modelLookup(entries: Array<[number, number]>, base: number, target: number): { offset: number; position: number } {
  let best = { offset: base, position: 0 };
  for (const [offset, position] of entries) if (offset <= target) best = { offset, position };
  return best;
}

describe('OffsetIndex', () => {
  it('answers every lookup like a sorted map, before and after reopening', () => {
    const dir = setup();
    const base = 1000;
    const path = join(dir, '00000000000000001000.index');
    const index = OffsetIndex.open(path, base, 8 * 500);
    const rnd = seededRandom(7);
    const entries: Array<[number, number]> = [];
    let offset = base;
    let position = 0;
    for (let i = 0; i < 300; i++) {
      offset += 1 + Math.floor(rnd() * 50);
      position += 1 + Math.floor(rnd() * 5000);
      index.append(offset, position);
      entries.push([offset, position]);
    }
    const check = (ix: OffsetIndex) => {
      for (let target = base - 5; target <= offset + 5; target += 3) {
        expect(ix.lookup(target)).toEqual(modelLookup(entries, base, target));
      }
    };
    check(index);
    index.close();
    expect(statSync(path).size).toBe(300 * 8);
    const reopened = OffsetIndex.open(path, base, 8 * 500);
    reopened.sanityCheck();
    check(reopened);

    // Truncation removes entries at or above the offset, on disk too.
    const cut = entries[120][0];
    reopened.truncateTo(cut);
    entries.length = 120;
    check(reopened);
    expect(statSync(path).size).toBe(120 * 8);
    reopened.close();
  });

  it('refuses non-increasing offsets and appends past its capacity', () => {
    const dir = setup();
    const index = OffsetIndex.open(join(dir, 'a.index'), 0, 16);
    index.append(5, 0);
    expect(() => index.append(5, 10)).toThrow(/no larger than the last offset/);
    index.append(9, 100);
    expect(index.isFull).toBe(true);
    expect(() => index.append(12, 200)).toThrow(/full index/);
    index.close();
  });

  it('fails its sanity check on a torn entry or entries out of order', () => {
    const dir = setup();
    const path = join(dir, 'b.index');
    writeFileSync(path, Buffer.alloc(12));
    expect(() => OffsetIndex.open(path, 0, 1024).sanityCheck()).toThrow(CorruptIndexError);
    const bad = Buffer.alloc(16);
    bad.writeInt32BE(10, 0);
    bad.writeInt32BE(0, 4);
    bad.writeInt32BE(3, 8);
    bad.writeInt32BE(50, 12);
    writeFileSync(path, bad);
    expect(() => OffsetIndex.open(path, 0, 1024).sanityCheck()).toThrow(CorruptIndexError);
  });
});
