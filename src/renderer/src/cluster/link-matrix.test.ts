import { describe, expect, it } from 'vitest';
import type { EngineBrokerStatus } from '../../../shared/engine-types';
import { linkLook, linkStatus, linkSwitch, linkSwitchLabel } from './link-matrix';

const broker = (id: number, state: EngineBrokerStatus['state'] = 'running', isolation: EngineBrokerStatus['network']['isolation'] = null): EngineBrokerStatus => ({
  id,
  host: '127.0.0.1',
  port: 9000 + id,
  pid: 1,
  state,
  pauseSimulated: false,
  network: { isolation, latency: { inMs: 0, outMs: 0 }, cutFrom: [] },
  controller: null,
  rssBytes: null,
  dataBytes: 0,
});

describe('linkStatus', () => {
  const brokers = [broker(1), broker(2), broker(3, 'killed'), broker(4, 'running', 'blackhole')];
  const links = [{ a: 1, b: 2, mode: 'reset' as const }];

  it('reads an explicit cut from either side', () => {
    expect(linkStatus(1, 2, { brokers, links })).toEqual({ kind: 'cut', mode: 'reset' });
    expect(linkStatus(2, 1, { brokers, links })).toEqual({ kind: 'cut', mode: 'reset' });
  });

  it('does not call a pair connected when one is isolated or down', () => {
    expect(linkStatus(1, 4, { brokers, links })).toEqual({ kind: 'isolated', brokers: [4] });
    expect(linkStatus(1, 3, { brokers, links })).toEqual({ kind: 'down', brokers: [3] });
    expect(linkStatus(2, 1, { brokers, links: [] })).toEqual({ kind: 'connected' });
    expect(linkStatus(2, 2, { brokers, links })).toEqual({ kind: 'self' });
  });

  it('offers heal on a cut, cut otherwise, nothing on the diagonal', () => {
    expect(linkSwitch({ kind: 'cut', mode: 'blackhole' })).toBe('heal');
    expect(linkSwitch({ kind: 'down', brokers: [3] })).toBe('cut');
    expect(linkSwitch({ kind: 'self' })).toBeNull();
  });

  it('names switches by the pair in order, and shows words with icons', () => {
    expect(linkSwitchLabel('cut', 3, 1)).toBe('Cut link between broker 1 and broker 3');
    expect(linkLook({ kind: 'cut', mode: 'blackhole' })).toMatchObject({ label: 'cut (blackhole)', icon: '✂' });
    expect(linkLook({ kind: 'connected' }).label).toBe('connected');
  });
});
