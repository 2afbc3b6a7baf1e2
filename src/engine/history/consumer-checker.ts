// Judges what a consumer group's members processed against the final log read back. Kafka's
// promise to a consumer: within one assignment it sees a partition's records in offset order, one
// after the other, from the position it was given — it neither jumps over records (a skip) nor goes
// back (a rewind) unless the application seeks or a rebalance hands the partition out again; and a
// group that keeps running after the faults heal eventually sees every record of the log.
import type { ConsumedRecord, ConsumerHistory, ProcessedRecord } from './types';

export interface ConsumerAnomalyRecord {
  partition: number;
  offset: number;
  value: Buffer | null;
  member?: string;
  generation?: number;
}

export interface ConsumerAnomaly {
  member: string;
  generation: number;
  topic: string;
  partition: number;
  /** Where the member was expected to continue, and what it processed instead. */
  expectedOffset: number;
  processedOffset: number;
  /** skips: the log's records jumped over; rewinds: the record processed again. */
  records: ConsumerAnomalyRecord[];
}

export interface ConsumerReport {
  ok: boolean;
  skips: ConsumerAnomaly[];
  rewinds: ConsumerAnomaly[];
  /** Records in the final log no member ever processed. */
  unseen: ConsumedRecord[];
  /** A member processed a value at an offset where the final log holds another. */
  inconsistent: Array<{ processed: ProcessedRecord; logValue: Buffer | null }>;
  /** Records processed more than once across rebalances (allowed: at-least-once redelivery). */
  redelivered: number;
}

export interface ConsumerCheckOptions {
  /** Only these topics' records count as unseen (default: every topic the final log holds). */
  topics?: readonly string[];
}

const same = (a: Buffer | null, b: Buffer | null): boolean => (a === null || b === null ? a === b : a.equals(b));
const streamKey = (member: string, generation: number, topic: string, partition: number): string => `${member}\u0000${generation}\u0000${topic}\u0000${partition}`;
const posKey = (topic: string, partition: number, offset: number): string => `${topic}\u0000${partition}\u0000${offset}`;

export function checkConsumerHistory(history: ConsumerHistory, finalLog: readonly ConsumedRecord[], options: ConsumerCheckOptions = {}): ConsumerReport {
  const log = new Map<string, ConsumedRecord>();
  const byPartition = new Map<string, number[]>();
  for (const r of finalLog) {
    log.set(posKey(r.topic, r.partition, r.offset), r);
    const k = `${r.topic}\u0000${r.partition}`;
    const list = byPartition.get(k);
    if (list) list.push(r.offset);
    else byPartition.set(k, [r.offset]);
  }
  for (const list of byPartition.values()) list.sort((a, b) => a - b);
  /** The final log's records of a partition with from ≤ offset < to. */
  const between = (topic: string, partition: number, from: number, to: number): ConsumedRecord[] =>
    (byPartition.get(`${topic}\u0000${partition}`) ?? []).filter((o) => o >= from && o < to).map((o) => log.get(posKey(topic, partition, o))!);

  // Where each (member, generation, partition) stream must continue. An assignment sets it to
  // the position the member was given; a seek to the offset sought.
  const expected = new Map<string, number>();
  const latestGeneration = new Map<string, number>();
  type Step = { at: number; order: number; apply: () => void };
  const steps: Step[] = [];
  const skips: ConsumerAnomaly[] = [];
  const rewinds: ConsumerAnomaly[] = [];
  const inconsistent: ConsumerReport['inconsistent'] = [];
  const processedAt = new Map<string, number>();

  let order = 0;
  for (const event of history.events) {
    const o = order++;
    if (event.kind === 'assigned') {
      steps.push({
        at: event.timeMs,
        order: o,
        apply: () => {
          latestGeneration.set(event.member, event.generation);
          for (const p of event.partitions) expected.set(streamKey(event.member, event.generation, p.topic, p.partition), p.position);
        },
      });
    } else if (event.kind === 'seek') {
      steps.push({
        at: event.timeMs,
        order: o,
        apply: () => {
          const generation = latestGeneration.get(event.member) ?? 0;
          expected.set(streamKey(event.member, generation, event.topic, event.partition), event.offset);
        },
      });
    }
  }
  for (const record of history.processed) {
    const o = order++;
    steps.push({
      at: record.timeMs,
      order: o,
      apply: () => {
        const pos = posKey(record.topic, record.partition, record.offset);
        processedAt.set(pos, (processedAt.get(pos) ?? 0) + 1);
        const there = log.get(pos);
        if (there && !same(there.value, record.value)) inconsistent.push({ processed: record, logValue: there.value });
        const key = streamKey(record.member, record.generation, record.topic, record.partition);
        const next = expected.get(key);
        expected.set(key, record.offset + 1);
        if (next === undefined) return;
        const base = { member: record.member, generation: record.generation, topic: record.topic, partition: record.partition, expectedOffset: next, processedOffset: record.offset };
        if (record.offset > next) {
          // Offsets may jump over compacted records, control records or a truncated tail: only
          // records the final log holds in between count as skipped.
          const jumped = between(record.topic, record.partition, next, record.offset);
          if (jumped.length > 0) skips.push({ ...base, records: jumped.map((r) => ({ partition: r.partition, offset: r.offset, value: r.value })) });
        } else if (record.offset < next) {
          rewinds.push({ ...base, records: [{ partition: record.partition, offset: record.offset, value: record.value, member: record.member, generation: record.generation }] });
        }
      },
    });
  }
  // Events first on a tie: an assignment recorded in the same millisecond as the first record of
  // its generation comes before it.
  steps.sort((a, b) => a.at - b.at || (a.order < history.events.length ? 0 : 1) - (b.order < history.events.length ? 0 : 1) || a.order - b.order);
  for (const step of steps) step.apply();

  const topics = options.topics ? new Set(options.topics) : null;
  const unseen = finalLog.filter((r) => (topics === null || topics.has(r.topic)) && !processedAt.has(posKey(r.topic, r.partition, r.offset)));
  let redelivered = 0;
  for (const n of processedAt.values()) redelivered += n - 1;
  const ok = skips.length === 0 && rewinds.length === 0 && unseen.length === 0 && inconsistent.length === 0;
  return { ok, skips, rewinds, unseen, inconsistent, redelivered };
}
