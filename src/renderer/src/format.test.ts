import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatCount, formatExact } from './format';

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1 K'],
    [1234, '1.2 K'],
    [34_500_000, '34.5 M'],
    [345_000_000, '345 M'],
    [999_960, '1 M'],
    [1_200_000_000, '1.2 B'],
    [-2500, '-2.5 K'],
  ])('%d → %s', (n, text) => expect(formatCount(n)).toBe(text));
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [36_175_872, '34.5 MB'],
    [1024 ** 4 * 2, '2 TB'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});

describe('formatExact and formatAgo', () => {
  it('groups thousands', () => {
    expect(formatExact(1_234_567)).toBe('1,234,567');
    expect(formatExact(-1)).toBe('-1');
  });

  it('says how long ago', () => {
    const now = 10_000_000;
    expect(formatAgo(now - 200, now)).toBe('just now');
    expect(formatAgo(now - 2_000, now)).toBe('2 s ago');
    expect(formatAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 4 * 86_400_000, now)).toBe('4 d ago');
  });
});
