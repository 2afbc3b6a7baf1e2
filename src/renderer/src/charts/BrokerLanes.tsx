// Broker states as lanes on the page's time axis: one row per broker, a coloured run per state with
// its icon and word (never colour alone); hovering a run names the state and its exact span.
import type { JSX } from 'react';
import { BROKER_STATE_LANES, type HistoryMarker, type HistorySeries } from '../../../shared/groups-history-types';
import { MarkerLegend } from '../chart/TimeChart';
import { MARKER_COLOUR, MARKER_LABEL } from '../chart/markers';
import { stateLook } from '../cluster/broker-states';
import { formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';

interface Run {
  state: string;
  from: number;
  to: number;
}

export function runsOf(series: HistorySeries, from: number, to: number, stepMs: number): Run[] {
  const runs: Run[] = [];
  for (const p of series.points) {
    if (p.at < from - stepMs || p.at > to) continue;
    const state = p.value === null ? 'absent' : (BROKER_STATE_LANES[p.value] ?? 'absent');
    const last = runs[runs.length - 1];
    if (last && last.state === state && p.at - last.to <= stepMs * 2) last.to = p.at;
    else {
      if (last) last.to = Math.max(last.to, p.at);
      runs.push({ state, from: Math.max(from, p.at), to: p.at });
    }
  }
  const last = runs[runs.length - 1];
  if (last) last.to = Math.min(to, last.to + stepMs);
  return runs;
}

export function BrokerLanes({ series, from, to, stepMs, markers }: { series: readonly HistorySeries[]; from: number; to: number; stepMs: number; markers: readonly HistoryMarker[] }): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const span = Math.max(1, to - from);
  const pct = (at: number): number => Math.min(100, Math.max(0, ((at - from) / span) * 100));
  const lanes = series.filter((s) => s.kind === 'broker-state').sort((a, b) => (a.brokerId ?? 0) - (b.brokerId ?? 0));
  return (
    <section className="panel chart-panel" aria-labelledby="chart-brokers" data-chart="chart-brokers">
      <h2 id="chart-brokers">{t('charts.brokers.title')}</h2>
      {lanes.length === 0 && <p className="muted chart-empty">{t('charts.brokers.empty')}</p>}
      <div className="lanes">
        {lanes.map((s) => (
          <div className="lane" key={s.brokerId}>
            <span className="lane-name">{t('charts.brokers.broker', { id: s.brokerId ?? 0 })}</span>
            <div className="lane-track">
              {runsOf(s, from, to, stepMs).map((r) => {
                if (r.state === 'absent') return null;
                const look = stateLook(r.state, fmt);
                return (
                  <span
                    key={r.from}
                    className={`lane-run tone-${look.tone}`}
                    style={{ left: `${pct(r.from)}%`, width: `${Math.max(0.4, pct(r.to) - pct(r.from))}%` }}
                    title={t('charts.brokers.run', { state: look.label, from: formatDateTime(r.from, locale), to: formatDateTime(r.to, locale) })}
                  >
                    <span aria-hidden="true">{look.icon}</span> {look.label}
                  </span>
                );
              })}
              {markers.map((m, i) => (
                <span key={`${m.at}-${i}`} className="lane-marker" style={{ left: `${pct(m.at)}%`, borderColor: MARKER_COLOUR[m.kind] }} title={`${t(MARKER_LABEL[m.kind])} — ${m.message}`} />
              ))}
            </div>
          </div>
        ))}
      </div>
      <MarkerLegend markers={markers} />
    </section>
  );
}
