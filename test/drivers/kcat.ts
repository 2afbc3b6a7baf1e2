// kcat (librdkafka) as an independent client: produce with delivery reports, consume everything,
// read metadata.
//
// Produce. kcat's delivery report line ("% Message delivered to partition P (offset O) on broker B",
// or "% Delivery failed for message: ERR", printed at -v -v) does not name the message. Reports of
// one partition come in send order, so the driver runs one kcat per target partition (-p P) and
// pairs the n-th report with the n-th record. Records are framed with random multi-byte key and
// message delimiters (-K, -D), so keys and values may hold any bytes, newlines and NULs included.
//
// Consume. `-J` output, decoded as latin1: kcat writes string bytes unchanged except JSON escapes
// (\uXXXX only below 0x20, \" \\ \/ …), so latin1 text → JSON.parse → latin1 bytes round-trips
// arbitrary keys, values and header values; null keys, values and header values stay null.
import { randomBytes } from 'node:crypto';
import { partitionForKey } from './partitioner';
import { configArgs, describeRun, runKcat } from './kcat-run';
import { toBytes, type AckedWrite, type ConsumedRecord, type IndeterminateWrite, type ProduceRecord, type ProduceResult } from './types';

export { KCAT } from './kcat-run';

export type Codec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';

export interface KcatProduceOptions {
  /** Every record goes here unless it names its own partition. */
  partition?: number;
  /** Partition count for keyed/unkeyed spreading; read with kcatMetadata when absent. */
  partitionCount?: number;
  /** Default true (acks=all is then implied). */
  idempotent?: boolean;
  acks?: 'all' | -1 | 0 | 1;
  compression?: Codec;
  /** Sent with every record; a null value is a header without value. */
  headers?: Array<[string, string | null]>;
  /** More librdkafka properties (-X). */
  config?: Record<string, string | number | boolean>;
  /** Names the producer in the results (default "kcat"). */
  producer?: string;
  /** Deadline for each kcat process; unreported records are then indeterminate. Default 30 s. */
  timeoutMs?: number;
}

interface Routed {
  seq: number;
  key: Buffer | null;
  value: Buffer | null;
}

const DELIVERED = /^% Message delivered to partition (-?\d+) \(offset (-?\d+)\)/;
const FAILED = /^% Delivery failed for message: (.*)$/;

export async function kcatProduce(bootstrap: string, topic: string, records: readonly ProduceRecord[], options: KcatProduceOptions = {}): Promise<ProduceResult> {
  const producer = options.producer ?? 'kcat';
  const groups = new Map<number, Routed[]>();
  let partitionCount = options.partitionCount;
  let roundRobin = 0;
  for (const [seq, record] of records.entries()) {
    if (record.headers) throw new Error(`record ${seq}: kcat sets headers per run; use options.headers`);
    const key = toBytes(record.key);
    let partition = record.partition ?? options.partition;
    if (partition === undefined) {
      partitionCount ??= await partitionCountOf(bootstrap, topic);
      partition = key && key.length > 0 ? partitionForKey(key, partitionCount) : roundRobin++ % partitionCount;
    }
    const group = groups.get(partition) ?? [];
    group.push({ seq, key, value: toBytes(record.value) });
    groups.set(partition, group);
  }
  const results = await Promise.all([...groups].map(([partition, group]) => produceToPartition(bootstrap, topic, partition, group, producer, options)));
  const acknowledged = results.flatMap((r) => r.acknowledged).sort((a, b) => a.seq - b.seq);
  const indeterminate = results.flatMap((r) => r.indeterminate).sort((a, b) => a.seq - b.seq);
  return { acknowledged, indeterminate };
}

async function produceToPartition(
  bootstrap: string,
  topic: string,
  partition: number,
  records: Routed[],
  producer: string,
  options: KcatProduceOptions,
): Promise<ProduceResult> {
  const token = randomBytes(8).toString('hex');
  const keyDelim = `~K${token}~`;
  const msgDelim = `~M${token}~`;
  // -Z turns empty keys/values into NULL, so it is used only when some record has a null, and
  // then an empty (non-null) key or value cannot be expressed in the same run.
  const nulls = records.some((r) => r.key === null || r.value === null);
  const chunks: Buffer[] = [];
  for (const r of records) {
    for (const part of [r.key, r.value]) {
      if (part && (part.includes(keyDelim) || part.includes(msgDelim))) throw new Error('record contains the random delimiter: retry');
      if (nulls && part !== null && part.length === 0) {
        throw new Error(`record ${r.seq}: kcat cannot send an empty key or value together with null ones in one run (-Z)`);
      }
    }
    chunks.push(r.key ?? Buffer.alloc(0), Buffer.from(keyDelim), r.value ?? Buffer.alloc(0), Buffer.from(msgDelim));
  }
  const idempotent = options.idempotent ?? true;
  const args = [
    '-P', '-b', bootstrap, '-t', topic, '-p', String(partition),
    '-K', keyDelim, '-D', msgDelim, '-v', '-v',
    '-X', `enable.idempotence=${idempotent}`,
    ...(options.acks !== undefined ? ['-X', `acks=${options.acks}`] : []),
    ...(options.compression ? ['-z', options.compression] : []),
    ...(nulls ? ['-Z'] : []),
    ...(options.headers ?? []).flatMap(([name, value]) => ['-H', value === null ? name : `${name}=${value}`]),
    ...configArgs(options.config),
  ];
  const run = await runKcat(args, { input: Buffer.concat(chunks), timeoutMs: options.timeoutMs ?? 30_000 });

  const acknowledged: AckedWrite[] = [];
  const indeterminate: IndeterminateWrite[] = [];
  let next = 0;
  for (const line of run.stderr.split('\n')) {
    const delivered = DELIVERED.exec(line);
    const failed = delivered ? null : FAILED.exec(line);
    if (!delivered && !failed) continue;
    const record = records[next++];
    if (!record) throw new Error(`more delivery reports than records\n${describeRun(run)}`);
    const base = { topic, key: record.key, value: record.value, producer, seq: record.seq };
    if (delivered) {
      const [reportedPartition, offset] = [Number(delivered[1]), Number(delivered[2])];
      if (reportedPartition !== partition) throw new Error(`kcat -p ${partition} reported partition ${reportedPartition}\n${describeRun(run)}`);
      // acks=0 "deliveries" carry offset -1: nothing was acknowledged.
      if (offset < 0) indeterminate.push({ ...base, partition, error: 'no offset in delivery report (acks=0?)' });
      else acknowledged.push({ ...base, partition, offset });
    } else {
      indeterminate.push({ ...base, partition, error: failed![1]! });
    }
  }
  const why = run.timedOut ? 'kcat timed out' : `no delivery report (${describeRun(run).split('\n')[0]})`;
  for (const record of records.slice(next)) {
    indeterminate.push({ topic, partition, key: record.key, value: record.value, producer, seq: record.seq, error: why });
  }
  return { acknowledged, indeterminate };
}

export interface KcatConsumeOptions {
  partition?: number;
  /** 'beginning' (default), 'end', an absolute offset, or a negative relative one (kcat -o). */
  /** kcat's -o: beginning, end, an offset, -N from the end, or s@TIMESTAMP_MS. */
  offset?: 'beginning' | 'end' | number | `s@${number}`;
  /** Stop after this many records (-c). Without it, stop at the end of every partition (-e). */
  count?: number;
  isolation?: 'read_committed' | 'read_uncommitted';
  config?: Record<string, string | number | boolean>;
  /** Default 30 s; a consume that does not finish in time is an error with kcat's output. */
  timeoutMs?: number;
}

interface KcatJsonRecord {
  topic: string;
  partition: number;
  offset: number;
  ts: number;
  headers?: Array<string | null>;
  key: string | null;
  payload: string | null;
}

export async function kcatConsume(bootstrap: string, topic: string, options: KcatConsumeOptions = {}): Promise<ConsumedRecord[]> {
  const args = [
    '-C', '-b', bootstrap, '-t', topic, '-J', '-q',
    '-o', String(options.offset ?? 'beginning'),
    ...(options.count !== undefined ? ['-c', String(options.count)] : ['-e']),
    ...(options.partition !== undefined ? ['-p', String(options.partition)] : []),
    ...(options.isolation ? ['-X', `isolation.level=${options.isolation}`] : []),
    ...configArgs(options.config),
  ];
  const run = await runKcat(args, { timeoutMs: options.timeoutMs ?? 30_000 });
  if (run.timedOut || run.exit.code !== 0) throw new Error(describeRun(run));
  return parseKcatJsonLines(run.stdout);
}

/** Parses kcat -J consumer output (one JSON object per line) without losing bytes. */
export function parseKcatJsonLines(stdout: Buffer): ConsumedRecord[] {
  const bytes = (s: string | null): Buffer | null => (s === null ? null : Buffer.from(s, 'latin1'));
  return stdout
    .toString('latin1')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => {
      const r = JSON.parse(line) as KcatJsonRecord;
      const flat = r.headers ?? [];
      const headers: Array<[string, Buffer | null]> = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        headers.push([Buffer.from(flat[i] ?? '', 'latin1').toString('utf8'), bytes(flat[i + 1] ?? null)]);
      }
      return { topic: r.topic, partition: r.partition, offset: r.offset, key: bytes(r.key), value: bytes(r.payload), headers, timestamp: r.ts };
    });
}

export interface KcatMetadata {
  controllerId: number;
  brokers: Array<{ id: number; host: string; port: number }>;
  topics: Array<{
    topic: string;
    error: string | null;
    partitions: Array<{ partition: number; leader: number; replicas: number[]; isrs: number[]; error: string | null }>;
  }>;
}

interface KcatJsonMetadata {
  controllerid: number;
  brokers: Array<{ id: number; name: string }>;
  topics: Array<{
    topic: string;
    error?: string;
    partitions?: Array<{ partition: number; leader: number; error?: string; replicas: Array<{ id: number }>; isrs: Array<{ id: number }> }>;
  }>;
}

export async function kcatMetadata(bootstrap: string, options: { topic?: string; timeoutMs?: number; config?: Record<string, string> } = {}): Promise<KcatMetadata> {
  const args = ['-L', '-J', '-b', bootstrap, ...(options.topic ? ['-t', options.topic] : []), ...configArgs(options.config)];
  const run = await runKcat(args, { timeoutMs: options.timeoutMs ?? 15_000 });
  if (run.timedOut || run.exit.code !== 0) throw new Error(describeRun(run));
  const json = JSON.parse(run.stdout.toString('utf8')) as KcatJsonMetadata;
  return {
    controllerId: json.controllerid,
    brokers: json.brokers.map((b) => {
      const colon = b.name.lastIndexOf(':');
      return { id: b.id, host: b.name.slice(0, colon), port: Number(b.name.slice(colon + 1)) };
    }),
    topics: json.topics.map((t) => ({
      topic: t.topic,
      error: t.error ?? null,
      partitions: (t.partitions ?? []).map((p) => ({
        partition: p.partition,
        leader: p.leader,
        replicas: p.replicas.map((r) => r.id),
        isrs: p.isrs.map((r) => r.id),
        error: p.error ?? null,
      })),
    })),
  };
}

async function partitionCountOf(bootstrap: string, topic: string): Promise<number> {
  const meta = await kcatMetadata(bootstrap, { topic });
  const found = meta.topics.find((t) => t.topic === topic);
  if (!found || found.error || found.partitions.length === 0) {
    throw new Error(`cannot spread records over ${topic}: ${found?.error ?? 'topic not in metadata'}; pass partition or partitionCount`);
  }
  return found.partitions.length;
}

/**
 * kcat -G: a member of `group` reads `count` records of `topic` (from the earliest offset when the
 * group has no commit), then leaves, committing what it read on close. Returns the offsets it read.
 */
export async function kcatGroupRead(bootstrap: string, group: string, topic: string, count: number, timeoutMs = 30_000): Promise<number[]> {
  const run = await runKcat(['-u', '-b', bootstrap, '-G', group, topic, '-c', String(count), '-f', '%o\\n', '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100'], { timeoutMs });
  if (run.timedOut || run.exit.code !== 0) throw new Error(`kcat -G did not read ${count} records: ${describeRun(run)}`);
  return run.stdout
    .toString('utf8')
    .split('\n')
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
}
