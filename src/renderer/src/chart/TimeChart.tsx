// The one line chart every Charts panel uses: time on x over the page's window (so all charts line
// up), the window's faults and elections as vertical markers with a legend, and a tooltip with the
// exact values of every line at the hovered time.
import type { JSX, ReactNode } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistoryMarker } from '../../../shared/groups-history-types';
import { formatAxisTime, formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { MARKER_COLOUR, MARKER_LABEL, markerKinds } from './markers';
import { LINE_COLOURS, rowsOf, type ChartLine } from './series-rows';

export interface TimeChartProps {
  id: string;
  title: string;
  lines: readonly ChartLine[];
  from: number;
  to: number;
  markers: readonly HistoryMarker[];
  /** Axis ticks: short; tooltip: exact. */
  formatTick: (v: number) => string;
  formatValue: (v: number) => string;
  /** Days in the window: the axis shows dates, not clocks. */
  long: boolean;
  emptyText: string;
  height?: number;
  /** Controls beside the heading (the partition chart's group picker). */
  actions?: ReactNode;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Ticks on round local times (a minute, 10 minutes, 4 hours, a day, by the window), the same on every chart of the page. */
export function timeTicks(from: number, to: number): number[] {
  const span = to - from;
  const step = span <= 10 * MINUTE ? MINUTE : span <= 2 * HOUR ? 10 * MINUTE : span <= 2 * DAY ? 4 * HOUR : DAY;
  // Round to the step in local time, so 4-hour and day ticks fall on 00:00, 04:00…
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let at = first; at <= to; at += step) ticks.push(at);
  return ticks;
}

export function MarkerLegend({ markers }: { markers: readonly HistoryMarker[] }): JSX.Element | null {
  const { t } = useFmt();
  const kinds = markerKinds(markers);
  if (kinds.length === 0) return null;
  return (
    <ul className="marker-legend" aria-label={t('charts.markers.legend')}>
      {kinds.map((k) => (
        <li key={k}>
          <span className="marker-swatch" style={{ borderColor: MARKER_COLOUR[k] }} aria-hidden="true" />
          {t(MARKER_LABEL[k])}
        </li>
      ))}
    </ul>
  );
}

export function TimeChart({ id, title, lines, from, to, markers, formatTick, formatValue, long, emptyText, height = 200, actions }: TimeChartProps): JSX.Element {
  const { t, locale } = useFmt();
  const rows = rowsOf(lines);
  const axisTime = (v: number): string => formatAxisTime(v, locale, long);
  const hasData = rows.some((r) => lines.some((l) => typeof r[l.key] === 'number'));
  return (
    <section className="panel chart-panel" aria-labelledby={id} data-chart={id}>
      <div className="chart-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {!hasData && <p className="muted chart-empty">{emptyText}</p>}
      <div className="chart-box" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="at" type="number" domain={[from, to]} ticks={timeTicks(from, to)} allowDataOverflow scale="time" tickFormatter={axisTime} stroke="var(--muted)" fontSize={11} minTickGap={8} />
            <YAxis tickFormatter={formatTick} stroke="var(--muted)" fontSize={11} width={64} allowDecimals={false} />
            <Tooltip
              labelFormatter={(v) => formatDateTime(Number(v), locale)}
              formatter={(v) => (typeof v === 'number' ? formatValue(v) : t('charts.noValue'))}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', color: 'var(--text)', fontSize: 12 }}
            />
            {markers.map((m, i) => (
              <ReferenceLine key={`${m.at}-${i}`} x={m.at} stroke={MARKER_COLOUR[m.kind]} strokeDasharray="4 2" ifOverflow="hidden" label={{ value: '▼', position: 'top', fill: MARKER_COLOUR[m.kind], fontSize: 10 }} />
            ))}
            {lines.map((l, i) => (
              <Line key={l.key} dataKey={l.key} name={l.label} type="monotone" stroke={LINE_COLOURS[i % LINE_COLOURS.length]} dot={false} isAnimationActive={false} connectNulls={false} strokeWidth={1.6} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {lines.length > 0 && (
        <ul className="chart-lines" aria-label={t('charts.lines.legend')}>
          {lines.map((l, i) => {
            const last = [...l.points].reverse().find((p) => p.value !== null);
            return (
              <li key={l.key} data-line={l.label} data-latest={last?.value ?? ''}>
                <span className="line-swatch" style={{ background: LINE_COLOURS[i % LINE_COLOURS.length] }} aria-hidden="true" />
                {t('charts.lines.latest', { line: l.label, value: last && last.value !== null ? formatValue(last.value) : t('charts.noValue') })}
              </li>
            );
          })}
        </ul>
      )}
      <MarkerLegend markers={markers} />
    </section>
  );
}
