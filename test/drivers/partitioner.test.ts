import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from './partitioner';

describe('partitionForKey', () => {
  it('agrees with kafkajs DefaultPartitioner (Java-compatible murmur2) for keys of every length', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    for (const count of [1, 3, 4, 7, 50]) {
      const partitionMetadata = Array.from({ length: count }, (_, i) => ({ partitionId: i, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
      for (let n = 0; n < 300; n++) {
        const key = Buffer.from(`key-${n}-${'x'.repeat(n % 9)}`);
        expect(partitionForKey(key, count)).toBe(kafkajs({ topic: 't', partitionMetadata, message: { key, value: null } }));
      }
    }
  });

  it('hashes the empty key and rejects a bad partition count', () => {
    expect(murmur2(Buffer.alloc(0))).toBe(murmur2(Buffer.alloc(0)));
    expect(() => partitionForKey(Buffer.from('a'), 0)).toThrow(/positive/);
  });
});
