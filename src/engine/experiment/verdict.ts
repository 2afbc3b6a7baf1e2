// The verdict of an experiment: the plan's checks judged on the workloads' histories and the final
// log read back, each anomaly naming its records (partition, offset, value) as evidence, plus the
// run's figures. Check definitions are in docs/decisions.md ("Experiment checks").
import { checkHistory } from '../history/checker';
import { checkConsumerHistory } from '../history/consumer-checker';
import { errorsByName, timeToFirstAck, unavailabilityWindows, type TimedOutcome } from '../history/figures';
import type { AcknowledgedWrite, ConsumedRecord, ConsumerHistory, IndeterminateWrite } from '../history/types';
import type { Anomaly, CheckName, CheckPlan, CheckResult, EvidenceRecord, ExperimentFigures } from '../../shared/experiment-types';

export interface ProducerRun {
  name: string;
  acknowledged: readonly AcknowledgedWrite[];
  indeterminate: readonly IndeterminateWrite[];
  failed: number;
  startMs: number;
  endMs: number;
}

export interface VerdictInput {
  checks: readonly CheckPlan[];
  producers: readonly ProducerRun[];
  outcomes: readonly TimedOutcome[];
  consumers: ReadonlyArray<ConsumerHistory & { topics: readonly string[] }>;
  /** The plan's topics as read back after the run, from the beginning. */
  finalLog: readonly ConsumedRecord[];
  faults: ReadonlyArray<{ atMs: number; step: string }>;
  /** Consumer-side client errors by Kafka error name, one entry per occurrence. */
  consumerErrors?: readonly string[];
  /** Windows without acknowledgements shorter than this are not reported (default 1000 ms). */
  unavailabilityThresholdMs?: number;
}

export interface Verdict {
  passed: boolean;
  checks: CheckResult[];
  anomalies: Anomaly[];
  figures: ExperimentFigures;
}

/** A value as the report shows it: UTF-8 when printable, else hex. */
export function showValue(b: Buffer | null): string {
  if (b === null) return 'null';
  const text = b.toString('utf8');
  return /^[\x20-\x7e]*$/.test(text) ? text : `0x${b.toString('hex')}`;
}

const MAX_ANOMALIES_PER_CHECK = 200;

export function judge(input: VerdictInput): Verdict {
  const logAt = new Map<string, ConsumedRecord>();
  for (const r of input.finalLog) logAt.set(`${r.topic}/${r.partition}/${r.offset}`, r);
  const logValue = (topic: string, partition: number | null, offset: number | null): string | null => {
    if (partition === null || offset === null) return null;
    const r = logAt.get(`${topic}/${partition}/${offset}`);
    return r ? showValue(r.value) : null;
  };

  // The checker knows positions as partition/offset: judge one topic at a time.
  const topics = [...new Set([...input.finalLog.map((r) => r.topic), ...input.producers.flatMap((p) => [...p.acknowledged, ...p.indeterminate].map((w) => w.topic))])].sort();
  const perTopic = topics.map((topic) => ({
    topic,
    report: checkHistory(
      {
        acknowledged: input.producers.flatMap((p) => p.acknowledged.filter((w) => w.topic === topic)),
        indeterminate: input.producers.flatMap((p) => p.indeterminate.filter((w) => w.topic === topic)),
        reads: [input.finalLog.filter((r) => r.topic === topic)],
      },
      { allowUnexpected: false },
    ),
  }));
  const history = {
    lost: perTopic.flatMap((t) => t.report.lost),
    duplicated: perTopic.flatMap((t) => t.report.duplicated),
    reordered: perTopic.flatMap((t) => t.report.reordered),
    inconsistent: perTopic.flatMap((t) => t.report.inconsistent.map((i) => ({ ...i, topic: t.topic }))),
    unexpected: perTopic.flatMap((t) => t.report.unexpected),
  };
  const found: Record<CheckName, Anomaly[]> = {
    'no-lost-acknowledged': [],
    'no-duplicates': [],
    'ordered-per-producer-partition': [],
    'consistent-offsets': [],
    'no-consumer-skips': [],
    'no-consumer-rewinds': [],
    'no-unseen-after-heal': [],
    'max-unavailability': [],
  };
  const add = (check: CheckName, message: string, records: EvidenceRecord[]): void => {
    found[check].push({ check, message, records });
  };

  for (const w of history.lost) {
    const offset = 'offset' in w ? (w.offset ?? null) : null;
    const there = logValue(w.topic, w.partition, offset);
    add('no-lost-acknowledged', `${showValue(w.value)} was acknowledged${offset === null ? '' : ` at ${w.partition}/${offset}`} and is not in the final log${there === null ? '' : ` (which holds ${there} there)`}`, [
      { topic: w.topic, partition: w.partition, offset, value: showValue(w.value), producer: w.producer, seq: w.seq, logValue: there },
    ]);
  }
  for (const d of history.duplicated) {
    add(
      'no-duplicates',
      `${showValue(d.write.value)} (${d.acknowledged ? 'acknowledged' : 'indeterminate'}) is stored ${d.at.length} times: ${d.at.map((a) => `${a.partition}/${a.offset}`).join(', ')}`,
      d.at.map((a) => ({ topic: d.write.topic, partition: a.partition, offset: a.offset, value: showValue(d.write.value), producer: d.write.producer, seq: d.write.seq, logValue: logValue(d.write.topic, a.partition, a.offset) })),
    );
  }
  for (const r of history.reordered) {
    add('ordered-per-producer-partition', `${r.producer} sent ${showValue(r.earlier.value)} (seq ${r.earlier.seq}) before ${showValue(r.later.value)} (seq ${r.later.seq}), partition ${r.partition} stores them the other way round`, [
      { topic: r.earlier.topic, partition: r.partition, offset: r.earlier.at, value: showValue(r.earlier.value), producer: r.producer, seq: r.earlier.seq },
      { topic: r.later.topic, partition: r.partition, offset: r.later.at, value: showValue(r.later.value), producer: r.producer, seq: r.later.seq },
    ]);
  }
  for (const i of history.inconsistent) {
    add('consistent-offsets', `${i.topic}-${i.partition} offset ${i.offset}: ${i.reason}`, [{ topic: i.topic, partition: i.partition, offset: i.offset, value: '', logValue: logValue(i.topic, i.partition, i.offset) }]);
  }
  for (const u of history.unexpected) {
    add('consistent-offsets', `${u.partition}/${u.offset} holds ${showValue(u.value)}, which no producer of the run wrote`, [{ topic: u.topic, partition: u.partition, offset: u.offset, value: showValue(u.value) }]);
  }

  let consumed = 0;
  let redelivered = 0;
  for (const c of input.consumers) {
    consumed += c.processed.length;
    const report = checkConsumerHistory(c, input.finalLog.filter((r) => c.topics.includes(r.topic)), { topics: c.topics });
    redelivered += report.redelivered;
    for (const s of report.skips) {
      add('no-consumer-skips', `${c.group}/${s.member} (generation ${s.generation}) went from offset ${s.expectedOffset} to ${s.processedOffset} of ${s.topic}-${s.partition}, skipping ${s.records.length} record(s) without a seek or rebalance`,
        s.records.map((r) => ({ topic: s.topic, partition: r.partition, offset: r.offset, value: showValue(r.value), member: s.member, generation: s.generation })));
    }
    for (const s of report.rewinds) {
      add('no-consumer-rewinds', `${c.group}/${s.member} (generation ${s.generation}) went back from offset ${s.expectedOffset} to ${s.processedOffset} of ${s.topic}-${s.partition} without a seek or rebalance`,
        s.records.map((r) => ({ topic: s.topic, partition: r.partition, offset: r.offset, value: showValue(r.value), member: s.member, generation: s.generation })));
    }
    for (const u of report.unseen) {
      add('no-unseen-after-heal', `${u.topic}-${u.partition} offset ${u.offset} (${showValue(u.value)}) is in the final log and group ${c.group} never processed it`, [
        { topic: u.topic, partition: u.partition, offset: u.offset, value: showValue(u.value), logValue: showValue(u.value) },
      ]);
    }
    for (const i of report.inconsistent) {
      const p = i.processed;
      add('consistent-offsets', `${c.group}/${p.member} processed ${showValue(p.value)} at ${p.topic}-${p.partition} offset ${p.offset}, where the final log holds ${showValue(i.logValue)}`, [
        { topic: p.topic, partition: p.partition, offset: p.offset, value: showValue(p.value), member: p.member, generation: p.generation, logValue: showValue(i.logValue) },
      ]);
    }
  }

  const threshold = input.unavailabilityThresholdMs ?? 1000;
  const unavailabilityPlan = input.checks.find((c) => c.name === 'max-unavailability');
  const windowThreshold = Math.min(threshold, unavailabilityPlan?.thresholdMs ?? threshold);
  const windows = unavailabilityWindows(input.outcomes, input.producers.map((p) => ({ name: p.name, startMs: p.startMs, endMs: p.endMs })), windowThreshold);
  const longest = windows.reduce((m, w) => Math.max(m, w.toMs - w.fromMs), 0);
  if (unavailabilityPlan?.thresholdMs != null) {
    for (const w of windows.filter((x) => x.toMs - x.fromMs > unavailabilityPlan.thresholdMs!)) {
      add('max-unavailability', `${w.producer} had no acknowledged write for ${w.toMs - w.fromMs} ms (${w.fromMs}–${w.toMs} ms), over the ${unavailabilityPlan.thresholdMs} ms allowed`, []);
    }
  }
  const firstAcks = timeToFirstAck(input.outcomes, input.faults.map((f) => f.atMs));
  const figures: ExperimentFigures = {
    unavailability: windows.map((w) => ({ producer: w.producer, fromMs: w.fromMs, toMs: w.toMs })),
    longestUnavailableMs: longest,
    timeToFirstAck: input.faults.map((f, i) => ({ atMs: f.atMs, step: f.step, firstAckAfterMs: firstAcks[i] ?? null })),
    errorsByName: errorsByName(input.outcomes, input.consumerErrors),
    acknowledged: input.producers.reduce((n, p) => n + p.acknowledged.length, 0),
    indeterminate: input.producers.reduce((n, p) => n + p.indeterminate.length, 0),
    failed: input.producers.reduce((n, p) => n + p.failed, 0),
    consumed,
    redelivered,
  };

  const checks: CheckResult[] = input.checks.map((plan) => {
    const anomalies = found[plan.name];
    const held = anomalies.length === 0;
    const passed = plan.expect === 'hold' ? held : !held;
    const summary = held ? 'held' : `${anomalies.length} anomal${anomalies.length === 1 ? 'y' : 'ies'}: ${anomalies[0]!.message}`;
    return { name: plan.name, expect: plan.expect, held, passed, summary, anomalies: anomalies.length };
  });
  const anomalies = input.checks.flatMap((c) => found[c.name].slice(0, MAX_ANOMALIES_PER_CHECK));
  return { passed: checks.every((c) => c.passed), checks, anomalies, figures };
}
