import { describe, expect, it } from 'vitest';
import { CONSOLE_CHANNELS } from './console-api';
import { lagSeriesRequest, resetRequest } from './groups-validators';

const check = (value: unknown) => resetRequest(value, 'request');

describe('groups:reset request validator', () => {
  it('accepts each scenario with its own fields and keeps them typed', () => {
    const scope = { topics: [{ topic: 'orders', partitions: [0, 2] }] };
    expect(check({ group: 'g', spec: { kind: 'to-earliest' }, scope: { allTopics: true } })).toEqual({ group: 'g', spec: { kind: 'to-earliest' }, scope: { allTopics: true } });
    expect(check({ group: 'g', spec: { kind: 'shift-by', shift: -3 }, scope, execute: true }).spec).toEqual({ kind: 'shift-by', shift: -3 });
    expect(check({ group: 'g', spec: { kind: 'to-datetime', datetime: '2024-03-01T10:00:00.000+01:00' }, scope }).spec.kind).toBe('to-datetime');
    expect(check({ group: 'g', spec: { kind: 'by-duration', duration: 'PT30M' }, scope }).spec.kind).toBe('by-duration');
    // A plan names its own partitions: no scope needed.
    expect(check({ group: 'g', spec: { kind: 'from-file', entries: [{ topic: 'orders', partition: 1, offset: 7 }] } }).scope).toBeUndefined();
  });

  it.each([
    [{ group: '', spec: { kind: 'to-earliest' }, scope: { allTopics: true } }, /request\.group must have at least 1 character/],
    [{ group: 'g', spec: { kind: 'to-nowhere' }, scope: { allTopics: true } }, /request\.spec\.kind must be one of to-earliest/],
    [{ group: 'g', spec: { kind: 'to-offset' }, scope: { allTopics: true } }, /request\.spec\.offset is required/],
    [{ group: 'g', spec: { kind: 'to-offset', offset: -1 }, scope: { allTopics: true } }, /request\.spec\.offset must be between 0/],
    [{ group: 'g', spec: { kind: 'to-earliest', offset: 3 }, scope: { allTopics: true } }, /unknown field 'offset'/],
    [{ group: 'g', spec: { kind: 'to-datetime', datetime: 'yesterday' }, scope: { allTopics: true } }, /ISO 8601 date-time/],
    [{ group: 'g', spec: { kind: 'by-duration', duration: 'PT' }, scope: { allTopics: true } }, /ISO 8601 duration/],
    [{ group: 'g', spec: { kind: 'from-file', entries: [] } }, /request\.spec\.entries must have at least 1 item/],
    [{ group: 'g', spec: { kind: 'to-latest' } }, /request\.scope is required for to-latest/],
    [{ group: 'g', spec: { kind: 'to-latest' }, scope: { allTopics: false } }, /request\.scope\.allTopics must be true/],
    [{ group: 'g', spec: { kind: 'to-latest' }, scope: {} }, /allTopics: true \} or \{ topics/],
    [{ group: 'g', spec: { kind: 'to-latest' }, scope: { topics: [{ topic: 'bad topic' }] } }, /request\.scope\.topics\[0\]\.topic must be a Kafka topic name/],
    [{ group: 'g', spec: { kind: 'to-latest' }, scope: { topics: [{ topic: 't', partitions: [-1] }] } }, /partitions\[0\] must be between 0/],
    [{ group: 'g', spec: { kind: 'to-latest' }, scope: { allTopics: true }, execute: 'yes' }, /request\.execute must be true or false/],
  ])('refuses %j', (value, message) => {
    expect(() => check(value)).toThrow(message);
  });
});

describe('the other groups and lag validators', () => {
  it('lag:series takes an optional group and topic and a range up to one hour', () => {
    expect(lagSeriesRequest({ group: 'g', rangeMs: 300_000 }, 'request')).toEqual({ group: 'g', rangeMs: 300_000 });
    expect(() => lagSeriesRequest({ rangeMs: 3_600_001 }, 'request')).toThrow(/rangeMs must be between 1 and 3600000/);
    expect(() => lagSeriesRequest({}, 'request')).toThrow(/rangeMs is required/);
  });

  it('groups:delete-offsets needs a group and a legal topic', () => {
    const validate = CONSOLE_CHANNELS['groups:delete-offsets'].validate;
    expect(validate({ group: 'g', topic: 'orders' }, 'request')).toEqual({ group: 'g', topic: 'orders' });
    expect(() => validate({ group: 'g' }, 'request')).toThrow(/request\.topic is required/);
    expect(() => CONSOLE_CHANNELS['groups:describe'].validate({ group: 7 }, 'request')).toThrow(/request\.group must be a string/);
  });
});
