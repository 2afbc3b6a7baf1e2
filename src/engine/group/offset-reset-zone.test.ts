// to-datetime with a time zone (issue 13 §2): the wall-clock time in the zone, its DST offset at that
// instant, an explicit offset kept, and an unknown zone refused.
import { describe, expect, it } from 'vitest';
import { OffsetResetError, parseResetDateTimeIn } from './offset-reset-spec';

describe('parseResetDateTimeIn', () => {
  it.each([
    ['2024-07-01T12:00:00', 'Europe/Paris', '2024-07-01T10:00:00.000Z'],
    ['2024-01-15T12:00:00', 'Europe/Paris', '2024-01-15T11:00:00.000Z'],
    ['2024-01-15T12:00:00.250', 'Asia/Kolkata', '2024-01-15T06:30:00.250Z'],
    ['2024-03-10T12:00:00', 'America/New_York', '2024-03-10T16:00:00.000Z'],
    ['2024-07-01T12:00:00+05:00', 'Europe/Paris', '2024-07-01T07:00:00.000Z'],
    ['2024-07-01T12:00:00', undefined, '2024-07-01T12:00:00.000Z'],
  ])('%s in %s is %s', (text, zone, iso) => {
    expect(new Date(parseResetDateTimeIn(text, zone)).toISOString()).toBe(iso);
  });

  it('refuses an unknown zone by name', () => {
    expect(() => parseResetDateTimeIn('2024-07-01T12:00:00', 'Mars/Olympus')).toThrow(OffsetResetError);
    expect(() => parseResetDateTimeIn('2024-07-01T12:00:00', 'Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});
