import { describe, expect, it } from 'vitest';
import { createFmt } from '../i18n/fmt';
import { validateCreateTopic, validateTopicName } from './topic-validation';

const en = createFmt('en');
const ko = createFmt('ko');

const ctx = { existing: ['orders', 'metrics.cpu'], brokersUp: 3 };

describe('validateTopicName', () => {
  it.each([
    ['', 'Enter a topic name.'],
    ['.', 'A topic cannot be named "." or "..".'],
    ['..', 'A topic cannot be named "." or "..".'],
    ['a'.repeat(250), 'Topic names are at most 249 characters (this one has 250).'],
    ['my topic/x', 'Use only letters, digits, ".", "_" and "-" (not space, "/").'],
    ['orders', 'A topic named "orders" already exists.'],
    ['metrics_cpu', '"metrics_cpu" collides with the existing topic "metrics.cpu": Kafka treats "." and "_" alike.'],
  ])('%j → %s', (name, message) => expect(validateTopicName(name, ctx.existing, en)).toBe(message));

  it('speaks Korean, keeping Kafka’s characters and names', () => {
    expect(validateTopicName('', [], ko)).toBe('토픽 이름을 입력하세요.');
    expect(validateTopicName('my topic/x', [], ko)).toBe('영문자, 숫자, ".", "_", "-"만 쓰세요 (공백, "/" 사용 불가).');
    expect(validateCreateTopic({ name: 'x', partitions: '', replicationFactor: '4' }, ctx, ko).errors.replicationFactor).toBe('복제 팩터 4에는 브로커 4개가 필요하지만 3개만 실행 중입니다.');
  });

  it('accepts legal names', () => {
    expect(validateTopicName('a'.repeat(249), [], en)).toBeUndefined();
    expect(validateTopicName('Orders-v2.eu_west', ctx.existing, en)).toBeUndefined();
  });
});

describe('validateCreateTopic', () => {
  it('builds the request, leaving blanks to the cluster defaults', () => {
    expect(validateCreateTopic({ name: ' payments ', partitions: '', replicationFactor: '' }, ctx, en)).toEqual({ request: { name: 'payments' }, errors: {} });
    expect(validateCreateTopic({ name: 'p', partitions: '6', replicationFactor: '3' }, ctx, en).request).toEqual({ name: 'p', partitions: 6, replicationFactor: 3 });
  });

  it('explains each bad field', () => {
    const { request, errors } = validateCreateTopic({ name: 'x', partitions: '0', replicationFactor: '1.5' }, ctx, en);
    expect(request).toBeNull();
    expect(errors).toEqual({ partitions: 'Partitions must be at least 1.', replicationFactor: 'Replication factor must be a whole number of at least 1.' });
    expect(validateCreateTopic({ name: 'x', partitions: '-2', replicationFactor: '' }, ctx, en).errors.partitions).toBe('Partitions must be a whole number of at least 1.');
    expect(validateCreateTopic({ name: 'x', partitions: '100001', replicationFactor: '' }, ctx, en).errors.partitions).toBe('Partitions can be at most 100,000.');
  });

  it('refuses a replication factor above the brokers that are up, unless unknown', () => {
    expect(validateCreateTopic({ name: 'x', partitions: '', replicationFactor: '4' }, ctx, en).errors.replicationFactor).toBe('Replication factor 4 needs 4 brokers; 3 are up.');
    expect(validateCreateTopic({ name: 'x', partitions: '', replicationFactor: '4' }, { ...ctx, brokersUp: null }, en).request).toEqual({ name: 'x', replicationFactor: 4 });
  });
});
