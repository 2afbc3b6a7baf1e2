import { describe, expect, it } from 'vitest';
import { resolveTarget, TargetError } from './targets';
import { partitionFor } from '../group/coordinator-partition';
import type { EngineClusterState, EnginePartitionStatus } from '../../shared/engine-types';

const part = (topic: string, partition: number, leader: number): EnginePartitionStatus => ({
  topic,
  topicId: 'x',
  partition,
  leader,
  leaderEpoch: 1,
  partitionEpoch: 1,
  replicas: [1, 2, 3],
  isr: [1, 2, 3],
  highWatermark: 0,
  replicaStatus: [],
});

function state(partitions: EnginePartitionStatus[]): EngineClusterState {
  return {
    clusterId: 'c',
    dataDir: '/d',
    metadataOffset: 0,
    sessionTimeoutMs: 2000,
    fsyncOnWrite: false,
    defaults: { replicationFactor: 3, minInsyncReplicas: 2 },
    brokers: [1, 2, 3].map((id) => ({ id, host: '127.0.0.1', port: 9000 + id, pid: null, state: 'running', pauseSimulated: false, network: { isolation: null, latency: { inMs: 0, outMs: 0 }, cutFrom: [] }, controller: null, rssBytes: null, dataBytes: 0 })),
    partitions,
    links: [],
  };
}

describe('resolveTarget', () => {
  const offsets = Array.from({ length: 50 }, (_, i) => part('__consumer_offsets', i, (i % 3) + 1));
  const s = state([part('orders', 0, 2), part('orders', 1, -1), ...offsets]);

  it('resolves brokers, current leaders and the coordinator of a group', () => {
    expect(resolveTarget({ kind: 'broker', id: 3 }, s, new Map())).toBe(3);
    expect(resolveTarget({ kind: 'leader', topic: 'orders', partition: 0 }, s, new Map())).toBe(2);
    const index = partitionFor('billing', 50);
    expect(resolveTarget({ kind: 'coordinator', group: 'billing' }, s, new Map())).toBe((index % 3) + 1);
    expect(resolveTarget({ kind: 'named', name: 'victim' }, s, new Map([['victim', 1]]))).toBe(1);
  });

  it('says why a target cannot be resolved right now', () => {
    expect(() => resolveTarget({ kind: 'leader', topic: 'orders', partition: 1 }, s, new Map())).toThrow(/orders-1 has no leader right now/);
    expect(() => resolveTarget({ kind: 'leader', topic: 'orders', partition: 7 }, s, new Map())).toThrow(/orders-7 does not exist/);
    expect(() => resolveTarget({ kind: 'broker', id: 9 }, s, new Map())).toThrow(TargetError);
    expect(() => resolveTarget({ kind: 'coordinator', group: 'g' }, state([]), new Map())).toThrow(/__consumer_offsets does not exist yet/);
    expect(() => resolveTarget({ kind: 'named', name: 'x' }, s, new Map())).toThrow(/\$x was not resolved/);
  });
});
