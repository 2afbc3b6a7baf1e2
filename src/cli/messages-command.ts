/**
 * `brokerlab messages`: read, produce, export, import and replay for scripts and CI. Records go to
 * stdout as JSON Lines (the export's line form), summaries as one JSON line; a progress line goes to
 * stderr only when stderr is a terminal. Refusals print "NAME: message" and exit 1; argument
 * errors are UsageErrors (exit 2, from main).
 */
import { readFile } from 'node:fs/promises';
import { chunkTransferRecords, exportedFromView, jsonLine, parseImportText, TransferLineError } from '../shared/messages-transfer-format';
import type { TransferRecord } from '../shared/messages-transfer-types';
import type { ReadStart } from '../shared/messages-types';
import { parseMessagesArgs, type MessagesInvocation } from './messages-args';
import { MessagesRefusal, openBackend, type MessagesBackend } from './messages-backend';

export interface MessagesIo {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  /** Whether stderr is a terminal (then a progress line is drawn there). */
  stderrIsTty: boolean;
  readStdin(): Promise<Buffer>;
  env: Record<string, string | undefined>;
}

/** Import requests stay under the API's 1 MiB body limit. */
const IMPORT_CHUNK_BYTES = 900 * 1024;
const READ_BATCH = 1_000;
const FOLLOW_WAIT_MS = 1_000;

const processIo: MessagesIo = {
  stdout: (t) => new Promise((ok) => (process.stdout.write(t) ? ok() : process.stdout.once('drain', ok))),
  stderr: (t) => process.stderr.write(t),
  stderrIsTty: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
  env: process.env,
};

class Progress {
  private last = 0;
  private drawn = false;
  constructor(private readonly io: MessagesIo) {}
  show(text: string, force = false): void {
    if (!this.io.stderrIsTty) return;
    const now = Date.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    this.drawn = true;
    this.io.stderr(`\r\x1b[2K${text}`);
  }
  clear(): void {
    if (this.drawn) this.io.stderr('\r\x1b[2K');
  }
}

export async function runMessages(args: string[], io: MessagesIo = processIo): Promise<number> {
  const inv = parseMessagesArgs(args, io.env);
  // Input is read and checked before connecting: a bad line refuses the import with nothing written.
  const records = inv.action === 'import' || inv.action === 'produce' ? await recordsOf(inv, io) : null;
  if (records === 'refused') return 1;
  const backend = await openBackend(inv.connection, io.env);
  try {
    return await dispatch(inv, backend, io, records ?? []);
  } catch (err) {
    if (err instanceof MessagesRefusal) {
      io.stderr(`brokerlab: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await backend.close();
  }
}

async function recordsOf(inv: Extract<MessagesInvocation, { action: 'import' | 'produce' }>, io: MessagesIo): Promise<TransferRecord[] | 'refused'> {
  let bytes: Buffer;
  const file = inv.action === 'import' ? inv.file : null;
  try {
    bytes = file === null ? await io.readStdin() : await readFile(file);
  } catch (err) {
    io.stderr(`brokerlab: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 'refused';
  }
  if (inv.action === 'produce') return producedRecords(inv, bytes);
  try {
    return parseImportText(bytes.toString('utf8'));
  } catch (err) {
    if (err instanceof TransferLineError) {
      io.stderr(`brokerlab: ${file ?? 'stdin'} ${err.message}: nothing was written\n`);
      return 'refused';
    }
    throw err;
  }
}

/** kcat -P: one record per line; -K splits a key off each line at the delimiter, -k sets one key for all. */
function producedRecords(inv: Extract<MessagesInvocation, { action: 'produce' }>, input: Buffer): TransferRecord[] {
  const lines = input.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  const headers = inv.headers.map((h) => ({ key: h.key, value: h.value === null ? null : b64(h.value) }));
  return lines.map((line) => {
    let key: string | null = inv.key ?? null;
    let value = line;
    if (inv.keyDelimiter !== undefined) {
      const at = line.indexOf(inv.keyDelimiter);
      if (at >= 0) {
        key = line.slice(0, at);
        value = line.slice(at + inv.keyDelimiter.length);
      }
    }
    return { key: key === null ? null : b64(key), value: b64(value), headers, ...(inv.partition !== undefined ? { partition: inv.partition } : {}) };
  });
}

async function dispatch(inv: MessagesInvocation, backend: MessagesBackend, io: MessagesIo, records: TransferRecord[]): Promise<number> {
  const progress = new Progress(io);
  switch (inv.action) {
    case 'read':
      return read(inv, backend, io, progress);
    case 'export': {
      let lines = 0;
      await backend.exportTo({ selection: inv.selection, format: inv.format }, async (piece) => {
        lines += piece.split('\n').length - 1;
        progress.show(`${lines} lines exported`);
        await io.stdout(piece);
      });
      progress.clear();
      return 0;
    }
    case 'import':
    case 'produce': {
      const written = { total: 0, partitions: {} as Record<string, number> };
      for (const chunk of chunkTransferRecords(records, IMPORT_CHUNK_BYTES)) {
        try {
          const answer = await backend.call('messages:import', {
            topic: inv.topic,
            records: chunk,
            keepPartitions: inv.action === 'produce' ? inv.partition !== undefined : inv.keepPartitions,
            keepTimestamps: inv.action === 'import' ? inv.keepTimestamps : false,
          });
          written.total += answer.written;
          for (const [p, n] of Object.entries(answer.partitions)) written.partitions[p] = (written.partitions[p] ?? 0) + n;
        } catch (err) {
          progress.clear();
          if (err instanceof MessagesRefusal && written.total > 0) throw new MessagesRefusal(`${err.message} (after ${written.total} of ${records.length} records were written)`);
          throw err;
        }
        progress.show(`${written.total} of ${records.length} records written`);
      }
      progress.clear();
      await io.stdout(JSON.stringify({ topic: inv.topic, written: written.total, partitions: written.partitions }) + '\n');
      return 0;
    }
    case 'replay': {
      backend.onReplayProgress?.((scanned, w) => progress.show(w > 0 ? `${w} of ${scanned} records written` : `${scanned} records scanned`));
      const answer = await backend.call('messages:replay', { selection: inv.selection, target: inv.target, dryRun: inv.dryRun, keepTimestamps: inv.keepTimestamps, keepPartitions: inv.keepPartitions, jobId: 'cli' });
      progress.clear();
      await io.stdout(JSON.stringify(answer) + '\n');
      if (answer.dryRun) io.stderr('Dry run: nothing was written. Leave out --dry-run to replay.\n');
      return 0;
    }
  }
}

/** Reads like kcat -C: from -o, -c records at most; with -e it stops at the end, else it follows new records. */
async function read(inv: Extract<MessagesInvocation, { action: 'read' }>, backend: MessagesBackend, io: MessagesIo, progress: Progress): Promise<number> {
  let start: ReadStart = inv.start;
  let partitions = inv.partitions;
  let left = inv.count ?? Number.POSITIVE_INFINITY;
  let printed = 0;
  for (;;) {
    const answer = await backend.call('messages:read', { topic: inv.topic, partitions, start, limit: Math.min(READ_BATCH, left), waitMs: inv.exitAtEnd ? 0 : FOLLOW_WAIT_MS });
    for (const r of answer.records) await io.stdout(jsonLine(exportedFromView(r)));
    printed += answer.records.length;
    left -= answer.records.length;
    progress.show(`${printed} records read`);
    for (const p of answer.partitions) if (p.error) io.stderr(`brokerlab: partition ${p.partition}: ${p.error.name}: ${p.error.message}\n`);
    if (left <= 0 || (inv.exitAtEnd && answer.stoppedBy === 'end')) break;
    const readable = answer.partitions.filter((p) => p.error === null && p.nextOffset >= 0);
    if (readable.length === 0) {
      progress.clear();
      return 1;
    }
    partitions = readable.map((p) => p.partition);
    start = { kind: 'offsets', offsets: Object.fromEntries(readable.map((p) => [String(p.partition), p.nextOffset])) };
  }
  progress.clear();
  return 0;
}
