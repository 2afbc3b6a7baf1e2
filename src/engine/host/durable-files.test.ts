import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableFiles } from './durable-files';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function brokerDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brokerlab-durable-'));
  dirs.push(dir);
  return dir;
}

describe('DurableFiles', () => {
  it('cuts files back to their durable length, keeps the baseline, removes what was never fsynced', () => {
    const dir = brokerDir();
    mkdirSync(join(dir, 'orders-0'));
    writeFileSync(join(dir, 'meta.properties'), 'node.id=1\n');
    writeFileSync(join(dir, 'orders-0', '00000000000000000000.log'), 'a'.repeat(100));
    writeFileSync(join(dir, '.lock'), '123\n');
    const files = new DurableFiles(dir);
    files.baseline();
    // The process appends, fsyncs part of it, creates new files and a new partition folder.
    appendFileSync(join(dir, 'orders-0', '00000000000000000000.log'), 'b'.repeat(50));
    files.record([[join(dir, 'orders-0', '00000000000000000000.log'), 120]]);
    appendFileSync(join(dir, 'orders-0', '00000000000000000000.log'), 'c'.repeat(30));
    writeFileSync(join(dir, 'orders-0', '00000000000000000200.log'), 'new segment');
    mkdirSync(join(dir, 'orders-1'));
    writeFileSync(join(dir, 'orders-1', '00000000000000000000.log'), 'never synced');
    writeFileSync(join(dir, 'orders-0', 'leader-epoch-checkpoint'), '0\n1\n0 0\n');
    files.record([[join(dir, 'orders-0', 'leader-epoch-checkpoint'), 8]]);

    const cut = files.powerCut();
    expect(statSync(join(dir, 'orders-0', '00000000000000000000.log')).size).toBe(120);
    expect(readFileSync(join(dir, 'orders-0', 'leader-epoch-checkpoint'), 'utf8')).toBe('0\n1\n0 0\n');
    expect(readFileSync(join(dir, 'meta.properties'), 'utf8')).toBe('node.id=1\n');
    expect(existsSync(join(dir, 'orders-0', '00000000000000000200.log'))).toBe(false);
    expect(existsSync(join(dir, 'orders-1'))).toBe(false);
    expect(existsSync(join(dir, '.lock'))).toBe(true);
    expect(cut.truncated).toEqual([join(dir, 'orders-0', '00000000000000000000.log')]);
    expect(cut.removed.sort()).toEqual([join(dir, 'orders-0', '00000000000000000200.log'), join(dir, 'orders-1'), join(dir, 'orders-1', '00000000000000000000.log')].sort());
    // What survived is durable for the next run.
    expect(files.durableLength(join(dir, 'orders-0', '00000000000000000000.log'))).toBe(120);
  });

  it('leaves a file the broker truncated below its durable length as it is', () => {
    const dir = brokerDir();
    writeFileSync(join(dir, 'x.log'), 'a'.repeat(10));
    const files = new DurableFiles(dir);
    files.baseline();
    writeFileSync(join(dir, 'x.log'), 'a'.repeat(4));
    expect(files.powerCut()).toEqual({ truncated: [], removed: [] });
    expect(statSync(join(dir, 'x.log')).size).toBe(4);
  });
});
