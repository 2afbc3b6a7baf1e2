// A fetched record as the console shows it: every field, its sizes, the batch facts, and the key,
// value and header values decoded with the read's decoders (raw bytes kept beside).
import type { BatchFacts, MessageRecord } from '../../../shared/messages-types';
import { compressionCodecName } from '../../protocol/compression/codec';
import type { DecodedDataBatch } from '../../protocol/record-batch-decoder';
import type { CursorEntry } from './partition-cursor';
import { decodeField, type FieldDecoder } from './decoders/field-decoder';

export interface RecordDecoders {
  key: FieldDecoder;
  value: FieldDecoder;
  header: FieldDecoder;
}

function int64(n: bigint): number | string {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

export function batchFacts(b: DecodedDataBatch): BatchFacts {
  const h = b.header;
  return {
    baseOffset: b.baseOffset,
    lastOffset: b.lastOffset,
    recordCount: h.recordsCount,
    producerId: int64(h.producerId),
    producerEpoch: h.producerEpoch,
    baseSequence: h.baseSequence,
    compression: compressionCodecName(b.compression),
    transactional: b.isTransactional,
    control: false,
    partitionLeaderEpoch: h.partitionLeaderEpoch,
    timestampType: b.timestampType,
    baseTimestamp: Number(h.baseTimestamp),
    maxTimestamp: Number(h.maxTimestamp),
    sizeInBytes: b.sizeInBytes,
    crc: h.crc >>> 0,
  };
}

/** Bytes a record puts in an answer's byte budget: key, value, header keys and values. */
export function recordBytes(entry: CursorEntry): number {
  const r = entry.record;
  return (r.key?.length ?? 0) + (r.value?.length ?? 0) + headersSize(entry);
}

function headersSize(entry: CursorEntry): number {
  let n = 0;
  for (const h of entry.record.headers) n += Buffer.byteLength(h.key, 'utf8') + (h.value?.length ?? 0);
  return n;
}

export function recordView(topic: string, partition: number, entry: CursorEntry, decoders: RecordDecoders, facts: BatchFacts): MessageRecord {
  const { record, batch } = entry;
  const keyCtx = { topic, role: 'key' as const, key: record.key };
  return {
    topic,
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: batch.timestampType,
    key: record.key === null ? null : decodeField(record.key, decoders.key, keyCtx),
    value: record.value === null ? null : decodeField(record.value, decoders.value, { ...keyCtx, role: 'value' }),
    headers: record.headers.map((h) => ({ key: h.key, value: h.value === null ? null : decodeField(h.value, decoders.header, { ...keyCtx, role: 'header' }) })),
    keySize: record.key?.length ?? -1,
    valueSize: record.value?.length ?? -1,
    headersSize: headersSize(entry),
    batch: facts,
  };
}
