// What happened in the embedded cluster, newest first: elections, ISR shrink/expand, broker states
// and the faults applied, each with its time and the engine's one-line explanation. The kind and
// broker filters live in the route (`ek`, `eb`) so they survive navigation and reload.
import { useMemo, type JSX } from 'react';
import type { EngineEvent } from '../../../shared/engine-types';
import { navigate, useRoute } from '../app/useRoute';
import { formatAgo, formatClock, formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { withParams } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { eventSentence } from './event-sentences';
import { EVENT_CATEGORIES, eventLook, filterEvents, parseTimelineFilter } from './event-timeline';
import type { EngineEventsResult } from './useEngineEvents';

/** Rendering thousands of rows buys nothing: the newest ones are what a user lines up with a fault. */
const SHOWN = 300;

function EventRow({ event, now }: { event: EngineEvent; now: number }): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const look = eventLook(event, fmt);
  const iso = new Date(event.timeMs).toISOString();
  return (
    <li className="event" data-kind={event.kind}>
      <time className="event-time" dateTime={iso} title={t('events.timeTitle', { time: formatDateTime(event.timeMs, locale), ago: formatAgo(event.timeMs, now, locale), seq: event.seq })}>
        {formatClock(event.timeMs, locale)}
      </time>
      <span className={`badge tone-${look.tone} event-kind`}>
        <span className="badge-icon" aria-hidden="true">
          {look.icon}
        </span>
        {look.label}
      </span>
      <span className="event-message">{eventSentence(event, fmt)}</span>
    </li>
  );
}

export function EventTimeline({ result, brokerIds }: { result: EngineEventsResult; brokerIds: readonly number[] }): JSX.Element {
  const route = useRoute();
  const { t } = useFmt();
  const filter = parseTimelineFilter(route.params);
  const shown = useMemo(() => filterEvents(result.events, filter), [result.events, filter.category, filter.broker]); // eslint-disable-line react-hooks/exhaustive-deps
  const now = Date.now();
  const filtered = filter.category !== null || filter.broker !== null;
  const setParam = (key: 'ek' | 'eb', value: string): void => navigate(withParams(route, { [key]: value }), { replace: true });

  let body: JSX.Element;
  if (result.loading && result.events.length === 0) body = <Loading label={t('events.loading')} />;
  else if (result.events.length === 0)
    body = <Empty title={t('events.empty')}>{t('events.empty.next')}</Empty>;
  else if (shown.length === 0)
    body = (
      <Empty title={t('events.noMatch')}>
        <button type="button" className="btn" onClick={() => navigate(withParams(route, { ek: '', eb: '' }), { replace: true })}>
          {t('events.showAll')}
        </button>
      </Empty>
    );
  else
    body = (
      <ol className="timeline" aria-label={t('events.list')}>
        {shown.slice(0, SHOWN).map((e) => (
          <EventRow key={e.seq} event={e} now={now} />
        ))}
      </ol>
    );

  return (
    <section aria-labelledby="events-heading" className="section panel">
      <div className="section-head">
        <h2 id="events-heading">{t('events.heading')}</h2>
        <p className="muted">{t('events.subtitle')}</p>
      </div>
      <div className="table-toolbar timeline-toolbar">
        <label className="toggle">
          {t('events.kind')}
          <select aria-label={t('events.kind.name')} value={filter.category ?? ''} onChange={(e) => setParam('ek', e.target.value)}>
            <option value="">{t('events.kind.all')}</option>
            {EVENT_CATEGORIES.map((c) => (
              <option key={c.id} value={c.id}>
                {t(c.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          {t('events.broker')}
          <select aria-label={t('events.broker.name')} value={filter.broker === null ? '' : String(filter.broker)} onChange={(e) => setParam('eb', e.target.value)}>
            <option value="">{t('events.broker.all')}</option>
            {brokerIds.map((id) => (
              <option key={id} value={String(id)}>
                {t('common.broker', { id })}
              </option>
            ))}
          </select>
        </label>
        <span className="row-count" aria-live="polite">
          {filtered ? t('events.countOf', { shown: shown.length, count: result.events.length }) : t('events.count', { count: result.events.length })}
          {shown.length > SHOWN ? t('events.newestShown', { shown: SHOWN }) : ''}
        </span>
      </div>
      {result.error && <ErrorPanel error={result.error} title={t('events.error')} onRetry={result.reload} />}
      {body}
    </section>
  );
}
