// The export file formats and the import parser, shared by the engine, the CLI and the page so an
// export and its import agree by construction. JSON Lines: one ExportedRecord per line. CSV: one
// header line, then one row per record (RFC 4180 quoting), headers as a JSON array in one column.
import type { ExportedField, ExportedRecord, TransferRecord } from './messages-transfer-types';
import type { DecodedField, MessageRecord } from './messages-types';

export const CSV_COLUMNS = [
  'topic',
  'partition',
  'offset',
  'timestamp',
  'timestampType',
  'key_size',
  'key_base64',
  'key_text',
  'value_size',
  'value_base64',
  'value_text',
  'headers',
] as const;

export function jsonLine(record: ExportedRecord): string {
  return `${JSON.stringify(record)}\n`;
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** Sizes tell a null (-1) from an empty field, which CSV cannot otherwise. */
function sizeOf(f: ExportedField | null): number {
  if (f === null) return -1;
  const pad = f.base64.endsWith('==') ? 2 : f.base64.endsWith('=') ? 1 : 0;
  return (f.base64.length / 4) * 3 - pad;
}

export function csvRow(r: ExportedRecord): string {
  const cells: Array<string | number> = [
    r.topic,
    r.partition,
    r.offset,
    r.timestamp,
    r.timestampType,
    sizeOf(r.key),
    r.key?.base64 ?? '',
    r.key?.text ?? '',
    sizeOf(r.value),
    r.value?.base64 ?? '',
    r.value?.text ?? '',
    JSON.stringify(r.headers.map((h) => ({ key: h.key, base64: h.value?.base64 ?? null, text: h.value?.text ?? null }))),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A line of an import that is not a record; `line` counts from 1. */
export class TransferLineError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'TransferLineError';
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 text as base64, without Buffer (the page uses this too). */
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A field of a line: null, or { base64 } (preferred), or { text } (UTF-8). */
function fieldBytes(v: unknown, what: string, line: number): string | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) throw new TransferLineError(line, `${what} must be null or an object with base64 (or text)`);
  if (typeof v['base64'] === 'string') {
    if (!isBase64(v['base64'])) throw new TransferLineError(line, `${what}.base64 is not valid base64`);
    return v['base64'];
  }
  if (typeof v['text'] === 'string') return utf8Base64(v['text']);
  throw new TransferLineError(line, `${what} has neither base64 nor text`);
}

function wholeNumber(v: unknown, what: string, line: number, max: number): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new TransferLineError(line, `${what} must be a whole number from 0 to ${max}`);
  return v;
}

/** One JSON Lines record of an export (or a hand-written one) as a record to write. */
export function parseImportLine(text: string, line: number): TransferRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new TransferLineError(line, `not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(parsed)) throw new TransferLineError(line, 'must be a JSON object');
  const headersIn = parsed['headers'] ?? [];
  if (!Array.isArray(headersIn)) throw new TransferLineError(line, 'headers must be an array');
  const headers = headersIn.map((h: unknown, i) => {
    if (!isObject(h) || typeof h['key'] !== 'string') throw new TransferLineError(line, `headers[${i}] must be an object with a string key`);
    return { key: h['key'], value: fieldBytes(h['value'], `headers[${i}].value`, line) };
  });
  const record: TransferRecord = { key: fieldBytes(parsed['key'], 'key', line), value: fieldBytes(parsed['value'], 'value', line), headers };
  const timestamp = wholeNumber(parsed['timestamp'], 'timestamp', line, Number.MAX_SAFE_INTEGER);
  const partition = wholeNumber(parsed['partition'], 'partition', line, 2 ** 31 - 1);
  if (timestamp !== undefined) record.timestamp = timestamp;
  if (partition !== undefined) record.partition = partition;
  return record;
}

/**
 * A whole JSON Lines text, every line checked before anything is written: the first bad line
 * fails the import with its number (empty lines are skipped; a trailing \r is dropped).
 */
export function parseImportText(text: string): TransferRecord[] {
  const out: TransferRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\r$/, '');
    if (l.trim().length === 0) continue;
    out.push(parseImportLine(l, i + 1));
  }
  return out;
}

/** Approximate bytes a record takes in a JSON request, to split an import into chunks under the body limit. */
export function transferRecordBytes(r: TransferRecord): number {
  let n = 64 + (r.key?.length ?? 4) + (r.value?.length ?? 4);
  for (const h of r.headers) n += 32 + h.key.length * 6 + (h.value?.length ?? 4);
  return n;
}

/** Splits records into requests of at most `maxBytes` each (a single record larger than that goes alone). */
export function chunkTransferRecords(records: TransferRecord[], maxBytes: number): TransferRecord[][] {
  const chunks: TransferRecord[][] = [];
  let current: TransferRecord[] = [];
  let size = 0;
  for (const r of records) {
    const n = transferRecordBytes(r);
    if (current.length > 0 && size + n > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A record of messages:read in the export's line form (the CLI's `read` prints these). */
export function exportedFromView(r: MessageRecord): ExportedRecord {
  const f = (d: DecodedField | null): ExportedField | null => (d === null ? null : { base64: d.base64, decoder: d.decoder, text: d.text });
  return { topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestamp, timestampType: r.timestampType, key: f(r.key), value: f(r.value), headers: r.headers.map((h) => ({ key: h.key, value: f(h.value) })) };
}
