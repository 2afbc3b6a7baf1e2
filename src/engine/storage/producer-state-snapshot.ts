import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '../protocol/crc32c';
import { PRODUCER_SNAPSHOT_FILE_SUFFIX, filenamePrefixFromOffset, parseSegmentFileName } from './log-file-names';
import { BatchMetadata, ProducerStateEntry } from './producer-state-entry';

/**
 * Kafka's producer state snapshot file, `<offset, 20 digits>.snapshot`, byte for byte:
 *
 *   version int16 (1) | crc uint32 | count int32 | count × entry
 *   entry: producerId int64, epoch int16, lastSequence int32, lastOffset int64, offsetDelta int32,
 *          timestamp int64, coordinatorEpoch int32, currentTxnFirstOffset int64
 *
 * The CRC-32C covers everything after the crc field. A snapshot keeps only the last batch of each
 * producer; the offset in the name is the log offset the state is valid up to (exclusive).
 */
export const PRODUCER_SNAPSHOT_VERSION = 1;
const CRC_OFFSET = 2;
const ENTRIES_OFFSET = 6;
const ENTRY_SIZE = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

export class CorruptSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptSnapshotError';
  }
}

export function producerSnapshotFile(dir: string, offset: number): string {
  return join(dir, filenamePrefixFromOffset(offset) + PRODUCER_SNAPSHOT_FILE_SUFFIX);
}

/** The offsets of the `.snapshot` files in `dir`, ascending. */
export function listSnapshotOffsets(dir: string): number[] {
  const offsets: number[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(PRODUCER_SNAPSHOT_FILE_SUFFIX)) continue;
    const parsed = parseSegmentFileName(name);
    if (parsed) offsets.push(parsed.baseOffset);
  }
  return offsets.sort((a, b) => a - b);
}

export function encodeProducerSnapshot(entries: Iterable<ProducerStateEntry>): Buffer {
  const list = [...entries];
  const buf = Buffer.alloc(ENTRIES_OFFSET + 4 + list.length * ENTRY_SIZE);
  buf.writeInt16BE(PRODUCER_SNAPSHOT_VERSION, 0);
  buf.writeInt32BE(list.length, ENTRIES_OFFSET);
  let pos = ENTRIES_OFFSET + 4;
  for (const e of list) {
    buf.writeBigInt64BE(e.producerId, pos);
    buf.writeInt16BE(e.producerEpoch, pos + 8);
    buf.writeInt32BE(e.lastSeq, pos + 10);
    buf.writeBigInt64BE(BigInt(e.lastDataOffset), pos + 14);
    buf.writeInt32BE(e.lastOffsetDelta, pos + 22);
    buf.writeBigInt64BE(BigInt(e.lastTimestamp), pos + 26);
    buf.writeInt32BE(e.coordinatorEpoch, pos + 34);
    buf.writeBigInt64BE(BigInt(e.currentTxnFirstOffset), pos + 38);
    pos += ENTRY_SIZE;
  }
  buf.writeUInt32BE(crc32c(buf.subarray(ENTRIES_OFFSET)), CRC_OFFSET);
  return buf;
}

export function decodeProducerSnapshot(buf: Buffer): ProducerStateEntry[] {
  if (buf.length < ENTRIES_OFFSET + 4) throw new CorruptSnapshotError(`Snapshot of ${buf.length} bytes is shorter than its header`);
  const version = buf.readInt16BE(0);
  if (version !== PRODUCER_SNAPSHOT_VERSION) throw new CorruptSnapshotError(`Snapshot contained an unknown file version ${version}`);
  const stored = buf.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(buf.subarray(ENTRIES_OFFSET));
  if (stored !== computed) {
    throw new CorruptSnapshotError(`Snapshot is corrupt (CRC is no longer valid). Stored crc: ${stored}. Computed crc: ${computed}`);
  }
  const count = buf.readInt32BE(ENTRIES_OFFSET);
  if (count < 0 || buf.length !== ENTRIES_OFFSET + 4 + count * ENTRY_SIZE) {
    throw new CorruptSnapshotError(`Snapshot of ${buf.length} bytes cannot hold ${count} producer entries`);
  }
  const entries: ProducerStateEntry[] = [];
  let pos = ENTRIES_OFFSET + 4;
  for (let i = 0; i < count; i++, pos += ENTRY_SIZE) {
    const producerId = buf.readBigInt64BE(pos);
    const epoch = buf.readInt16BE(pos + 8);
    const lastSeq = buf.readInt32BE(pos + 10);
    const lastOffset = Number(buf.readBigInt64BE(pos + 14));
    const offsetDelta = buf.readInt32BE(pos + 22);
    const timestamp = Number(buf.readBigInt64BE(pos + 26));
    const coordinatorEpoch = buf.readInt32BE(pos + 34);
    const txnFirst = Number(buf.readBigInt64BE(pos + 38));
    const batches = lastOffset >= 0 ? [new BatchMetadata(lastSeq, lastOffset, offsetDelta, timestamp)] : [];
    entries.push(new ProducerStateEntry(producerId, epoch, coordinatorEpoch, timestamp, txnFirst >= 0 ? txnFirst : -1, batches));
  }
  return entries;
}

export function readProducerSnapshot(path: string): ProducerStateEntry[] {
  return decodeProducerSnapshot(readFileSync(path));
}
