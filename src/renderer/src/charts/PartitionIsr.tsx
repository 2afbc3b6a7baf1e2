// Each partition's ISR size over the window, for one topic picked on the Charts page (issue 13 §3),
// and the partitions that were under-replicated (ISR smaller than the replica count) in it: which,
// the smallest ISR they fell to, for how long, and whether they still are.
import { useMemo, type JSX } from 'react';
import type { HistoryWindow, HistoryMarker } from '../../../shared/groups-history-types';
import type { ChartLine } from '../chart/series-rows';
import { TimeChart } from '../chart/TimeChart';
import { formatCount, formatDuration, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { ErrorPanel, Loading } from '../ui/StateViews';
import { linesOf, underReplicatedOf } from './chart-lines';
import { useHistory } from './useHistory';

interface Axis {
  from: number;
  to: number;
  markers: readonly HistoryMarker[];
  long: boolean;
}

export function PartitionIsr(props: Axis & { window: HistoryWindow; topic: string; topics: readonly string[]; ticks: number; onTopic: (t: string) => void }): JSX.Element {
  const { window, topic, topics, ticks, onTopic, ...axis } = props;
  const { t, locale } = useFmt();
  const picker = (
    <label className="inline-field">
      {t('charts.isrPartitions.topic')}
      <select value={topic} onChange={(e) => onTopic(e.target.value)}>
        <option value="">{t('charts.isrPartitions.none')}</option>
        {[...new Set([...topics, ...(topic ? [topic] : [])])].map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  const chart = (lines: ChartLine[], empty: string): JSX.Element => (
    <TimeChart
      id="chart-partition-isr"
      title={topic ? t('charts.isrPartitions.chart', { topic }) : t('charts.isrPartitions.title')}
      lines={lines}
      {...axis}
      formatTick={(v) => formatCount(v, locale)}
      formatValue={(v) => formatExact(v, locale)}
      emptyText={empty}
      actions={picker}
    />
  );
  if (!topic) return chart([], t('charts.isrPartitions.pick'));
  return <TopicPartitionIsr window={window} topic={topic} ticks={ticks} render={chart} />;
}

function TopicPartitionIsr({ window, topic, ticks, render }: { window: HistoryWindow; topic: string; ticks: number; render: (lines: ChartLine[], empty: string) => JSX.Element }): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const res = useHistory({ window, kinds: ['partition-isr', 'partition-replicas'], topic }, ticks);
  const lines = useMemo(() => linesOf(res.data?.series ?? [], 'partition-isr', fmt), [res.data, fmt]);
  const under = useMemo(() => underReplicatedOf(res.data?.series ?? [], res.data?.stepMs ?? 0), [res.data]);
  if (res.error) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading label={t('charts.loading')} />;
  const isrOf = (isr: number | null, replicas: number | null): string =>
    isr === null || replicas === null
      ? t('charts.noValue')
      : t(isr < replicas ? 'charts.isrPartitions.isrOfStillUnder' : 'charts.isrPartitions.isrOf', { isr: formatExact(isr, locale), replicas: formatExact(replicas, locale) });
  return (
    <>
      {render(lines, t('charts.urp.empty'))}
      <section className="panel chart-panel" aria-labelledby="under-replicated-heading" data-chart="under-replicated-partitions">
        <h2 id="under-replicated-heading">{t('charts.isrPartitions.underHeading', { topic })}</h2>
        {under.length === 0 ? (
          <p className="muted">{t('charts.isrPartitions.noneUnder', { topic })}</p>
        ) : (
          <div className="plain-table-wrap">
            <table className="plain-table" aria-label={t('charts.isrPartitions.underHeading', { topic })}>
              <thead>
                <tr>
                  <th scope="col" className="numeric">
                    {t('charts.isrPartitions.col.partition')}
                  </th>
                  <th scope="col">{t('charts.isrPartitions.col.now')}</th>
                  <th scope="col" className="numeric">
                    {t('charts.isrPartitions.col.lowest')}
                  </th>
                  <th scope="col">{t('charts.isrPartitions.col.for')}</th>
                </tr>
              </thead>
              <tbody>
                {under.map((u) => (
                  <tr key={u.partition}>
                    <td className="numeric">{formatExact(u.partition, locale)}</td>
                    <td>{isrOf(u.isrNow, u.replicasNow)}</td>
                    <td className="numeric">{formatExact(u.lowest, locale)}</td>
                    <td>{formatDuration(u.forMs, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
