// Splits a history:series answer into the Charts page's panels: which series each chart draws and
// how each line is named (group · topic, topic, group, partition).
import type { HistorySeries, HistorySeriesKind } from '../../../shared/groups-history-types';
import type { ChartLine } from '../chart/series-rows';
import type { Fmt } from '../i18n/fmt';

function keyOf(s: HistorySeries): string {
  return [s.kind, s.group ?? '', s.topic ?? '', s.partition ?? '', s.brokerId ?? ''].join('|');
}

function labelOf(s: HistorySeries, fmt: Fmt): string {
  if (s.kind === 'partition-lag' || s.kind === 'partition-isr') return fmt.t('charts.line.partition', { topic: s.topic ?? '', partition: s.partition ?? 0 });
  if (s.group !== undefined && s.topic !== undefined) return fmt.t('charts.line.groupTopic', { group: s.group, topic: s.topic });
  if (s.group !== undefined) return s.group;
  if (s.topic !== undefined) return s.topic;
  return fmt.t('charts.line.cluster');
}

export function linesOf(series: readonly HistorySeries[], kind: HistorySeriesKind, fmt: Fmt): ChartLine[] {
  return series
    .filter((s) => s.kind === kind)
    .map((s) => ({ key: keyOf(s), label: labelOf(s, fmt), points: s.points }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The groups that have lag series, for the per-partition picker. */
export function groupsOf(series: readonly HistorySeries[]): string[] {
  return [...new Set(series.filter((s) => s.kind === 'group-lag' && s.group !== undefined).map((s) => s.group!))].sort();
}

/** The topics that have ISR series, for the per-partition ISR picker. */
export function topicsOf(series: readonly HistorySeries[]): string[] {
  return [...new Set(series.filter((s) => s.kind === 'isr-size' && s.topic !== undefined).map((s) => s.topic!))].sort();
}

export interface UnderReplicated {
  partition: number;
  /** ISR and replicas at the last point; null when the last point has no value. */
  isrNow: number | null;
  replicasNow: number | null;
  lowest: number;
  /** Time spent under-replicated in the window: the points below their replica count × the step. */
  forMs: number;
}

/** The partitions whose ISR was below the replica count at some point of the window. */
export function underReplicatedOf(series: readonly HistorySeries[], stepMs: number): UnderReplicated[] {
  const replicas = new Map<number, HistorySeries>();
  for (const s of series) if (s.kind === 'partition-replicas' && s.partition !== undefined) replicas.set(s.partition, s);
  const out: UnderReplicated[] = [];
  for (const s of series) {
    if (s.kind !== 'partition-isr' || s.partition === undefined) continue;
    const reps = new Map((replicas.get(s.partition)?.points ?? []).map((p) => [p.at, p.value]));
    let lowest = Infinity;
    let under = 0;
    for (const p of s.points) {
      const r = reps.get(p.at);
      if (p.value === null || r === undefined || r === null || p.value >= r) continue;
      under++;
      lowest = Math.min(lowest, p.value);
    }
    if (under === 0) continue;
    const last = s.points.at(-1);
    out.push({ partition: s.partition, isrNow: last?.value ?? null, replicasNow: last ? (reps.get(last.at) ?? null) : null, lowest, forMs: under * stepMs });
  }
  return out.sort((a, b) => a.partition - b.partition);
}
