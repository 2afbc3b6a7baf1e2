import { describe, expect, it } from 'vitest';
import type { BrokerView } from '../../../shared/console-types';
import type { EngineBrokerStatus, EngineClusterState } from '../../../shared/engine-types';
import { createFmt } from '../i18n/fmt';
import { brokerRows, networkText } from './broker-rows';

const view = (id: number, state: BrokerView['state'] = 'running'): BrokerView => ({ id, host: '127.0.0.1', port: 9000 + id, rack: null, state, registered: true });
const status = (id: number, over: Partial<EngineBrokerStatus['network']> = {}, state: EngineBrokerStatus['state'] = 'running'): EngineBrokerStatus => ({
  id,
  host: '127.0.0.1',
  port: 9000 + id,
  pid: 100 + id,
  state,
  pauseSimulated: false,
  network: { isolation: null, latency: { inMs: 0, outMs: 0 }, cutFrom: [], ...over },
  controller: { registered: true, fenced: false, brokerEpoch: id },
  rssBytes: 60_000_000,
  dataBytes: 4096,
});

describe('brokerRows', () => {
  it('uses the Kafka view alone for an external cluster', () => {
    const rows = brokerRows([view(1, 'online')], null);
    expect(rows[0]).toMatchObject({ id: 1, state: 'online', engine: null, leads: null, networkFaulted: null });
  });

  it('joins the engine view: its state, network faults and leaderships', () => {
    const engine = {
      brokers: [status(1), status(2, { latency: { inMs: 50, outMs: 50 } }, 'paused')],
      partitions: [
        { leader: 1, replicas: [1, 2], isr: [1, 2] },
        { leader: 1, replicas: [1, 2], isr: [1] },
        { leader: -1, replicas: [2], isr: [] },
      ],
    } as unknown as EngineClusterState;
    const rows = brokerRows([view(1), view(2)], engine);
    expect(rows.map((r) => [r.id, r.state, r.leads, r.replicas, r.underReplicated, r.networkFaulted])).toEqual([
      [1, 'running', 2, 2, 1, false],
      [2, 'paused', 0, 3, 2, true],
    ]);
  });

  it('describes network faults in words', () => {
    const en = createFmt('en');
    const ko = createFmt('ko');
    expect(networkText(status(1), en)).toBe('normal');
    expect(networkText(status(1), ko)).toBe('정상');
    const faulty = status(1, { isolation: 'blackhole', cutFrom: [2, 3], latency: { inMs: 10, outMs: 20 } });
    expect(networkText(faulty, en)).toBe('isolated (blackhole); +10 ms in, +20 ms out; cut from 2, 3');
    expect(networkText(faulty, ko)).toBe('격리됨 (블랙홀); 수신 +10ms, 송신 +20ms; 링크 차단: 브로커 2, 3');
    expect(networkText(status(1, { latency: { inMs: 1500, outMs: 1500 } }), en)).toBe('+1,500 ms');
  });
});
