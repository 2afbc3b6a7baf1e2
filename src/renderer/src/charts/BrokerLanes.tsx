// Broker states as lanes on the page's time axis: one row per broker, a coloured run per state with
// its icon and word (never colour alone) where the run has room for them (lane-labels.ts); hovering
// a run names the state and its exact span, and screen readers get the word either way.
import { useEffect, useRef, useState, type JSX } from 'react';
import { BROKER_STATE_LANES, type HistoryMarker, type HistorySeries } from '../../../shared/groups-history-types';
import { MarkerLegend } from '../chart/TimeChart';
import { MARKER_COLOUR, MARKER_LABEL } from '../chart/markers';
import { stateLook } from '../cluster/broker-states';
import { formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { laneLabel, runPixels } from './lane-labels';

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

/** The lanes' track width in pixels, following the window's size. */
function useTrackWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => setWidth(el.querySelector('.lane-track')?.getBoundingClientRect().width ?? 0);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The width of a text in the lanes' font (read from a lane track: 11 px, the page's family). */
function useTextWidth(lanes: React.RefObject<HTMLDivElement | null>): (text: string) => number {
  const [ctx] = useState(() => document.createElement('canvas').getContext('2d'));
  return (text: string): number => {
    if (!ctx) return text.length * 8;
    const track = lanes.current?.querySelector('.lane-track');
    const family = getComputedStyle(track ?? document.body).fontFamily;
    ctx.font = `11px ${family}`;
    return Math.ceil(ctx.measureText(text).width);
  };
}

export function BrokerLanes({ series, from, to, stepMs, markers }: { series: readonly HistorySeries[]; from: number; to: number; stepMs: number; markers: readonly HistoryMarker[] }): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const span = Math.max(1, to - from);
  const pct = (at: number): number => Math.min(100, Math.max(0, ((at - from) / span) * 100));
  const lanes = series.filter((s) => s.kind === 'broker-state').sort((a, b) => (a.brokerId ?? 0) - (b.brokerId ?? 0));
  const [lanesRef, trackPx] = useTrackWidth();
  const textPx = useTextWidth(lanesRef);
  return (
    <section className="panel chart-panel" aria-labelledby="chart-brokers" data-chart="chart-brokers">
      <h2 id="chart-brokers">{t('charts.brokers.title')}</h2>
      {lanes.length === 0 && <p className="muted chart-empty">{t('charts.brokers.empty')}</p>}
      <div className="lanes" ref={lanesRef}>
        {lanes.map((s) => (
          <div className="lane" key={s.brokerId}>
            <span className="lane-name">{t('charts.brokers.broker', { id: s.brokerId ?? 0 })}</span>
            <div className="lane-track">
              {runsOf(s, from, to, stepMs).map((r, i) => {
                if (r.state === 'absent') return null;
                const look = stateLook(r.state, fmt);
                const width = Math.max(0.4, pct(r.to) - pct(r.from));
                // Before the first measure (trackPx 0) no label: it would flash cut.
                const fit = laneLabel(runPixels(0, width, trackPx), textPx(look.label), Math.max(textPx(look.icon), 12));
                return (
                  <span
                    key={`${r.from}-${i}`}
                    className={`lane-run tone-${look.tone}`}
                    data-state={r.state}
                    data-label={fit}
                    style={{ left: `${pct(r.from)}%`, width: `${width}%` }}
                    title={t('charts.brokers.run', { state: look.label, from: formatDateTime(r.from, locale), to: formatDateTime(r.to, locale) })}
                  >
                    {fit !== 'none' && <span aria-hidden="true">{look.icon}</span>}
                    {fit === 'full' ? <span className="lane-word">{look.label}</span> : <span className="sr-only">{look.label}</span>}
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
