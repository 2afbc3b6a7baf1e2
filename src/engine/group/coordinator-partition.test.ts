import { describe, expect, it } from 'vitest';
import { javaStringHashCode, kafkaAbs, partitionFor } from './coordinator-partition';

describe('coordinator partition', () => {
  it('computes Java String.hashCode over UTF-16 code units', () => {
    expect(javaStringHashCode('')).toBe(0);
    expect(javaStringHashCode('a')).toBe(97);
    expect(javaStringHashCode('ab')).toBe(97 * 31 + 98);
    expect(javaStringHashCode('Aa')).toBe(javaStringHashCode('BB')); // Java's classic collision: 2112
    expect(javaStringHashCode('my-group')).toBe(-1906497762);
    expect(javaStringHashCode('group-😀')).toBe(508083057); // the emoji counts as two surrogate units
  });

  it("maps Integer.MIN_VALUE to 0 like Kafka's Utils.abs", () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(kafkaAbs(-2147483648)).toBe(0);
    expect(partitionFor('polygenelubricants', 50)).toBe(0);
    expect(partitionFor('polygenelubricants', 7)).toBe(0);
  });

  it('picks the __consumer_offsets partition', () => {
    // Values computed independently (Python, modular arithmetic) for the default 50 partitions.
    expect(partitionFor('my-group', 50)).toBe(12);
    expect(partitionFor('console-consumer-12345', 50)).toBe(6);
    expect(partitionFor('Ünïcödé', 50)).toBe(31);
    expect(partitionFor('a', 3)).toBe(1);
    expect(() => partitionFor('g', 0)).toThrow(RangeError);
  });
});
