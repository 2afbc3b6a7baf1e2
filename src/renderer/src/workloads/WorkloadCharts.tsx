// Lag and throughput of one workload over the last 5 minutes or hour, from the samples this console
// has received, with each rebalance marked on the time axis (the shared TimeChart, so it reads like
// the Charts page, which keeps the sampler's history across restarts).
import { useMemo, useState, type JSX } from 'react';
import type { HistoryMarker } from '../../../shared/groups-history-types';
import type { WorkloadView } from '../../../shared/workload-types';
import type { ChartLine } from '../chart/series-rows';
import { TimeChart } from '../chart/TimeChart';
import { formatCount, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import type { WorkloadSample } from './workload-series';

const WINDOWS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;
type Window = keyof typeof WINDOWS;

export function WorkloadCharts({ workload, samples, now }: { workload: WorkloadView; samples: readonly WorkloadSample[]; now: number }): JSX.Element {
  const { t, locale } = useFmt();
  const [win, setWin] = useState<Window>('5m');
  const to = Math.max(now, samples.at(-1)?.at ?? now);
  // A workload younger than the window fills the chart from its first sample (at least a minute shown).
  const first = samples.find((s) => s.at >= to - WINDOWS[win])?.at ?? to;
  const from = Math.max(to - WINDOWS[win], Math.min(first, to - 60_000));
  const shown = useMemo(() => samples.filter((s) => s.at >= from), [samples, from]);
  const group = workload.group;
  const memberIds = useMemo(() => [...new Set(shown.flatMap((s) => Object.keys(s.members).map(Number)))].sort((a, b) => a - b), [shown]);

  const lagLines: ChartLine[] = useMemo(() => {
    if (!group) return [];
    return [
      { key: 'total', label: t('workloads.chart.totalLag'), points: shown.map((s) => ({ at: s.at, value: s.lag })) },
      ...memberIds.map((i) => ({ key: `m${i}`, label: t('workloads.member.name', { index: i }), points: shown.map((s) => ({ at: s.at, value: s.members[i]?.lag ?? null })) })),
    ];
  }, [group, shown, memberIds, t]);
  const rateLines: ChartLine[] = useMemo(() => {
    if (!group) return [{ key: 'acked', label: t('workloads.chart.acked'), points: shown.map((s) => ({ at: s.at, value: s.rate })) }];
    return [
      { key: 'total', label: t('workloads.chart.processed'), points: shown.map((s) => ({ at: s.at, value: s.rate })) },
      ...memberIds.map((i) => ({ key: `m${i}`, label: t('workloads.member.name', { index: i }), points: shown.map((s) => ({ at: s.at, value: s.members[i]?.rate ?? null })) })),
    ];
  }, [group, shown, memberIds, t]);
  const markers: HistoryMarker[] = useMemo(
    () => (group?.rebalances ?? []).filter((r) => r.at >= from).map((r) => ({ at: r.at, kind: 'rebalance', message: t('workloads.rebalances.marker', { generation: r.generation, reason: r.reason }), brokers: [] })),
    [group, from, t],
  );

  const rate = (v: number): string => t('charts.unit.perSecond', { value: formatExact(Math.round(v * 10) / 10, locale) });
  const common = { from, to, markers, long: false };
  return (
    <section className="section" aria-labelledby="wl-charts-heading">
      <div className="section-head">
        <h2 id="wl-charts-heading">{t('workloads.chart.heading')}</h2>
        <div className="segmented" role="group" aria-label={t('charts.window.label')}>
          {(Object.keys(WINDOWS) as Window[]).map((w) => (
            <button key={w} type="button" className="seg" aria-pressed={w === win} onClick={() => setWin(w)}>
              {t(w === '5m' ? 'charts.window.5m' : 'charts.window.1h')}
            </button>
          ))}
        </div>
        <p className="muted">
          {t('workloads.chart.since')}{' '}
          <a href={group ? buildHash(['charts'], { group: group.groupId }) : buildHash(['charts'])}>{t('workloads.chart.history')}</a>
        </p>
      </div>
      <div className="charts-grid">
        {group && (
          <TimeChart id="wl-chart-lag" title={t('workloads.chart.lag')} lines={lagLines} formatTick={(v) => formatCount(v, locale)} formatValue={(v) => formatExact(v, locale)} emptyText={t('workloads.chart.empty')} {...common} />
        )}
        <TimeChart
          id="wl-chart-rate"
          title={group ? t('workloads.chart.rate') : t('workloads.chart.acked')}
          lines={rateLines}
          formatTick={(v) => formatCount(v, locale)}
          formatValue={rate}
          emptyText={t('workloads.chart.empty')}
          {...common}
        />
      </div>
    </section>
  );
}
