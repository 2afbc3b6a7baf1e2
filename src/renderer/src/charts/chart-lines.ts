// Splits a history:series answer into the Charts page's panels: which series each chart draws and
// how each line is named (group · topic, topic, group, partition).
import type { HistorySeries, HistorySeriesKind } from '../../../shared/groups-history-types';
import type { ChartLine } from '../chart/series-rows';
import type { Fmt } from '../i18n/fmt';

function keyOf(s: HistorySeries): string {
  return [s.kind, s.group ?? '', s.topic ?? '', s.partition ?? '', s.brokerId ?? ''].join('|');
}

function labelOf(s: HistorySeries, fmt: Fmt): string {
  if (s.kind === 'partition-lag') return fmt.t('charts.line.partition', { topic: s.topic ?? '', partition: s.partition ?? 0 });
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
