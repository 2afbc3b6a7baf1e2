// What happened in the embedded cluster, newest first: elections, ISR shrink/expand, broker states
// and the faults applied, each with its time and the engine's one-line explanation. The kind and
// broker filters live in the route (`ek`, `eb`) so they survive navigation and reload.
import { useMemo, type JSX } from 'react';
import type { EngineEvent } from '../../../shared/engine-types';
import { navigate, useRoute } from '../app/useRoute';
import { formatAgo } from '../format';
import { withParams } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { EVENT_CATEGORIES, eventLook, filterEvents, formatClock, parseTimelineFilter } from './event-timeline';
import type { EngineEventsResult } from './useEngineEvents';

/** Rendering thousands of rows buys nothing: the newest ones are what a user lines up with a fault. */
const SHOWN = 300;

function EventRow({ event, now }: { event: EngineEvent; now: number }): JSX.Element {
  const look = eventLook(event);
  const iso = new Date(event.timeMs).toISOString();
  return (
    <li className="event" data-kind={event.kind}>
      <time className="event-time" dateTime={iso} title={`${iso} · ${formatAgo(event.timeMs, now)} · event ${event.seq}`}>
        {formatClock(event.timeMs)}
      </time>
      <span className={`badge tone-${look.tone} event-kind`}>
        <span className="badge-icon" aria-hidden="true">
          {look.icon}
        </span>
        {look.label}
      </span>
      <span className="event-message">{event.message}</span>
    </li>
  );
}

export function EventTimeline({ result, brokerIds }: { result: EngineEventsResult; brokerIds: readonly number[] }): JSX.Element {
  const route = useRoute();
  const filter = parseTimelineFilter(route.params);
  const shown = useMemo(() => filterEvents(result.events, filter), [result.events, filter.category, filter.broker]); // eslint-disable-line react-hooks/exhaustive-deps
  const now = Date.now();
  const filtered = filter.category !== null || filter.broker !== null;
  const setParam = (key: 'ek' | 'eb', value: string): void => navigate(withParams(route, { [key]: value }), { replace: true });

  let body: JSX.Element;
  if (result.loading && result.events.length === 0) body = <Loading label="Reading the event log…" />;
  else if (result.events.length === 0)
    body = <Empty title="No events yet.">Kill, pause or isolate a broker above: elections and ISR changes appear here as they happen.</Empty>;
  else if (shown.length === 0)
    body = (
      <Empty title="No events match the filter.">
        <button type="button" className="btn" onClick={() => navigate(withParams(route, { ek: '', eb: '' }), { replace: true })}>
          Show all events
        </button>
      </Empty>
    );
  else
    body = (
      <ol className="timeline" aria-label="Cluster events">
        {shown.slice(0, SHOWN).map((e) => (
          <EventRow key={e.seq} event={e} now={now} />
        ))}
      </ol>
    );

  return (
    <section aria-labelledby="events-heading" className="section panel">
      <div className="section-head">
        <h2 id="events-heading">Events</h2>
        <p className="muted">Newest first, live from the engine host.</p>
      </div>
      <div className="table-toolbar timeline-toolbar">
        <label className="toggle">
          Kind
          <select aria-label="Event kind" value={filter.category ?? ''} onChange={(e) => setParam('ek', e.target.value)}>
            <option value="">All kinds</option>
            {EVENT_CATEGORIES.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="toggle">
          Broker
          <select aria-label="Event broker" value={filter.broker === null ? '' : String(filter.broker)} onChange={(e) => setParam('eb', e.target.value)}>
            <option value="">All brokers</option>
            {brokerIds.map((id) => (
              <option key={id} value={String(id)}>
                Broker {id}
              </option>
            ))}
          </select>
        </label>
        <span className="row-count" aria-live="polite">
          {filtered ? `${shown.length} of ${result.events.length} events` : `${result.events.length} events`}
          {shown.length > SHOWN ? ` · newest ${SHOWN} shown` : ''}
        </span>
      </div>
      {result.error && <ErrorPanel error={result.error} title="The event log could not be read" onRetry={result.reload} />}
      {body}
    </section>
  );
}
