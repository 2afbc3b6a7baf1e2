import { describe, expect, it } from 'vitest';
import type { MetadataDelta } from '../controller/metadata-delta';
import type { BrokerRegistration, PartitionRegistration } from '../controller/metadata-image';
import { ManualClock } from '../clock';
import { EngineEventLog, metadataEvents } from './engine-events';
import { NetworkFaults } from './network-faults';

const reg = (leader: number, isr: number[], leaderEpoch = 1): PartitionRegistration => ({ replicas: [1, 2, 3], isr, leader, leaderEpoch, partitionEpoch: leaderEpoch });
const broker = (id: number, epoch: number, fenced: boolean): BrokerRegistration => ({ brokerId: id, incarnationId: `i${epoch}`, brokerEpoch: epoch, endpoints: [], rack: null, fenced });

function delta(parts: Partial<MetadataDelta>): MetadataDelta {
  return { fromOffset: 0, toOffset: 1, clusterIdChanged: false, createdTopics: [], deletedTopics: [], partitionChanges: [], configChanges: [], brokerChanges: [], producerIdsChanged: false, ...parts };
}

describe('metadataEvents', () => {
  it('tells leader changes, ISR shrink and expand, fencing and registration', () => {
    const events = metadataEvents(
      delta({
        partitionChanges: [
          { topicId: 't', topicName: 'orders', partitionId: 0, before: reg(2, [1, 2, 3]), after: reg(1, [1, 3], 2), leaderChanged: true },
          { topicId: 't', topicName: 'orders', partitionId: 1, before: reg(1, [1]), after: reg(1, [1, 2]), leaderChanged: false },
          { topicId: 't', topicName: 'orders', partitionId: 2, before: null, after: reg(1, [1, 2, 3]), leaderChanged: true },
        ],
        brokerChanges: [
          { brokerId: 2, before: broker(2, 5, false), after: broker(2, 5, true) },
          { brokerId: 3, before: broker(3, 4, true), after: broker(3, 9, true) },
        ],
      }),
    );
    expect(events.map((e) => [e.kind, e.message])).toEqual([
      ['broker-fenced', 'broker 2 fenced by the controller'],
      ['broker-registered', 'broker 3 registered (epoch 9)'],
      ['leader-change', 'orders-0: leader 2 → 1 (epoch 2)'],
      ['isr-shrink', 'orders-0: ISR shrank to [1, 3], without 2'],
      ['isr-expand', 'orders-1: ISR expanded to [1, 2], with 2'],
    ]);
  });

  it('keeps a bounded ring with increasing sequence numbers', () => {
    const log = new EngineEventLog(new ManualClock(1000), 3);
    const seen: number[] = [];
    log.subscribe((e) => seen.push(e.seq));
    for (let i = 0; i < 5; i++) log.append({ kind: 'fault', action: 'kill', brokers: [1], detail: null, message: `m${i}` });
    expect(log.since(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.since(4).map((e) => e.message)).toEqual(['m4']);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('NetworkFaults', () => {
  it('builds each broker its own table, and heal clears a broker’s isolation, latency and links', () => {
    const n = new NetworkFaults();
    n.isolate(2, 'reset');
    n.setLatency(2, { inMs: 10, outMs: 20 });
    n.cut(3, 1, 'blackhole');
    n.cut(2, 3, 'reset');
    const ports = [1, 2, 3].map((brokerId) => ({ brokerId, port: 9090 + brokerId }));
    expect(n.tableFor(3, ports, 9000)).toEqual({
      isolation: null,
      latency: { inMs: 0, outMs: 0 },
      cuts: [{ brokerId: 1, mode: 'blackhole' }, { brokerId: 2, mode: 'reset' }],
      brokerPorts: [{ brokerId: 1, port: 9091 }, { brokerId: 2, port: 9092 }],
      controllerPort: 9000,
    });
    expect(n.heal(2).sort()).toEqual([2, 3]);
    expect(n.tableFor(2, ports, 9000)).toMatchObject({ isolation: null, latency: { inMs: 0, outMs: 0 }, cuts: [] });
    expect(n.links()).toEqual([{ a: 1, b: 3, mode: 'blackhole' }]);
  });
});
