// messages:export — a selection's records as JSON Lines or CSV: the bytes as base64 always, the
// decoded form (the topic's decoders, as the Messages page shows it) beside. The lines are made
// one at a time, so the HTTP download and the CLI stream a topic of any size.
import type { DecodedField } from '../../../../shared/messages-types';
import type { ExportFormat, ExportedField, ExportedRecord, MessagesExportRequest } from '../../../../shared/messages-transfer-types';
import { csvHeader, csvRow, jsonLine } from '../../../../shared/messages-transfer-format';
import type { Admin } from '../../../client/admin';
import { decodeField } from '../decoders/field-decoder';
import type { RecordDecoders } from '../record-view';
import { scanSelection, type RecordPredicate, type ScannedRecord, type ScanProgress } from './scan-selection';

function exported(f: DecodedField): ExportedField {
  return { base64: f.base64, decoder: f.decoder, text: f.text };
}

export function exportedRecord(s: ScannedRecord, decoders: RecordDecoders): ExportedRecord {
  const { record, batch } = s.entry;
  const ctx = { topic: s.topic, role: 'key' as const, key: record.key };
  return {
    topic: s.topic,
    partition: s.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: batch.timestampType,
    key: record.key === null ? null : exported(decodeField(record.key, decoders.key, ctx)),
    value: record.value === null ? null : exported(decodeField(record.value, decoders.value, { ...ctx, role: 'value' })),
    headers: record.headers.map((h) => ({ key: h.key, value: h.value === null ? null : exported(decodeField(h.value, decoders.header, { ...ctx, role: 'header' })) })),
  };
}

export function exportFileName(topic: string, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
  return `${topic}-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`;
}

export interface ExportRun {
  admin: Admin;
  decoders: RecordDecoders;
  predicate: RecordPredicate | null;
  progress?: ScanProgress;
  /** Called with each exported record, for counting. */
  onRecord?: (record: ExportedRecord) => void;
}

/** The file's text in pieces: the CSV header first, then one line per record. */
export async function* exportLines(run: ExportRun, req: MessagesExportRequest): AsyncGenerator<string> {
  const scan = scanSelection(run.admin, req.selection, run.predicate, run.progress);
  // The first record is asked for before the CSV header goes out, so an unknown topic or partition
  // refuses the export before its first byte.
  let next = await scan.next();
  if (req.format === 'csv') yield csvHeader();
  for (; !next.done; next = await scan.next()) {
    const r = exportedRecord(next.value, run.decoders);
    run.onRecord?.(r);
    yield req.format === 'csv' ? csvRow(r) : jsonLine(r);
  }
}
