/**
 * Arguments of `brokerlab messages read|search|produce|export|import|replay`, with kcat's flag names
 * where kcat has one (-t topic, -p partition, -o offset, -c count, -e exit at the end, -k/-K key,
 * -H header, -b brokers). Pure: nothing is read or connected here.
 */
import { parseArgs } from 'node:util';
import type { ExportFormat, ReplayTarget, TransferEnd, TransferRow, TransferSelection } from '../shared/messages-transfer-types';
import type { ReadStart } from '../shared/messages-types';
import { DEFAULT_BOOTSTRAP } from './groups-args';
import { parseIntFlag } from './parse-flags';
import { UsageError } from './usage';

export type Connection = { kind: 'api'; api: string | undefined; token: string | undefined } | { kind: 'bootstrap'; bootstrap: string; timeoutMs: number };

interface Common {
  connection: Connection;
  topic: string;
}

export type MessagesInvocation =
  | (Common & { action: 'read'; partitions?: number[]; start: ReadStart; count?: number; exitAtEnd: boolean })
  | (Common & { action: 'export'; selection: TransferSelection; format: ExportFormat })
  | (Common & { action: 'import'; file: string | null; keepPartitions: boolean; keepTimestamps: boolean })
  | (Common & { action: 'produce'; partition?: number; key?: string; keyDelimiter?: string; headers: Array<{ key: string; value: string | null }> })
  | (Common & { action: 'replay'; selection: TransferSelection; target: ReplayTarget; dryRun: boolean; keepTimestamps: boolean; keepPartitions: boolean });

const OPTIONS = {
  topic: { type: 'string', short: 't' },
  partition: { type: 'string', short: 'p', multiple: true },
  offset: { type: 'string', short: 'o' },
  end: { type: 'string' },
  count: { type: 'string', short: 'c' },
  exit: { type: 'boolean', short: 'e' },
  rows: { type: 'string' },
  format: { type: 'string' },
  file: { type: 'string', short: 'f' },
  key: { type: 'string', short: 'k' },
  'key-delimiter': { type: 'string', short: 'K' },
  header: { type: 'string', short: 'H', multiple: true },
  to: { type: 'string' },
  'to-original-topic': { type: 'boolean' },
  'original-topic-header': { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  'keep-timestamps': { type: 'boolean' },
  'no-timestamps': { type: 'boolean' },
  'keep-partitions': { type: 'boolean' },
  api: { type: 'string' },
  token: { type: 'string' },
  'bootstrap-server': { type: 'string', short: 'b' },
  timeout: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

/** Which flags each subcommand takes beyond the connection ones; anything else is a usage error. */
const ALLOWED: Record<MessagesInvocation['action'], readonly (keyof typeof OPTIONS)[]> = {
  read: ['topic', 'partition', 'offset', 'count', 'exit'],
  export: ['topic', 'partition', 'offset', 'end', 'count', 'rows', 'format'],
  import: ['topic', 'file', 'keep-partitions', 'no-timestamps'],
  produce: ['topic', 'partition', 'key', 'key-delimiter', 'header'],
  replay: ['topic', 'partition', 'offset', 'end', 'count', 'rows', 'to', 'to-original-topic', 'original-topic-header', 'dry-run', 'keep-timestamps', 'keep-partitions'],
};
const CONNECTION_FLAGS = ['api', 'token', 'bootstrap-server', 'timeout'] as const;

const SHORT_TO_LONG = new Map<string, string>(Object.entries(OPTIONS).flatMap(([name, o]) => ('short' in o ? [[`-${o.short}`, name] as const] : [])));
const STRING_OPTIONS = new Set(Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([n]) => n));

/** kcat's `-o -10` (the newest 10): parseArgs would read "-10" as a flag, so a value flag is glued to its value. */
function glueValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const long = a.startsWith('--') ? a.slice(2) : SHORT_TO_LONG.get(a);
    if (long !== undefined && STRING_OPTIONS.has(long) && !a.includes('=') && i + 1 < args.length) out.push(`--${long}=${args[++i]}`);
    else out.push(a);
  }
  return out;
}

/** kcat's -o: beginning | end | N | -N (the newest N of each partition) | s@TIMESTAMP_MS. */
export function parseOffsetFlag(raw: string | undefined, fallback: ReadStart): ReadStart {
  if (raw === undefined) return fallback;
  if (raw === 'beginning') return { kind: 'earliest' };
  if (raw === 'end') return { kind: 'latest', count: 0 };
  if (/^\d{1,16}$/.test(raw)) return { kind: 'offset', offset: Number(raw) };
  if (/^-\d{1,5}$/.test(raw)) return { kind: 'latest', count: Number(raw.slice(1)) };
  const ts = /^s@(\d{1,16})$/.exec(raw);
  if (ts) return { kind: 'timestamp', timestamp: Number(ts[1]) };
  throw new UsageError(`-o must be beginning, end, an offset N, -N (the newest N) or s@TIMESTAMP_MS, got '${raw}'`);
}

/** --end: an offset (exclusive) or e@TIMESTAMP_MS (records before that time), kcat's end spelling. */
function parseEndFlag(raw: string | undefined): TransferEnd | undefined {
  if (raw === undefined) return undefined;
  if (/^\d{1,16}$/.test(raw)) return { kind: 'offset', offset: Number(raw) };
  const ts = /^e@(\d{1,16})$/.exec(raw);
  if (ts) return { kind: 'timestamp', timestamp: Number(ts[1]) };
  throw new UsageError(`--end must be an offset N or e@TIMESTAMP_MS, got '${raw}'`);
}

function parsePartitions(raw: string[] | undefined): number[] | undefined {
  if (!raw) return undefined;
  return raw.flatMap((r) => r.split(',')).map((p) => parseIntFlag('partition', p, 0, 0, 2 ** 31 - 1));
}

/** --rows 0:12,0:15,2:3 — records picked by partition:offset. */
function parseRows(raw: string | undefined): TransferRow[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((r) => {
    const m = /^(\d{1,10}):(\d{1,16})$/.exec(r.trim());
    if (!m) throw new UsageError(`--rows takes partition:offset pairs separated by commas, got '${r}'`);
    return { partition: Number(m[1]), offset: Number(m[2]) };
  });
}

function parseHeader(raw: string): { key: string; value: string | null } {
  const eq = raw.indexOf('=');
  return eq < 0 ? { key: raw, value: null } : { key: raw.slice(0, eq), value: raw.slice(eq + 1) };
}

function connectionOf(v: Values, env: Record<string, string | undefined>): Connection {
  if (v.api !== undefined && v['bootstrap-server'] !== undefined) throw new UsageError('give --api (the embedded cluster\'s engine host) or --bootstrap-server (any Kafka), not both');
  if (v.api !== undefined || (v['bootstrap-server'] === undefined && env['BROKERLAB_API'] !== undefined && env['BROKERLAB_BOOTSTRAP'] === undefined)) {
    if (v.timeout !== undefined) throw new UsageError('--timeout goes with --bootstrap-server');
    return { kind: 'api', api: v.api, token: v.token };
  }
  if (v.token !== undefined) throw new UsageError('--token goes with --api');
  return { kind: 'bootstrap', bootstrap: v['bootstrap-server'] ?? env['BROKERLAB_BOOTSTRAP'] ?? DEFAULT_BOOTSTRAP, timeoutMs: parseIntFlag('timeout', v.timeout, 10_000, 100, 600_000) };
}

function selectionOf(v: Values, topic: string): TransferSelection {
  const rows = parseRows(v.rows);
  if (rows && (v.partition || v.offset !== undefined || v.end !== undefined)) throw new UsageError('--rows names the records itself: leave out -p, -o and --end');
  const sel: TransferSelection = { topic };
  if (rows) sel.rows = rows;
  const partitions = parsePartitions(v.partition);
  if (partitions) sel.partitions = partitions;
  if (v.offset !== undefined) sel.start = parseOffsetFlag(v.offset, { kind: 'earliest' });
  const end = parseEndFlag(v.end);
  if (end) sel.end = end;
  if (v.count !== undefined) sel.maxRecords = parseIntFlag('count', v.count, 1, 1, Number.MAX_SAFE_INTEGER);
  return sel;
}

export function parseMessagesArgs(args: readonly string[], env: Record<string, string | undefined> = process.env): MessagesInvocation {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('messages needs a subcommand: read, search, produce, export, import or replay');
  if (sub === 'search') throw new UsageError('messages search is not in this build yet (it comes with the search filters of issue 12 §1): use read or export with -o/-c, or the Messages page');
  if (!(sub in ALLOWED)) throw new UsageError(`unknown messages subcommand '${sub}': use read, produce, export, import or replay`);
  const action = sub as MessagesInvocation['action'];
  const { values: v, positionals } = parseArgs({ args: glueValues(rest), options: OPTIONS, allowPositionals: true, strict: true });
  const allowed = new Set<string>([...ALLOWED[action], ...CONNECTION_FLAGS]);
  const stray = Object.keys(v).find((k) => !allowed.has(k));
  if (stray !== undefined) throw new UsageError(`messages ${action} does not take --${stray}`);
  if (positionals.length > (action === 'import' ? 1 : 0)) throw new UsageError(`messages ${action}: unexpected argument '${positionals.at(-1)}'`);
  if (v.topic === undefined) throw new UsageError(`messages ${action} needs -t TOPIC`);
  const common: Common = { connection: connectionOf(v, env), topic: v.topic };

  switch (action) {
    case 'read': {
      const count = v.count === undefined ? undefined : parseIntFlag('count', v.count, 1, 1, Number.MAX_SAFE_INTEGER);
      return { ...common, action, partitions: parsePartitions(v.partition), start: parseOffsetFlag(v.offset, { kind: 'earliest' }), count, exitAtEnd: v.exit === true };
    }
    case 'export': {
      const format = v.format ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format must be jsonl or csv, got '${format}'`);
      return { ...common, action, selection: selectionOf(v, v.topic), format };
    }
    case 'import': {
      if (v.file !== undefined && positionals.length > 0) throw new UsageError('give the file once: -f FILE or as an argument');
      const file = v.file ?? positionals[0] ?? null;
      return { ...common, action, file: file === '-' ? null : file, keepPartitions: v['keep-partitions'] === true, keepTimestamps: v['no-timestamps'] !== true };
    }
    case 'produce': {
      if (v.key !== undefined && v['key-delimiter'] !== undefined) throw new UsageError('-k (one key for every record) and -K (a key on each line) exclude each other');
      const partitions = parsePartitions(v.partition);
      if (partitions && partitions.length > 1) throw new UsageError('produce takes one -p partition');
      if (v['key-delimiter'] === '') throw new UsageError('-K needs a delimiter');
      return { ...common, action, partition: partitions?.[0], key: v.key, keyDelimiter: v['key-delimiter'], headers: (v.header ?? []).map(parseHeader) };
    }
    case 'replay': {
      const toOriginal = v['to-original-topic'] === true;
      if ((v.to === undefined) === !toOriginal) throw new UsageError('replay needs --to TOPIC or --to-original-topic (one of them)');
      if (v['original-topic-header'] && !toOriginal) throw new UsageError('--original-topic-header goes with --to-original-topic');
      const target: ReplayTarget = toOriginal ? { kind: 'original-topic', ...(v['original-topic-header'] ? { headers: v['original-topic-header'] } : {}) } : { kind: 'topic', topic: v.to! };
      return { ...common, action, selection: selectionOf(v, v.topic), target, dryRun: v['dry-run'] === true, keepTimestamps: v['keep-timestamps'] === true, keepPartitions: v['keep-partitions'] === true };
    }
  }
}
