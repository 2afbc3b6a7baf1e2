import { describe, expect, it } from 'vitest';
import { createFmt } from '../i18n/fmt';
import { actionBlockedBy, BROKER_ACTIONS, type BrokerActionId } from './broker-actions';

const en = createFmt('en');
const ko = createFmt('ko');

function allowed(state: string, networkFaulted: boolean | null = null): BrokerActionId[] {
  return BROKER_ACTIONS.filter((a) => actionBlockedBy(a, { state, networkFaulted }, en) === undefined)
    .map((a) => a.id)
    .sort();
}

describe('broker actions follow the broker state', () => {
  it('offers the faults on a running broker, and no start or resume', () => {
    expect(allowed('running', false)).toEqual(['isolate', 'kill', 'latency', 'pause', 'power-loss', 'restart', 'stop']);
    expect(allowed('running', true)).toContain('heal');
  });

  it('offers only start on a broker that is down', () => {
    for (const s of ['stopped', 'killed', 'failed', 'power-lost']) expect(allowed(s)).toEqual(['start']);
  });

  it('offers resume and the hard stops on a paused broker, not stop or pause', () => {
    expect(allowed('paused', false)).toEqual(['kill', 'latency', 'power-loss', 'resume']);
  });

  it('offers heal on an isolated broker but not isolate again', () => {
    expect(allowed('isolated', true)).toContain('heal');
    expect(allowed('isolated', null)).not.toContain('isolate');
  });

  it('offers nothing on an external broker and says why', () => {
    expect(allowed('online')).toEqual([]);
    const kill = BROKER_ACTIONS.find((a) => a.id === 'kill')!;
    expect(actionBlockedBy(kill, { state: 'stopped', networkFaulted: null }, en)).toBe('Kill does not apply to a stopped broker');
    expect(actionBlockedBy(kill, { state: 'stopped', networkFaulted: null }, ko)).toBe('강제 종료: 중지됨 상태의 브로커에는 적용할 수 없습니다');
    expect(actionBlockedBy(BROKER_ACTIONS.find((a) => a.id === 'heal')!, { state: 'running', networkFaulted: false }, en)).toBe('No network fault to heal');
  });

  it('keeps start, stop and kill in the row and the rest in the menu', () => {
    expect(BROKER_ACTIONS.filter((a) => a.inline).map((a) => a.id)).toEqual(['start', 'stop', 'kill']);
    expect(BROKER_ACTIONS.filter((a) => !a.inline)).toHaveLength(7);
    // Every state a broker can be in offers at least one switch in the row.
    for (const s of ['running', 'paused', 'isolated', 'starting', 'stopping', 'stopped', 'killed', 'failed', 'power-lost']) {
      expect(BROKER_ACTIONS.some((a) => a.inline && a.when.includes(s)), s).toBe(true);
    }
  });

  it('asks to type the id before the irreversible ones', () => {
    expect(BROKER_ACTIONS.filter((a) => a.confirm === 'type-id').map((a) => a.id).sort()).toEqual(['kill', 'power-loss']);
  });
});
