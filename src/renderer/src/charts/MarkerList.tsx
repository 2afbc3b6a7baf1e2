// The window's faults and elections in words, newest first: what each marker on the charts was.
import type { JSX } from 'react';
import type { HistoryMarker } from '../../../shared/groups-history-types';
import { MARKER_COLOUR, MARKER_LABEL } from '../chart/markers';
import { formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';

const SHOWN = 50;

export function MarkerList({ markers, external }: { markers: readonly HistoryMarker[]; external: boolean }): JSX.Element {
  const { t, locale } = useFmt();
  const newest = [...markers].reverse().slice(0, SHOWN);
  return (
    <section className="panel chart-panel" aria-labelledby="chart-markers">
      <h2 id="chart-markers">{t('charts.markers.title')}</h2>
      {external ? (
        <p className="muted">{t('charts.markers.external')}</p>
      ) : newest.length === 0 ? (
        <p className="muted">{t('charts.markers.none')}</p>
      ) : (
        <ul className="marker-list">
          {newest.map((m, i) => (
            <li key={`${m.at}-${i}`} data-marker={m.kind}>
              <span className="marker-swatch" style={{ borderColor: MARKER_COLOUR[m.kind] }} aria-hidden="true" />
              <time dateTime={new Date(m.at).toISOString()}>{formatDateTime(m.at, locale)}</time> <strong>{t(MARKER_LABEL[m.kind])}</strong> <span lang="en">{m.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
