import { describe, expect, it } from 'vitest';
import { ReplicaPlacementError, placeReplicas } from './replica-placer';

const brokers = (ids: number[], fenced: number[] = []) => ids.map((id) => ({ id, fenced: fenced.includes(id) }));

describe('placeReplicas', () => {
  it('spreads preferred leaders round-robin from a random start, with distinct replicas', () => {
    for (const r of [0, 0.3, 0.6, 0.99]) {
      const placed = placeReplicas({ startPartition: 0, numPartitions: 12, replicationFactor: 3 }, brokers([3, 1, 2, 4]), () => r);
      const leaders = placed.map((p) => p[0]);
      for (let i = 1; i < leaders.length; i++) expect(leaders[i]).toBe([1, 2, 3, 4][([1, 2, 3, 4].indexOf(leaders[0]) + i) % 4]);
      for (const p of placed) expect(new Set(p).size).toBe(3);
    }
  });

  it('continues the rotation when partitions are added', () => {
    const first = placeReplicas({ startPartition: 0, numPartitions: 3, replicationFactor: 1 }, brokers([1, 2, 3]), () => 0);
    const more = placeReplicas({ startPartition: 3, numPartitions: 3, replicationFactor: 1 }, brokers([1, 2, 3]), () => 0);
    expect([...first, ...more].map((p) => p[0])).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('uses fenced brokers only when it must, and never as preferred leader', () => {
    const placed = placeReplicas({ startPartition: 0, numPartitions: 4, replicationFactor: 3 }, brokers([1, 2, 3], [3]), () => 0.5);
    for (const p of placed) {
      expect(p[0]).not.toBe(3);
      expect(p[2]).toBe(3);
    }
    const spare = placeReplicas({ startPartition: 0, numPartitions: 4, replicationFactor: 2 }, brokers([1, 2, 3], [3]), () => 0.5);
    for (const p of spare) expect(p).not.toContain(3);
  });

  it('refuses what cannot be placed, in Kafka words', () => {
    expect(() => placeReplicas({ startPartition: 0, numPartitions: 1, replicationFactor: 4 }, brokers([1, 2, 3]), Math.random))
      .toThrow(new ReplicaPlacementError('The target replication factor of 4 cannot be reached because only 3 broker(s) are registered.'));
    expect(() => placeReplicas({ startPartition: 0, numPartitions: 1, replicationFactor: 1 }, brokers([1], [1]), Math.random))
      .toThrow('All brokers are currently fenced.');
  });
});
