// The Cluster page's event timeline as data: which kind of event is which (one icon and one word
// each, never colour alone), which brokers an event concerns, and how the backlog (`events:list`)
// and the live stream (`engine:event`) merge into one list, newest first.
import type { EngineEvent } from '../../../shared/engine-types';
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';
import { faultWord } from './event-sentences';

export type EventCategory = 'election' | 'isr' | 'broker' | 'fault';

export interface EventCategoryDef {
  id: EventCategory;
  label: MessageId;
}

/** The kind filter's choices, in the order the select lists them. */
export const EVENT_CATEGORIES: readonly EventCategoryDef[] = [
  { id: 'election', label: 'events.category.election' },
  { id: 'isr', label: 'events.category.isr' },
  { id: 'broker', label: 'events.category.broker' },
  { id: 'fault', label: 'events.category.fault' },
];

export interface EventLook {
  label: string;
  icon: string;
  tone: 'ok' | 'warn' | 'bad' | 'isolated' | 'off' | 'busy' | 'leader' | 'power';
}

/** How many events the page keeps; the engine host's ring holds 1000, the page needs no more. */
export const TIMELINE_CAPACITY = 1000;

export function eventCategory(e: EngineEvent): EventCategory {
  switch (e.kind) {
    case 'leader-change':
      return 'election';
    case 'isr-shrink':
    case 'isr-expand':
      return 'isr';
    case 'fault':
      return 'fault';
    default:
      return 'broker';
  }
}

/** The brokers an event is about: the old and new leader, the replicas that left or joined the ISR, the broker switched. */
export function eventBrokers(e: EngineEvent): number[] {
  switch (e.kind) {
    case 'leader-change':
      return [e.from, e.to].filter((id) => id >= 0);
    case 'isr-shrink':
    case 'isr-expand':
      return [...e.changed];
    case 'fault':
      return [...e.brokers];
    case 'rebalance':
      return [];
    default:
      return [e.brokerId];
  }
}

type Tone = EventLook['tone'];

function look(label: MessageId, icon: string, tone: Tone, fmt: Fmt): EventLook {
  return { label: fmt.t(label), icon, tone };
}

export function eventLook(e: EngineEvent, fmt: Fmt): EventLook {
  switch (e.kind) {
    case 'leader-change':
      return e.to < 0 ? look('event.kind.noLeader', '✕', 'bad', fmt) : look('event.kind.election', '★', 'leader', fmt);
    case 'isr-shrink':
      return look('event.kind.isrShrink', '▼', 'warn', fmt);
    case 'isr-expand':
      return look('event.kind.isrExpand', '▲', 'ok', fmt);
    case 'broker-fenced':
      return look('event.kind.fenced', '⊘', 'bad', fmt);
    case 'broker-unfenced':
      return look('event.kind.unfenced', '●', 'ok', fmt);
    case 'broker-registered':
      return look('event.kind.registered', '◐', 'busy', fmt);
    case 'broker-state':
      return look('event.kind.state', '◆', e.to === 'running' ? 'ok' : e.to === 'starting' || e.to === 'stopping' ? 'busy' : 'off', fmt);
    case 'rebalance':
      return look('event.kind.rebalance', '⇄', 'busy', fmt);
    case 'fault': {
      const healing = e.action === 'heal' || e.action === 'link-heal' || e.action === 'start' || e.action === 'resume';
      return { label: faultWord(e.action, fmt), icon: 'ϟ', tone: healing ? 'ok' : 'power' };
    }
  }
}

/**
 * Adds `incoming` to `current` (both any order): one entry per seq, newest (highest seq) first, at
 * most `capacity`. The backlog and the stream overlap around the moment of subscribing, so
 * duplicates are expected and dropped. Returns `current` itself when nothing is new, so React
 * skips the render.
 */
export function mergeEvents(current: readonly EngineEvent[], incoming: readonly EngineEvent[], capacity = TIMELINE_CAPACITY): readonly EngineEvent[] {
  const seen = new Set(current.map((e) => e.seq));
  const fresh = incoming.filter((e) => !seen.has(e.seq) && (seen.add(e.seq), true));
  if (fresh.length === 0) return current;
  return [...current, ...fresh].sort((a, b) => b.seq - a.seq).slice(0, capacity);
}

/** Whether a live event skips seqs the page never received (a reconnect gap): then the backlog is read again. */
export function missedBefore(newestSeq: number, incomingSeq: number): boolean {
  return newestSeq > 0 && incomingSeq > newestSeq + 1;
}

export interface TimelineFilter {
  category: EventCategory | null;
  broker: number | null;
}

/** Reads the filter from the route's parameters (`ek` kind, `eb` broker); unknown values mean "all". */
export function parseTimelineFilter(params: Readonly<Record<string, string>>): TimelineFilter {
  const kind = params['ek'];
  const category = EVENT_CATEGORIES.find((c) => c.id === kind)?.id ?? null;
  const b = params['eb'];
  const broker = b !== undefined && /^\d{1,10}$/.test(b) ? Number(b) : null;
  return { category, broker };
}

export function filterEvents(events: readonly EngineEvent[], filter: TimelineFilter): readonly EngineEvent[] {
  if (filter.category === null && filter.broker === null) return events;
  return events.filter((e) => (filter.category === null || eventCategory(e) === filter.category) && (filter.broker === null || eventBrokers(e).includes(filter.broker)));
}
