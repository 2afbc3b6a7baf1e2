import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeaderEpochCheckpointFile, OffsetCheckpointFile } from './checkpoint-file';
import { MetaPropertiesFile, formatMetaProperties, parseProperties } from './meta-properties';
import { PartitionMetadataFile } from './partition-metadata-file';
import { CorruptCheckpointError } from './storage-errors';
import { makeTempDir } from './storage-test-helpers';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function tempDir(): string {
  const t = makeTempDir();
  cleanup = t.cleanup;
  return t.dir;
}

describe('checkpoint files in Kafka text format', () => {
  it('writes offset checkpoints byte for byte as Kafka does and reads them back', () => {
    const dir = tempDir();
    const durable: Array<[string, number]> = [];
    const file = new OffsetCheckpointFile(join(dir, 'replication-offset-checkpoint'), (f, n) => durable.push([f, n]));
    const entries = [
      { topic: 'orders', partition: 1, offset: 42 },
      { topic: '__consumer_offsets', partition: 17, offset: 9_007_199_254_740 },
      { topic: 'orders', partition: 0, offset: 0 },
    ];
    file.write(entries);
    const text = '0\n3\n__consumer_offsets 17 9007199254740\norders 0 0\norders 1 42\n';
    expect(readFileSync(file.path, 'utf8')).toBe(text);
    expect(durable).toEqual([[file.path, Buffer.byteLength(text)]]);
    expect(file.read()).toEqual([entries[1], entries[2], entries[0]]);

    file.write([]);
    expect(readFileSync(file.path, 'utf8')).toBe('0\n0\n');
    expect(file.read()).toEqual([]);
  });

  it('reads a file Kafka wrote and rejects malformed ones clearly', () => {
    const dir = tempDir();
    const path = join(dir, 'recovery-point-offset-checkpoint');
    writeFileSync(path, '0\n2\nt-1 0 5\nt-1 1 7\n');
    expect(new OffsetCheckpointFile(path).read()).toEqual([
      { topic: 't-1', partition: 0, offset: 5 },
      { topic: 't-1', partition: 1, offset: 7 },
    ]);
    writeFileSync(path, '0\n3\nt 0 5\n');
    expect(() => new OffsetCheckpointFile(path).read()).toThrow(/Expected 3 entries/);
    writeFileSync(path, '1\n0\n');
    expect(() => new OffsetCheckpointFile(path).read()).toThrow(/Unrecognized version/);
    writeFileSync(path, '0\n1\nt zero 5\n');
    expect(() => new OffsetCheckpointFile(path).read()).toThrow(CorruptCheckpointError);
    expect(new OffsetCheckpointFile(join(dir, 'missing')).read()).toEqual([]);
  });

  it('ignores a half-written .tmp beside the checkpoint', () => {
    const dir = tempDir();
    const file = new OffsetCheckpointFile(join(dir, 'log-start-offset-checkpoint'));
    file.write([{ topic: 'a', partition: 0, offset: 3 }]);
    writeFileSync(`${file.path}.tmp`, '0\n5\na 0');
    expect(file.read()).toEqual([{ topic: 'a', partition: 0, offset: 3 }]);
    file.write([{ topic: 'a', partition: 0, offset: 4 }]);
    expect(file.read()).toEqual([{ topic: 'a', partition: 0, offset: 4 }]);
  });

  it('writes leader-epoch-checkpoint as version, count, then "epoch startOffset" lines', () => {
    const dir = tempDir();
    const file = new LeaderEpochCheckpointFile(join(dir, 'leader-epoch-checkpoint'));
    file.write([
      { epoch: 0, startOffset: 0 },
      { epoch: 3, startOffset: 1200 },
    ]);
    expect(readFileSync(file.path, 'utf8')).toBe('0\n2\n0 0\n3 1200\n');
    expect(file.read()).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 3, startOffset: 1200 },
    ]);
  });

  it('writes partition.metadata as Kafka does', () => {
    const dir = tempDir();
    const file = new PartitionMetadataFile(join(dir, 'partition.metadata'));
    file.write('Ad-tf8qWS0mOL0VF_pkv7Q');
    expect(readFileSync(file.path, 'utf8')).toBe('version: 0\ntopic_id: Ad-tf8qWS0mOL0VF_pkv7Q\n');
    expect(file.read()).toBe('Ad-tf8qWS0mOL0VF_pkv7Q');
    expect(() => file.write('not-a-uuid')).toThrow(/Invalid topic id/);
  });

  it('writes and checks meta.properties in Java properties form', () => {
    const dir = tempDir();
    const file = new MetaPropertiesFile(join(dir, 'meta.properties'));
    const meta = { version: 1 as const, nodeId: 2, clusterId: 'MkU3OEVBNTcwNTJENDM2Qg', directoryId: 'x1KbSyFWTfWx07RWjvd6sA' };
    expect(formatMetaProperties(meta, new Date(0))).toBe(
      '#\n#Thu Jan 01 00:00:00 UTC 1970\ncluster.id=MkU3OEVBNTcwNTJENDM2Qg\ndirectory.id=x1KbSyFWTfWx07RWjvd6sA\nnode.id=2\nversion=1\n',
    );
    file.write(meta);
    expect(file.read()).toEqual(meta);
    // What `kafka-storage format` writes reads the same.
    writeFileSync(file.path, '#\n#Tue Mar 05 10:00:00 UTC 2024\nnode.id=2\ndirectory.id=x1KbSyFWTfWx07RWjvd6sA\nversion=1\ncluster.id=MkU3OEVBNTcwNTJENDM2Qg\n');
    expect(file.read()).toEqual(meta);
    expect(parseProperties('a\\:b = c d\n! note\nempty')).toEqual(new Map([['a:b', 'c d'], ['empty', '']]));
    writeFileSync(file.path, 'version=0\nbroker.id=2\n');
    expect(() => file.read()).toThrow(/unsupported meta.properties version 0/);
  });
});
