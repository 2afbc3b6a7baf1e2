import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from './controller-types';
import { applyBatch, foldRecords, type MetadataImage } from './metadata-image';
import { METADATA_DIR, MetadataLog } from './metadata-log';
import type { MetadataRecord } from './metadata-records';

const topicId = (i: number) => Buffer.alloc(16, i + 1).toString('base64url');

/** Change i: a topic with two partitions, as one atomic batch of three records. */
function change(i: number): MetadataRecord[] {
  const id = topicId(i);
  return [
    { type: 'TopicRecord', version: 0, name: `t${i}`, topicId: id },
    { type: 'PartitionRecord', version: 0, topicId: id, partitionId: 0, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
    { type: 'PartitionRecord', version: 0, topicId: id, partitionId: 1, replicas: [1], isr: [1], leader: 1, leaderEpoch: 0, partitionEpoch: 0 },
  ];
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'metadata-log-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function appendChanges(log: MetadataLog, image: MetadataImage, from: number, to: number): Promise<MetadataImage> {
  for (let i = from; i < to; i++) {
    const base = await log.append(change(i), 1000 + i);
    image = applyBatch(image, base, change(i));
  }
  return image;
}

const segmentFiles = async () => (await fs.readdir(path.join(dir, METADATA_DIR))).filter((n) => n.endsWith('.log')).sort();
const snapshotFiles = async () => (await fs.readdir(path.join(dir, METADATA_DIR))).filter((n) => n.endsWith('.checkpoint')).sort();

describe('MetadataLog', () => {
  it('starts empty, appends fsynced batches and reloads them after reopen', async () => {
    const first = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(first.image.offset).toBe(-1);
    expect(first.log.nextOffset).toBe(0);
    const image = await appendChanges(first.log, first.image, 0, 4);
    expect(first.log.nextOffset).toBe(12);
    await first.log.close();
    expect(await segmentFiles()).toEqual(['00000000000000000000.log']);

    const again = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(again.image).toEqual(image);
    expect(again.truncatedBytes).toBe(0);
    expect(again.log.nextOffset).toBe(12);
    const next = await again.log.append(change(4), 0);
    expect(next).toBe(12);
    const batches = await again.log.readBatches(6);
    expect(batches.map((b) => [b.baseOffset, b.lastOffset])).toEqual([[6, 8], [9, 11], [12, 14]]);
    expect(batches[2].records).toEqual(change(4));
    await again.log.close();
    const third = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect([...third.image.topicsByName.keys()]).toEqual(['t0', 't1', 't2', 't3', 't4']);
    await third.log.close();
  });

  it('cuts a tail torn mid-batch: the last whole change is the state, nothing half-applied', async () => {
    const { log, image } = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    const afterTwo = await appendChanges(log, image, 0, 2);
    await appendChanges(log, afterTwo, 2, 3);
    await log.close();
    const file = path.join(dir, METADATA_DIR, '00000000000000000000.log');
    const { size } = await fs.stat(file);
    await fs.truncate(file, size - 25);

    const reopened = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(reopened.truncatedBytes).toBeGreaterThan(0);
    expect(reopened.image).toEqual(afterTwo);
    expect(reopened.image.topicsByName.has('t2')).toBe(false);
    expect(reopened.log.nextOffset).toBe(6);
    // The log goes on from the cut: the next change lands where the torn one was.
    expect(await reopened.log.append(change(7), 0)).toBe(6);
    await reopened.log.close();
    const last = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect([...last.image.topicsByName.keys()]).toEqual(['t0', 't1', 't7']);
    await last.log.close();
  });

  it('cuts at a flipped byte, and drops what follows it', async () => {
    const { log, image } = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    const afterOne = await appendChanges(log, image, 0, 1);
    await appendChanges(log, afterOne, 1, 3);
    await log.close();
    const file = path.join(dir, METADATA_DIR, '00000000000000000000.log');
    const buf = await fs.readFile(file);
    const firstBatchSize = buf.readInt32BE(8) + 12;
    buf[firstBatchSize + 80] ^= 0xff; // inside the second batch's records
    await fs.writeFile(file, buf);

    const reopened = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(reopened.image).toEqual(afterOne);
    expect((await fs.stat(file)).size).toBe(firstBatchSize);
    await reopened.log.close();
  });

  it('loads snapshot + tail to the same image as a full replay, and drops old history', async () => {
    const { log, image } = await MetadataLog.open(dir, { logger: SILENT_LOGGER, snapshotsToKeep: 2 });
    let current = await appendChanges(log, image, 0, 3);
    await log.writeSnapshot(current, 0); // end offset 9
    current = await appendChanges(log, current, 3, 5);
    await log.writeSnapshot(current, 0); // end offset 15
    current = await appendChanges(log, current, 5, 7);
    await log.writeSnapshot(current, 0); // end offset 21: the snapshot at 9 and segment 0 go
    current = await appendChanges(log, current, 7, 8);
    await log.close();

    expect(await snapshotFiles()).toEqual(['00000000000000000015-0000000000.checkpoint', '00000000000000000021-0000000000.checkpoint']);
    expect(await segmentFiles()).toEqual(['00000000000000000015.log', '00000000000000000021.log']);

    const full = foldRecords(Array.from({ length: 8 }, (_, i) => change(i)).flat());
    expect(current).toEqual(full);
    const reopened = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(reopened.snapshotEndOffset).toBe(21);
    expect(reopened.image).toEqual(full);
    expect(reopened.log.nextOffset).toBe(24);
    await reopened.log.close();
  });

  it('falls back to the older snapshot when the newest is unreadable', async () => {
    const { log, image } = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    let current = await appendChanges(log, image, 0, 2);
    await log.writeSnapshot(current, 0);
    current = await appendChanges(log, current, 2, 4);
    const newest = await log.writeSnapshot(current, 0);
    current = await appendChanges(log, current, 4, 5);
    await log.close();
    const buf = await fs.readFile(newest);
    buf[buf.length - 3] ^= 0x55;
    await fs.writeFile(newest, buf);

    const reopened = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(reopened.snapshotEndOffset).toBe(6);
    expect(reopened.image).toEqual(current);
    await reopened.log.close();
    expect(await snapshotFiles()).toEqual(['00000000000000000006-0000000000.checkpoint']);
  });

  it('ignores a snapshot left half-written (only the .tmp exists)', async () => {
    const { log, image } = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    const current = await appendChanges(log, image, 0, 2);
    await log.close();
    await fs.writeFile(path.join(dir, METADATA_DIR, '00000000000000000006-0000000000.checkpoint.tmp'), 'partial');
    const reopened = await MetadataLog.open(dir, { logger: SILENT_LOGGER });
    expect(reopened.image).toEqual(current);
    expect(reopened.snapshotEndOffset).toBe(0);
    await reopened.log.close();
    expect((await fs.readdir(path.join(dir, METADATA_DIR))).some((n) => n.endsWith('.tmp'))).toBe(false);
  });
});
