import type { JSX } from 'react';
import type { SeriesPoint } from '../../../shared/groups-types';
import { formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';

const W = 160;
const H = 32;

/** A topic's lag over the last sampler ticks as a small inline line (the Charts page draws the full history). */
export function Sparkline({ topic, points }: { topic: string; points: readonly SeriesPoint[] }): JSX.Element {
  const { t, locale } = useFmt();
  const known = points.filter((p): p is { at: number; value: number } => p.value !== null);
  const last = known.length ? known[known.length - 1]!.value : null;
  const label = last === null ? t('groups.spark.none', { topic }) : t('groups.spark.label', { topic, lag: formatExact(last, locale), points: known.length });
  let path = '';
  if (known.length > 1) {
    const t0 = known[0]!.at;
    const span = Math.max(1, known[known.length - 1]!.at - t0);
    const max = Math.max(1, ...known.map((p) => p.value));
    path = known.map((p, i) => `${i ? 'L' : 'M'}${(((p.at - t0) / span) * (W - 2) + 1).toFixed(1)},${(H - 2 - (p.value / max) * (H - 4)).toFixed(1)}`).join(' ');
  }
  return (
    <figure className="spark">
      <figcaption>
        <code>{topic}</code>
      </figcaption>
      <svg width={W} height={H} role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`}>
        <title>{label}</title>
        <line x1="0" x2={W} y1={H - 1} y2={H - 1} className="spark-base" />
        {path && <path d={path} className="spark-line" fill="none" />}
      </svg>
      <span className="spark-value">{last === null ? '—' : formatExact(last, locale)}</span>
    </figure>
  );
}
