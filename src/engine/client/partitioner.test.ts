import { describe, expect, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import { murmur2 as referenceMurmur2 } from '../../../test/drivers/partitioner';
import { murmur2, partitionForKey } from './partitioner';

describe('murmur2 partitioner', () => {
  test("matches the values in Kafka's own UtilsTest", () => {
    const cases: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of cases) expect(murmur2(Buffer.from(key)), key).toBe(hash);
  });

  test('agrees with the test drivers implementation on random keys of every length class', () => {
    for (let i = 0; i < 500; i++) {
      const key = randomBytes(i % 37);
      expect(murmur2(key)).toBe(referenceMurmur2(key));
    }
  });

  test('maps to a non-negative partition and rejects a bad count', () => {
    for (let i = 0; i < 200; i++) {
      const p = partitionForKey(randomBytes(8), 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
    }
    expect(() => partitionForKey(Buffer.from('k'), 0)).toThrow(RangeError);
  });
});
