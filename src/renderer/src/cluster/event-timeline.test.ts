import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/engine-types';
import { createFmt } from '../i18n/fmt';
import { eventBrokers, eventCategory, eventLook, filterEvents, mergeEvents, missedBefore, parseTimelineFilter } from './event-timeline';

const en = createFmt('en');
const ko = createFmt('ko');

const base = { timeMs: 1_700_000_000_000, message: 'm' };
const leader = (seq: number, from: number, to: number): EngineEvent => ({ ...base, seq, kind: 'leader-change', topic: 't', partition: 0, from, to, leaderEpoch: 1 });
const shrink = (seq: number, changed: number[]): EngineEvent => ({ ...base, seq, kind: 'isr-shrink', topic: 't', partition: 0, isr: [1], changed });
const kill = (seq: number, id: number): EngineEvent => ({ ...base, seq, kind: 'fault', action: 'kill', brokers: [id], detail: 'SIGKILL' });
const cut = (seq: number, a: number, b: number): EngineEvent => ({ ...base, seq, kind: 'fault', action: 'link-cut', brokers: [a, b], detail: 'blackhole' });
const state = (seq: number, id: number): EngineEvent => ({ ...base, seq, kind: 'broker-state', brokerId: id, from: 'running', to: 'killed' });
const fenced = (seq: number, id: number): EngineEvent => ({ ...base, seq, kind: 'broker-fenced', brokerId: id, brokerEpoch: 4 });

describe('mergeEvents', () => {
  it('joins backlog and stream newest first, once per seq', () => {
    const live = mergeEvents([], [kill(5, 2), leader(6, 2, 3)]);
    const merged = mergeEvents(live, [state(3, 2), fenced(4, 2), kill(5, 2)]);
    expect(merged.map((e) => e.seq)).toEqual([6, 5, 4, 3]);
  });

  it('keeps the same array when nothing is new, and at most the capacity', () => {
    const cur = mergeEvents([], [kill(1, 1), kill(2, 1)]);
    expect(mergeEvents(cur, [kill(2, 1)])).toBe(cur);
    expect(mergeEvents(cur, [kill(3, 1), kill(4, 1)], 3).map((e) => e.seq)).toEqual([4, 3, 2]);
  });

  it('drops duplicates inside one batch too', () => {
    expect(mergeEvents([], [kill(7, 1), kill(7, 1)]).length).toBe(1);
  });
});

describe('event kinds and brokers', () => {
  it('sorts events into the filter categories', () => {
    expect([leader(1, 1, 2), shrink(2, [3]), kill(3, 1), state(4, 1), fenced(5, 1)].map(eventCategory)).toEqual(['election', 'isr', 'fault', 'broker', 'broker']);
  });

  it('names the brokers an event concerns, without the -1 of "no leader"', () => {
    expect(eventBrokers(leader(1, 2, -1))).toEqual([2]);
    expect(eventBrokers(shrink(2, [3, 1]))).toEqual([3, 1]);
    expect(eventBrokers(cut(3, 1, 2))).toEqual([1, 2]);
    expect(eventBrokers(fenced(4, 5))).toEqual([5]);
  });

  it('gives each kind a word and an icon, and a lost leader its own', () => {
    expect(eventLook(leader(1, 1, 2), en)).toMatchObject({ label: 'election', icon: '★' });
    expect(eventLook(leader(1, 1, -1), en)).toMatchObject({ label: 'no leader', tone: 'bad' });
    expect(eventLook(cut(1, 1, 2), en).label).toBe('link cut');
    expect(eventLook(kill(1, 1), en).label).toBe('kill');
    expect(eventLook(leader(1, 1, 2), ko).label).toBe('리더 선출');
    expect(eventLook(kill(1, 1), ko).label).toBe('강제 종료');
  });
});

describe('filters', () => {
  const all = mergeEvents([], [leader(1, 1, 2), shrink(2, [1]), kill(3, 3), cut(4, 2, 3), state(5, 1)]);

  it('filters by kind, by broker, and by both', () => {
    expect(filterEvents(all, { category: 'fault', broker: null }).map((e) => e.seq)).toEqual([4, 3]);
    expect(filterEvents(all, { category: null, broker: 1 }).map((e) => e.seq)).toEqual([5, 2, 1]);
    expect(filterEvents(all, { category: 'fault', broker: 2 }).map((e) => e.seq)).toEqual([4]);
    expect(filterEvents(all, { category: null, broker: null })).toBe(all);
  });

  it('reads the filter from the route, ignoring what it does not know', () => {
    expect(parseTimelineFilter({ ek: 'isr', eb: '2' })).toEqual({ category: 'isr', broker: 2 });
    expect(parseTimelineFilter({ ek: 'bogus', eb: 'x' })).toEqual({ category: null, broker: null });
    expect(parseTimelineFilter({})).toEqual({ category: null, broker: null });
  });
});

describe('live gaps and clock', () => {
  it('notices a seq skipped by the stream, not the first event', () => {
    expect(missedBefore(0, 40)).toBe(false);
    expect(missedBefore(40, 41)).toBe(false);
    expect(missedBefore(40, 43)).toBe(true);
  });
});
