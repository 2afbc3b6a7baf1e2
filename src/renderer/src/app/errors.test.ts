import { describe, expect, it } from 'vitest';
import { ConsoleApiError } from '../../../shared/console-errors';
import { createFmt } from '../i18n/fmt';
import { errorHint, errorMeaning, EXPLAINED_ERRORS, toErrorBody } from './errors';

const en = createFmt('en');
const ko = createFmt('ko');

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
    expect(errorHint('INVALID_REPLICATION_FACTOR', en)).toMatch(/running brokers/);
    expect(errorHint('SOMETHING_NEW', en)).toMatch(/Retry/);
    expect(errorHint('INVALID_REPLICATION_FACTOR', ko)).toMatch(/복제 팩터/);
    expect(errorHint('SOMETHING_NEW', ko)).toMatch(/다시 시도/);
  });

  it('explains every error name it knows in both languages, keeping Kafka config names as Kafka writes them', () => {
    for (const name of EXPLAINED_ERRORS) {
      expect(errorMeaning(name, en)).not.toBe(errorMeaning('SOMETHING_NEW', en));
      expect(errorMeaning(name, ko)).toMatch(/[\uac00-\ud7a3]/);
      expect(errorHint(name, ko)).toMatch(/[\uac00-\ud7a3]/);
    }
    expect(errorHint('NOT_ENOUGH_REPLICAS', ko)).toContain('min.insync.replicas');
    expect(errorMeaning('NOT_ENOUGH_REPLICAS', ko)).toBe('동기화된 복제본(ISR)이 부족함');
  });
});
