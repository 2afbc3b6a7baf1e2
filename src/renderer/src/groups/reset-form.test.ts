import { describe, expect, it } from 'vitest';
import { scopeOf, specOf, type ResetForm } from './reset-form';

const base: ResetForm = { scope: 'all', topics: [], partitions: [], strategy: 'to-earliest', offset: '0', shift: '-10', datetime: '', timeZone: 'Asia/Seoul', duration: 'PT1H', csv: '', fromGroup: '' };

describe('the reset wizard form as a groups:reset request', () => {
  it('scopes all topics, chosen topics, or chosen partitions grouped per topic', () => {
    expect(scopeOf(base)).toEqual({ allTopics: true });
    expect(scopeOf({ ...base, scope: 'topics' })).toBeNull();
    expect(scopeOf({ ...base, scope: 'topics', topics: ['a.b'] })).toEqual({ topics: [{ topic: 'a.b' }] });
    expect(scopeOf({ ...base, scope: 'partitions', partitions: ['t:2', 'u:0', 't:0'] })).toEqual({ topics: [{ topic: 't', partitions: [0, 2] }, { topic: 'u', partitions: [0] }] });
  });

  it('sends the date-time with its zone, seconds added when the picker leaves them out', () => {
    expect(specOf({ ...base, strategy: 'to-datetime', datetime: '2026-12-08T09:30' }, 'g')).toEqual({ spec: { kind: 'to-datetime', datetime: '2026-12-08T09:30:00', timeZone: 'Asia/Seoul' } });
    expect(specOf({ ...base, strategy: 'to-datetime', datetime: '2026-12-08T09:30:15' }, 'g')).toEqual({ spec: { kind: 'to-datetime', datetime: '2026-12-08T09:30:15', timeZone: 'Asia/Seoul' } });
    expect(specOf({ ...base, strategy: 'to-datetime', datetime: '' }, 'g')).toEqual({ problem: 'datetime' });
  });

  it('refuses a shift or offset that is not a whole number and reads CSV as the CLI does', () => {
    expect(specOf({ ...base, strategy: 'shift-by', shift: '-10' }, 'g')).toEqual({ spec: { kind: 'shift-by', shift: -10 } });
    expect(specOf({ ...base, strategy: 'shift-by', shift: '1.5' }, 'g')).toEqual({ problem: 'shift' });
    expect(specOf({ ...base, strategy: 'to-offset', offset: '-1' }, 'g')).toEqual({ problem: 'offset' });
    expect(specOf({ ...base, strategy: 'from-file', csv: 't,0,5\nt,1,7\n' }, 'g')).toEqual({ spec: { kind: 'from-file', entries: [{ topic: 't', partition: 0, offset: 5 }, { topic: 't', partition: 1, offset: 7 }] } });
    expect(specOf({ ...base, strategy: 'from-file', csv: 't,0\n' }, 'g')).toMatchObject({ problem: 'csv', detail: expect.stringMatching(/line 1/) });
    expect(specOf({ ...base, strategy: 'from-group', fromGroup: ' other ' }, 'g')).toEqual({ spec: { kind: 'from-group', group: 'other' } });
  });
});
