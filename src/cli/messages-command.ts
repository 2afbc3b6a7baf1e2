/**
 * `brokerlab messages`: read, produce, export, import and replay for scripts and CI. Records go to
 * stdout as JSON Lines (the export's line form), summaries as one JSON line; a progress line goes to
 * stderr only when stderr is a terminal. Refusals print "NAME: message" and exit 1; argument
 * errors are UsageErrors (exit 2, from main).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { chunkTransferRecords, exportedFromView, jsonLine, parseImportLine, TransferLineError, transferRecordBytes } from '../shared/messages-transfer-format';
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

/**
 * Pieces gathered into writes of about 256 KiB: one write per record line costs more than making
 * the line (a pipe or file takes a syscall per write).
 */
class BatchedOut {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly io: MessagesIo) {}
  async write(piece: string): Promise<void> {
    this.parts.push(piece);
    this.size += piece.length;
    if (this.size >= 256 * 1024) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.io.stdout(text);
  }
}

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
    return await dispatch(inv, backend, io, records);
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

/** The records to write: counted (and checked) up front, handed out in request-sized chunks. */
interface RecordSource {
  count: number;
  chunks(): AsyncIterable<TransferRecord[]>;
}

/** A file's lines, streamed (the file is read twice: checked whole, then sent, so memory stays flat). */
async function* fileLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield line;
}

async function* textLines(text: string): AsyncGenerator<string> {
  for (const line of text.split('\n')) yield line.replace(/\r$/, '');
}

/** Parsed records of JSON Lines, chunked under the request limit; empty lines skipped. */
async function* parsedChunks(lines: AsyncIterable<string>): AsyncGenerator<TransferRecord[]> {
  let chunk: TransferRecord[] = [];
  let size = 0;
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim().length === 0) continue;
    const r = parseImportLine(line, n);
    const bytes = transferRecordBytes(r);
    if (chunk.length > 0 && size + bytes > IMPORT_CHUNK_BYTES) {
      yield chunk;
      chunk = [];
      size = 0;
    }
    chunk.push(r);
    size += bytes;
  }
  if (chunk.length > 0) yield chunk;
}

async function recordsOf(inv: Extract<MessagesInvocation, { action: 'import' | 'produce' }>, io: MessagesIo): Promise<RecordSource | 'refused'> {
  const file = inv.action === 'import' ? inv.file : null;
  const cannotRead = (err: unknown): 'refused' => {
    io.stderr(`brokerlab: cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 'refused';
  };
  let text: string | null = null;
  if (file === null) {
    try {
      text = (await io.readStdin()).toString('utf8');
    } catch (err) {
      return cannotRead(err);
    }
  }
  if (inv.action === 'produce') {
    const records = producedRecords(inv, text!);
    return { count: records.length, chunks: async function* () { yield* chunkTransferRecords(records, IMPORT_CHUNK_BYTES); } };
  }
  const lines = (): AsyncIterable<string> => (text !== null ? textLines(text) : fileLines(file!));
  // Every line checked before anything is written: a bad line refuses the whole import.
  let count = 0;
  try {
    for await (const chunk of parsedChunks(lines())) count += chunk.length;
  } catch (err) {
    if (err instanceof TransferLineError) {
      io.stderr(`brokerlab: ${file ?? 'stdin'} ${err.message}: nothing was written\n`);
      return 'refused';
    }
    return cannotRead(err);
  }
  return { count, chunks: () => parsedChunks(lines()) };
}

/** kcat -P: one record per line; -K splits a key off each line at the delimiter, -k sets one key for all. */
function producedRecords(inv: Extract<MessagesInvocation, { action: 'produce' }>, input: string): TransferRecord[] {
  const lines = input.split('\n');
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

async function dispatch(inv: MessagesInvocation, backend: MessagesBackend, io: MessagesIo, records: RecordSource | null): Promise<number> {
  const progress = new Progress(io);
  switch (inv.action) {
    case 'read':
      return read(inv, backend, io, progress);
    case 'export': {
      const out = new BatchedOut(io);
      let bytes = 0;
      try {
        await backend.exportTo({ selection: inv.selection, format: inv.format }, async (piece) => {
          bytes += piece.length;
          progress.show(`${(bytes / 1048576).toFixed(1)} MiB exported`);
          await out.write(piece);
        });
      } finally {
        // What was exported before a failure is printed, then the error (exit 1) says it is cut short.
        await out.flush();
      }
      progress.clear();
      return 0;
    }
    case 'import':
    case 'produce': {
      const written = { total: 0, partitions: {} as Record<string, number> };
      for await (const chunk of records!.chunks()) {
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
          if (err instanceof MessagesRefusal && written.total > 0) throw new MessagesRefusal(`${err.message} (after ${written.total} of ${records!.count} records were written)`);
          throw err;
        }
        progress.show(`${written.total} of ${records!.count} records written`);
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
    await io.stdout(answer.records.map((r) => jsonLine(exportedFromView(r))).join(''));
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
