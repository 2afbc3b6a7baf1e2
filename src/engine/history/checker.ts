// Judges a history: what producers were told (acknowledged / indeterminate writes) against what
// consumers read (one or more full reads). Kafka's promise for an acknowledged write is that it is
// stored exactly once, at the offset the producer was given, in the order the producer sent it;
// an indeterminate write may be stored once or not at all.
//
// Records are identified by their value (by the key when the value is null), so a history must
// use distinct values; the checker refuses one that does not.
import type { AckedWrite, AcknowledgedWrite, ConsumedRecord, IndeterminateWrite } from './types';

export interface HistoryInput {
  acknowledged: readonly (AcknowledgedWrite | AckedWrite)[];
  indeterminate?: readonly IndeterminateWrite[];
  /** One or more complete reads of the topic (each from the beginning). */
  reads: readonly (readonly ConsumedRecord[])[];
}

export interface CheckOptions {
  /** Count gaps in consumed offsets as a failure (off by default: compaction and control records make gaps). */
  requireDenseOffsets?: boolean;
  /** Records nobody wrote are a failure unless allowed (e.g. other writers on the topic). */
  allowUnexpected?: boolean;
}

type Where = { partition: number; offset: number };
type Write = HistoryInput['acknowledged'][number] | IndeterminateWrite;

export interface HistoryReport {
  ok: boolean;
  /** Acknowledged, never read. */
  lost: Write[];
  /** A write found at more than one position. */
  duplicated: Array<{ write: Write; acknowledged: boolean; at: Where[] }>;
  /** Same producer and partition, read in another order than sent. */
  reordered: Array<{ producer: string; partition: number; earlier: Write & { at: number }; later: Write & { at: number } }>;
  /** Disagreement between reads, or between an acknowledgement and the log. */
  inconsistent: Array<{ partition: number; offset: number; reason: string }>;
  /** Read, but written by no one in the history. */
  unexpected: ConsumedRecord[];
  /** Whether every partition's consumed offsets are contiguous. */
  denseOffsets: boolean;
  gaps: Array<{ partition: number; after: number; next: number }>;
  /** One readable paragraph, for assertion messages. */
  summary: string;
}

const hex = (b: Buffer | null): string => (b === null ? '∅' : b.toString('hex'));

export function identityOf(record: { key: Buffer | null; value: Buffer | null }): string {
  return record.value !== null ? `v:${hex(record.value)}` : `k:${hex(record.key)}`;
}

function sameRecord(a: ConsumedRecord, b: ConsumedRecord): boolean {
  const headers = (r: ConsumedRecord): string => JSON.stringify(r.headers.map(([n, v]) => [n, hex(v)]));
  return hex(a.key) === hex(b.key) && hex(a.value) === hex(b.value) && a.timestamp === b.timestamp && headers(a) === headers(b);
}

const show = (b: Buffer | null): string => {
  if (b === null) return 'null';
  const text = b.toString('utf8');
  return /^[\x20-\x7e]*$/.test(text) && text.length <= 40 ? JSON.stringify(text) : `0x${b.toString('hex').slice(0, 40)}`;
};

export function checkHistory(input: HistoryInput, options: CheckOptions = {}): HistoryReport {
  const writes = new Map<string, { write: Write; acknowledged: boolean }>();
  for (const [list, acknowledged] of [[input.acknowledged, true], [input.indeterminate ?? [], false]] as const) {
    for (const write of list) {
      const id = identityOf(write);
      if (writes.has(id)) throw new Error(`history has two writes of ${show(write.value ?? write.key)}: give every write a distinct value`);
      writes.set(id, { write, acknowledged });
    }
  }

  const inconsistent: HistoryReport['inconsistent'] = [];
  // Merge the reads position by position; every read must agree on what a position holds.
  const log = new Map<string, ConsumedRecord>();
  for (const [readIndex, read] of input.reads.entries()) {
    for (const record of read) {
      const pos = `${record.partition}/${record.offset}`;
      const seen = log.get(pos);
      if (!seen) log.set(pos, record);
      else if (!sameRecord(seen, record)) {
        inconsistent.push({
          partition: record.partition,
          offset: record.offset,
          reason: `read ${readIndex} found ${show(record.value)} where an earlier read found ${show(seen.value)}`,
        });
      }
    }
  }

  const found = new Map<string, Where[]>();
  const unexpected: ConsumedRecord[] = [];
  for (const record of log.values()) {
    const id = identityOf(record);
    if (!writes.has(id)) unexpected.push(record);
    const at = found.get(id) ?? [];
    at.push({ partition: record.partition, offset: record.offset });
    found.set(id, at);
  }

  const lost: Write[] = [];
  const duplicated: HistoryReport['duplicated'] = [];
  for (const [id, { write, acknowledged }] of writes) {
    const at = found.get(id) ?? [];
    if (at.length > 1) duplicated.push({ write, acknowledged, at });
    if (!acknowledged) continue;
    if (at.length === 0) {
      lost.push(write);
      continue;
    }
    const acked = write as HistoryInput['acknowledged'][number];
    if (acked.offset === undefined || acked.offset === null) {
      if (!at.some((w) => w.partition === acked.partition)) {
        inconsistent.push({ partition: acked.partition, offset: -1, reason: `${show(write.value)} acknowledged on partition ${acked.partition}, read on ${at[0]!.partition}` });
      }
      continue;
    }
    const there = log.get(`${acked.partition}/${acked.offset}`);
    if (there && identityOf(there) !== id) {
      inconsistent.push({ partition: acked.partition, offset: acked.offset, reason: `acknowledged ${show(write.value)} here, the log holds ${show(there.value)}` });
    } else if (!there) {
      const where = at.map((w) => `${w.partition}/${w.offset}`).join(', ');
      inconsistent.push({ partition: acked.partition, offset: acked.offset, reason: `acknowledged ${show(write.value)} here, read it at ${where}` });
    }
  }

  // Order per producer and partition: the read positions of acknowledged writes, taken in send
  // order, must increase.
  const reordered: HistoryReport['reordered'] = [];
  const streams = new Map<string, Array<HistoryInput['acknowledged'][number] & { at: number }>>();
  for (const write of input.acknowledged) {
    const at = (found.get(identityOf(write)) ?? []).filter((w) => w.partition === write.partition);
    if (at.length === 0) continue;
    const key = `${write.producer}\u0000${write.partition}`;
    const list = streams.get(key) ?? [];
    list.push({ ...write, at: Math.min(...at.map((w) => w.offset)) });
    streams.set(key, list);
  }
  for (const list of streams.values()) {
    list.sort((a, b) => a.seq - b.seq);
    let latest = list[0]!;
    for (const write of list.slice(1)) {
      if (write.at < latest.at) reordered.push({ producer: write.producer, partition: write.partition, earlier: latest, later: write });
      else latest = write;
    }
  }

  const gaps: HistoryReport['gaps'] = [];
  const byPartition = new Map<number, number[]>();
  for (const record of log.values()) {
    const offsets = byPartition.get(record.partition);
    if (offsets) offsets.push(record.offset);
    else byPartition.set(record.partition, [record.offset]);
  }
  for (const [partition, offsets] of [...byPartition].sort((a, b) => a[0] - b[0])) {
    offsets.sort((a, b) => a - b);
    for (let i = 1; i < offsets.length; i++) {
      if (offsets[i] !== offsets[i - 1]! + 1) gaps.push({ partition, after: offsets[i - 1]!, next: offsets[i]! });
    }
  }
  const denseOffsets = gaps.length === 0;

  const ok =
    lost.length === 0 &&
    duplicated.length === 0 &&
    reordered.length === 0 &&
    inconsistent.length === 0 &&
    (options.allowUnexpected || unexpected.length === 0) &&
    (!options.requireDenseOffsets || denseOffsets);

  const lines = [
    `${writes.size} writes (${input.acknowledged.length} acknowledged), ${log.size} positions read in ${input.reads.length} read(s): ${ok ? 'OK' : 'ANOMALIES'}`,
    ...lost.slice(0, 10).map((w) => `lost: ${show(w.value)} (partition ${w.partition}${'offset' in w && w.offset != null ? ` offset ${w.offset}` : ''})`),
    ...duplicated.slice(0, 10).map((d) => `duplicated${d.acknowledged ? '' : ' (indeterminate)'}: ${show(d.write.value)} at ${d.at.map((w) => `${w.partition}/${w.offset}`).join(', ')}`),
    ...reordered.slice(0, 10).map((r) => `reordered: ${r.producer} p${r.partition}: ${show(r.later.value)} (seq ${r.later.seq}) at ${r.later.at} before ${show(r.earlier.value)} (seq ${r.earlier.seq}) at ${r.earlier.at}`),
    ...inconsistent.slice(0, 10).map((i) => `inconsistent: ${i.partition}/${i.offset}: ${i.reason}`),
    ...unexpected.slice(0, 10).map((u) => `unexpected: ${show(u.value)} at ${u.partition}/${u.offset}`),
    ...(denseOffsets ? [] : [`offset gaps: ${gaps.slice(0, 10).map((g) => `p${g.partition} ${g.after}→${g.next}`).join(', ')}`]),
  ];
  return { ok, lost, duplicated, reordered, inconsistent, unexpected, denseOffsets, gaps, summary: lines.join('\n') };
}
