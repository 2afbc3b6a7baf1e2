import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../../shared/console-errors';
import { errorHint, toErrorBody } from './errors';

describe('toErrorBody', () => {
  it('keeps Kafka error names and turns other throws into INTERNAL_ERROR', () => {
    expect(toErrorBody(new ConsoleApiError('NOT_ENOUGH_REPLICAS', '1 in-sync replica, 2 required'))).toEqual({
      name: 'NOT_ENOUGH_REPLICAS',
      message: '1 in-sync replica, 2 required',
    });
    expect(toErrorBody({ name: 'TOPIC_ALREADY_EXISTS', message: 'x' }).name).toBe('TOPIC_ALREADY_EXISTS');
    expect(toErrorBody(new TypeError('boom'))).toEqual({ name: 'INTERNAL_ERROR', message: 'boom' });
    expect(toErrorBody('weird')).toEqual({ name: 'INTERNAL_ERROR', message: 'weird' });
  });

  it('has a hint for every error, specific where known', () => {
    expect(errorHint('INVALID_REPLICATION_FACTOR')).toMatch(/running brokers/);
    expect(errorHint('SOMETHING_NEW')).toMatch(/Retry/);
  });
});
