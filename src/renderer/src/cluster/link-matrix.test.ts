import { describe, expect, it } from 'vitest';
import type { EngineBrokerStatus } from '../../../shared/engine-types';
import { createFmt } from '../i18n/fmt';
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
    const en = createFmt('en');
    const ko = createFmt('ko');
    expect(linkSwitchLabel('cut', 3, 1, en)).toBe('Cut link between broker 1 and broker 3');
    expect(linkSwitchLabel('cut', 3, 1, ko)).toBe('브로커 1, 브로커 3 사이 링크 차단');
    expect(linkLook({ kind: 'cut', mode: 'blackhole' }, en)).toMatchObject({ label: 'cut (blackhole)', icon: '✂' });
    expect(linkLook({ kind: 'cut', mode: 'blackhole' }, ko).label).toBe('차단됨 (블랙홀)');
    expect(linkLook({ kind: 'connected' }, en).label).toBe('connected');
    expect(linkLook({ kind: 'down', brokers: [2, 3] }, en).label).toBe('brokers 2, 3 down');
    expect(linkLook({ kind: 'down', brokers: [2] }, en).label).toBe('broker 2 down');
  });
});
