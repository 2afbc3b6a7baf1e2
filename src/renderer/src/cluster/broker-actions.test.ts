import { describe, expect, it } from 'vitest';
import { actionBlockedBy, BROKER_ACTIONS, type BrokerActionId } from './broker-actions';

function allowed(state: string, networkFaulted: boolean | null = null): BrokerActionId[] {
  return BROKER_ACTIONS.filter((a) => actionBlockedBy(a, { state, networkFaulted }) === undefined)
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
    expect(actionBlockedBy(BROKER_ACTIONS.find((a) => a.id === 'kill')!, { state: 'stopped', networkFaulted: null })).toBe('Kill does not apply to a stopped broker');
    expect(actionBlockedBy(BROKER_ACTIONS.find((a) => a.id === 'heal')!, { state: 'running', networkFaulted: false })).toBe('No network fault to heal');
  });

  it('asks to type the id before the irreversible ones', () => {
    expect(BROKER_ACTIONS.filter((a) => a.confirm === 'type-id').map((a) => a.id).sort()).toEqual(['kill', 'power-loss']);
  });
});
