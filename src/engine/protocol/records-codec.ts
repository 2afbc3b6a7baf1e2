import { RecordsCursor, RecordsFormatError, sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './records-varint';

/** One record header; the key is never null in Kafka, the value may be. */
export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A decoded record. `offset` and `timestamp` are absolute; key/value are views into the batch bytes. */
export interface KafkaRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface RecordsContext {
  /** recordsCount from the batch header. */
  count: number;
  baseOffset: number;
  baseTimestamp: number;
  /** For LogAppendTime batches: the batch maxTimestamp, which every record takes instead of its delta. */
  logAppendTime: number | null;
}

/**
 * Decodes exactly `ctx.count` records from `[start, end)` and requires that nothing is left over,
 * as Kafka's record iterator does. Structural problems throw RecordsFormatError.
 */
export function decodeRecords(buf: Buffer, start: number, end: number, ctx: RecordsContext): KafkaRecord[] {
  const cur = new RecordsCursor(buf, start, end);
  const records: KafkaRecord[] = [];
  for (let i = 0; i < ctx.count; i++) records.push(decodeRecord(cur, end, ctx));
  if (cur.pos !== end) {
    throw new RecordsFormatError(`incorrect declared batch size: ${end - cur.pos} bytes remain after ${ctx.count} records`);
  }
  return records;
}

function decodeRecord(cur: RecordsCursor, areaEnd: number, ctx: RecordsContext): KafkaRecord {
  if (cur.pos >= areaEnd) throw new RecordsFormatError('incorrect declared batch size: premature end of records');
  cur.end = areaEnd;
  const bodySize = cur.readVarint();
  const recordEnd = cur.pos + bodySize;
  if (bodySize < 0 || recordEnd > areaEnd) {
    throw new RecordsFormatError(`invalid record size: ${bodySize} bytes declared, ${areaEnd - cur.pos} remain`);
  }
  cur.end = recordEnd;
  cur.readInt8(); // record attributes: unused in v2
  const timestampDelta = cur.readVarlong();
  const offsetDelta = cur.readVarint();
  const key = readNullableBytes(cur);
  const value = readNullableBytes(cur);
  const headerCount = cur.readVarint();
  if (headerCount < 0) throw new RecordsFormatError(`invalid number of record headers ${headerCount}`);
  if (headerCount > recordEnd - cur.pos) {
    throw new RecordsFormatError(`invalid number of record headers ${headerCount}: more than the bytes left`);
  }
  const headers: RecordHeader[] = [];
  for (let h = 0; h < headerCount; h++) {
    const keyLength = cur.readVarint();
    if (keyLength < 0) throw new RecordsFormatError(`invalid negative header key size ${keyLength}`);
    const keyStart = cur.pos;
    cur.skip(keyLength);
    headers.push({ key: cur.buf.toString('utf8', keyStart, keyStart + keyLength), value: readNullableBytes(cur) });
  }
  if (cur.pos !== recordEnd) {
    throw new RecordsFormatError(`invalid record size: expected ${bodySize} bytes in record payload, read ${bodySize - (recordEnd - cur.pos)}`);
  }
  return {
    offset: ctx.baseOffset + offsetDelta,
    timestamp: ctx.logAppendTime ?? ctx.baseTimestamp + timestampDelta,
    key,
    value,
    headers,
  };
}

/** Kafka treats any negative length as null (DefaultRecord.readFrom). */
function readNullableBytes(cur: RecordsCursor): Buffer | null {
  const length = cur.readVarint();
  if (length < 0) return null;
  const start = cur.pos;
  cur.skip(length);
  return cur.buf.subarray(start, start + length);
}

/** What a producer supplies for one record. Strings are written as UTF-8. */
export interface RecordInput {
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: ReadonlyArray<{ key: string; value: Buffer | string | null }>;
  /** Milliseconds; defaults to the batch's `now`. */
  timestamp?: number;
}

interface PreparedRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: Buffer; value: Buffer | null }[];
  timestampDelta: number;
  offsetDelta: number;
  bodySize: number;
}

/**
 * Encodes records with offset deltas 0..n-1 and timestamp deltas against `baseTimestamp`, the bytes
 * that follow recordsCount in an uncompressed batch.
 */
export function encodeRecords(records: ReadonlyArray<RecordInput>, baseTimestamp: number, now: number): Buffer {
  const prepared: PreparedRecord[] = [];
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const p: PreparedRecord = {
      key: toBytes(r.key),
      value: toBytes(r.value),
      headers: (r.headers ?? []).map((h) => ({ key: Buffer.from(h.key, 'utf8'), value: toBytes(h.value) })),
      timestampDelta: (r.timestamp ?? now) - baseTimestamp,
      offsetDelta: i,
      bodySize: 0,
    };
    let size = 1 + sizeOfVarlong(p.timestampDelta) + sizeOfVarint(i) + sizeOfBytes(p.key) + sizeOfBytes(p.value);
    size += sizeOfVarint(p.headers.length);
    for (const h of p.headers) size += sizeOfBytes(h.key) + sizeOfBytes(h.value);
    p.bodySize = size;
    total += sizeOfVarint(size) + size;
    prepared.push(p);
  }
  const out = Buffer.allocUnsafe(total);
  let pos = 0;
  for (const p of prepared) {
    pos = writeVarint(out, pos, p.bodySize);
    out[pos++] = 0;
    pos = writeVarlong(out, pos, p.timestampDelta);
    pos = writeVarint(out, pos, p.offsetDelta);
    pos = writeBytes(out, pos, p.key);
    pos = writeBytes(out, pos, p.value);
    pos = writeVarint(out, pos, p.headers.length);
    for (const h of p.headers) {
      pos = writeBytes(out, pos, h.key);
      pos = writeBytes(out, pos, h.value);
    }
  }
  return out;
}

function toBytes(v: Buffer | string | null | undefined): Buffer | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

function sizeOfBytes(b: Buffer | null): number {
  return b === null ? 1 : sizeOfVarint(b.length) + b.length;
}

function writeBytes(out: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(out, pos, -1);
  pos = writeVarint(out, pos, b.length);
  b.copy(out, pos);
  return pos + b.length;
}
