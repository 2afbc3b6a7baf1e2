import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatClock, formatCount, formatDuration, formatExact, formatMillis, formatRecordTime } from './format';

describe('formatCount', () => {
  it.each([
    [0, '0', '0'],
    [999, '999', '999'],
    [1000, '1K', '1천'],
    [1234, '1.2K', '1.2천'],
    // Korean counts in ten-thousands (만) and hundred-millions (억), as Korean readers do.
    [34_500_000, '34.5M', '3450만'],
    [345_000_000, '345M', '3.5억'],
    [999_960, '1M', '100만'],
    [1_200_000_000, '1.2B', '12억'],
    [-2500, '-2.5K', '-2.5천'],
  ])('%d → %s (en), %s (ko)', (n, en, ko) => {
    expect(formatCount(n, 'en')).toBe(en);
    expect(formatCount(n, 'ko')).toBe(ko);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B', '0B'],
    [1023, '1,023 B', '1,023B'],
    [1024, '1 KB', '1KB'],
    [36_175_872, '34.5 MB', '34.5MB'],
    [400 * 1024 * 1024, '400 MB', '400MB'],
    [1024 ** 4 * 2, '2 TB', '2TB'],
  ])('%d → %s (en), %s (ko): powers of 1024 with Kafka’s unit names', (n, en, ko) => {
    expect(formatBytes(n, 'en')).toBe(en);
    expect(formatBytes(n, 'ko')).toBe(ko);
  });
});

describe('formatExact, durations and times', () => {
  it('groups thousands as the locale does', () => {
    expect(formatExact(1_234_567, 'en')).toBe('1,234,567');
    expect(formatExact(1_234_567, 'ko')).toBe('1,234,567');
    expect(formatExact(1_234_567, 'de')).toBe('1.234.567');
    expect(formatExact(-1, 'en')).toBe('-1');
  });

  it('states milliseconds exactly, and durations in a readable unit', () => {
    expect(formatMillis(9000, 'en')).toBe('9,000 ms');
    expect(formatMillis(9000, 'ko')).toBe('9,000ms');
    expect(formatDuration(250, 'en')).toBe('250 ms');
    expect(formatDuration(9000, 'en')).toBe('9 sec');
    expect(formatDuration(9000, 'ko')).toBe('9초');
    expect(formatDuration(5 * 60_000, 'ko')).toBe('5분');
    expect(formatDuration(3 * 3_600_000, 'ko')).toBe('3시간');
  });

  it('says how long ago', () => {
    const now = 10_000_000;
    const cases: Array<[number, string, string]> = [
      [200, 'now', '지금'],
      [2_000, '2 sec. ago', '2초 전'],
      [5 * 60_000, '5 min. ago', '5분 전'],
      [3 * 3_600_000, '3 hr. ago', '3시간 전'],
      [4 * 86_400_000, '4 days ago', '4일 전'],
    ];
    for (const [ago, en, ko] of cases) {
      expect(formatAgo(now - ago, now, 'en')).toBe(en);
      expect(formatAgo(now - ago, now, 'ko')).toBe(ko);
    }
  });

  it('formats local time to the millisecond on a 24-hour clock', () => {
    const d = new Date(2024, 0, 2, 15, 4, 5, 67);
    expect(formatClock(d.getTime(), 'en')).toBe('15:04:05.067');
    expect(formatClock(d.getTime(), 'ko')).toBe('15:04:05.067');
  });
});

describe('formatRecordTime', () => {
  it('shows the clock for today and the day and time for older records', () => {
    const now = new Date(2024, 4, 9, 12, 0, 0).getTime();
    expect(formatRecordTime(new Date(2024, 4, 9, 8, 1, 2, 3).getTime(), now, 'en')).toBe('08:01:02.003');
    expect(formatRecordTime(new Date(2024, 4, 7, 8, 1, 2).getTime(), now, 'en')).toBe('05/07, 08:01:02');
    expect(formatRecordTime(new Date(2024, 4, 7, 8, 1, 2).getTime(), now, 'ko')).toMatch(/^05\. 07\. 08:01:02$/);
  });
});
