// The Charts page (issue 13 §3): the sampler's history over one window (5 min, 1 h, 24 h, 7 days, in
// the route), every chart on the same time axis with the window's faults and elections marked,
// read again on each sampler tick unless paused.
import { useMemo, useState, type JSX } from 'react';
import { HISTORY_WINDOWS, type HistoryMarker, type HistoryWindow } from '../../../shared/groups-history-types';
import { useCluster } from '../app/cluster-context';
import { navigate, useRoute } from '../app/useRoute';
import type { ChartLine } from '../chart/series-rows';
import { TimeChart } from '../chart/TimeChart';
import { formatBytes, formatCount, formatDateTime, formatDuration, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { withParams } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { BrokerLanes } from './BrokerLanes';
import { groupsOf, linesOf, topicsOf } from './chart-lines';
import { MarkerList } from './MarkerList';
import { useHistory } from './useHistory';
import { PartitionIsr } from './PartitionIsr';
import { useLagTicks } from '../app/useLagTicks';

const WINDOW_LABEL: Record<HistoryWindow, MessageId> = {
  '5m': 'charts.window.5m',
  '1h': 'charts.window.1h',
  '24h': 'charts.window.24h',
  '7d': 'charts.window.7d',
};

function isWindow(s: string | undefined): s is HistoryWindow {
  return (HISTORY_WINDOWS as readonly string[]).includes(s ?? '');
}

/** Lag per partition of one group, read only while a group is picked. */
function PartitionLag(props: { window: HistoryWindow; group: string; groups: readonly string[]; ticks: number; onGroup: (g: string) => void; from: number; to: number; markers: readonly HistoryMarker[]; long: boolean }): JSX.Element {
  const { window, group, groups, ticks, onGroup, ...axis } = props;
  const fmt = useFmt();
  const { t, locale } = fmt;
  const picker = (
    <label className="inline-field">
      {t('charts.partitions.group')}
      <select value={group} onChange={(e) => onGroup(e.target.value)}>
        <option value="">{t('charts.partitions.none')}</option>
        {[...new Set([...groups, ...(group ? [group] : [])])].map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
    </label>
  );
  const chart = (lines: ChartLine[], empty: string): JSX.Element => (
    <TimeChart
      id="chart-partition-lag"
      title={group ? t('charts.partitions.chart', { group }) : t('charts.partitions.title')}
      lines={lines}
      {...axis}
      formatTick={(v) => formatCount(v, locale)}
      formatValue={(v) => formatExact(v, locale)}
      emptyText={empty}
      actions={picker}
    />
  );
  if (!group) return chart([], t('charts.partitions.pick'));
  return <GroupPartitionLag window={window} group={group} ticks={ticks} render={chart} />;
}

function GroupPartitionLag({ window, group, ticks, render }: { window: HistoryWindow; group: string; ticks: number; render: (lines: ChartLine[], empty: string) => JSX.Element }): JSX.Element {
  const fmt = useFmt();
  const res = useHistory({ window, kinds: ['partition-lag'], group }, ticks);
  const lines = useMemo(() => linesOf(res.data?.series ?? [], 'partition-lag', fmt), [res.data, fmt]);
  if (res.error) return <ErrorPanel error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading label={fmt.t('charts.loading')} />;
  return render(lines, fmt.t('charts.lag.empty'));
}

export function ChartsPage(): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const route = useRoute();
  const { view } = useCluster();
  const win: HistoryWindow = isWindow(route.params.window) ? route.params.window : '5m';
  const group = route.params.group ?? '';
  const isrTopic = route.params.topic ?? '';
  const [paused, setPaused] = useState(false);
  const ticks = useLagTicks(!paused);
  const history = useHistory({ window: win }, ticks);
  const external = view?.connection.kind === 'external';

  const data = history.data;
  const long = win === '24h' || win === '7d';
  const exact = (v: number): string => formatExact(v, locale);
  const rate = (v: number): string => t('charts.unit.perSecond', { value: formatExact(Math.round(v * 100) / 100, locale) });
  const byteRate = (v: number): string => t('charts.unit.perSecond', { value: formatBytes(v, locale) });
  const lines = useMemo(() => {
    const s = data?.series ?? [];
    return {
      lag: linesOf(s, 'group-lag', fmt),
      timeLag: linesOf(s, 'time-lag', fmt),
      records: linesOf(s, 'produce-records', fmt),
      bytes: linesOf(s, 'produce-bytes', fmt),
      consume: linesOf(s, 'consume-rate', fmt),
      urp: linesOf(s, 'under-replicated', fmt),
      isr: linesOf(s, 'isr-size', fmt),
      groups: groupsOf(s),
      topics: topicsOf(s),
    };
  }, [data, fmt]);

  const toolbar = (
    <div className="charts-toolbar">
      <div className="segmented" role="group" aria-label={t('charts.window.label')}>
        {HISTORY_WINDOWS.map((w) => (
          <button key={w} type="button" className="seg" aria-pressed={w === win} onClick={() => navigate(withParams(route, { window: w }))}>
            {t(WINDOW_LABEL[w])}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
        {t(paused ? 'charts.resume' : 'charts.pause')}
      </button>
      {data && (
        <span className="muted charts-status" aria-live="polite">
          {paused ? t('charts.pausedAt', { at: formatDateTime(data.to, locale) }) : t('charts.liveEvery', { tick: formatDuration(data.tickMs, locale) })}
        </span>
      )}
    </div>
  );

  let body: JSX.Element;
  if (history.error && !data) body = <ErrorPanel error={history.error} title={t('charts.error')} onRetry={history.reload} />;
  else if (!data) body = <Loading label={t('charts.loading')} />;
  else if (data.series.length === 0)
    body = (
      <Empty title={t('charts.empty')}>
        <p className="muted">{t('charts.empty.hint', { tick: formatDuration(data.tickMs, locale) })}</p>
      </Empty>
    );
  else {
    const common = { from: data.from, to: data.to, markers: data.markers, long };
    body = (
      <>
        {external && (
          <p className="not-supported" role="note">
            {t('charts.external')}
          </p>
        )}
        <div className="charts-grid">
          <TimeChart id="chart-lag" title={t('charts.lag.title')} lines={lines.lag} formatTick={(v) => formatCount(v, locale)} formatValue={exact} emptyText={t('charts.lag.empty')} {...common} />
          <TimeChart id="chart-time-lag" title={t('charts.timeLag.title')} lines={lines.timeLag} formatTick={(v) => formatDuration(v, locale)} formatValue={(v) => formatDuration(v, locale)} emptyText={t('charts.lag.empty')} {...common} />
          <TimeChart id="chart-produce-records" title={t('charts.produceRecords.title')} lines={lines.records} formatTick={(v) => formatCount(v, locale)} formatValue={rate} emptyText={t('charts.produce.empty')} {...common} />
          <TimeChart id="chart-produce-bytes" title={t('charts.produceBytes.title')} lines={lines.bytes} formatTick={(v) => formatBytes(v, locale)} formatValue={byteRate} emptyText={t('charts.produce.empty')} {...common} />
          <TimeChart id="chart-consume" title={t('charts.consume.title')} lines={lines.consume} formatTick={(v) => formatCount(v, locale)} formatValue={rate} emptyText={t('charts.lag.empty')} {...common} />
          <TimeChart id="chart-urp" title={t('charts.urp.title')} lines={lines.urp} formatTick={(v) => formatCount(v, locale)} formatValue={exact} emptyText={t('charts.urp.empty')} {...common} />
          <TimeChart id="chart-isr" title={t('charts.isr.title')} lines={lines.isr} formatTick={(v) => formatCount(v, locale)} formatValue={exact} emptyText={t('charts.urp.empty')} {...common} />
        </div>
        <PartitionLag window={win} group={group} groups={lines.groups} ticks={ticks} onGroup={(g) => navigate(withParams(route, { group: g }))} {...common} />
        <PartitionIsr window={win} topic={isrTopic} topics={lines.topics} ticks={ticks} onTopic={(name) => navigate(withParams(route, { topic: name }))} {...common} />
        {external ? null : <BrokerLanes series={data.series} from={data.from} to={data.to} stepMs={data.stepMs} markers={data.markers} />}
        <MarkerList markers={data.markers} external={external} />
        <p className="muted charts-foot">
          {data.folder ? t('charts.folder', { folder: data.folder }) : t('charts.memoryOnly')} {t(data.resolution === 'tick' ? 'charts.resolution.tick' : 'charts.resolution.minute', { step: formatDuration(data.stepMs, locale) })}
        </p>
      </>
    );
  }

  return (
    <>
      <h1>{t('nav.charts')}</h1>
      {toolbar}
      {body}
    </>
  );
}
