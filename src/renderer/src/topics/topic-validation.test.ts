import { describe, expect, it } from 'vitest';
import { validateCreateTopic, validateTopicName } from './topic-validation';

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
  ])('%j → %s', (name, message) => expect(validateTopicName(name, ctx.existing)).toBe(message));

  it('accepts legal names', () => {
    expect(validateTopicName('a'.repeat(249), [])).toBeUndefined();
    expect(validateTopicName('Orders-v2.eu_west', ctx.existing)).toBeUndefined();
  });
});

describe('validateCreateTopic', () => {
  it('builds the request, leaving blanks to the cluster defaults', () => {
    expect(validateCreateTopic({ name: ' payments ', partitions: '', replicationFactor: '' }, ctx)).toEqual({ request: { name: 'payments' }, errors: {} });
    expect(validateCreateTopic({ name: 'p', partitions: '6', replicationFactor: '3' }, ctx).request).toEqual({ name: 'p', partitions: 6, replicationFactor: 3 });
  });

  it('explains each bad field', () => {
    const { request, errors } = validateCreateTopic({ name: 'x', partitions: '0', replicationFactor: '1.5' }, ctx);
    expect(request).toBeNull();
    expect(errors).toEqual({ partitions: 'Partitions must be at least 1.', replicationFactor: 'Replication factor must be a whole number of at least 1.' });
    expect(validateCreateTopic({ name: 'x', partitions: '-2', replicationFactor: '' }, ctx).errors.partitions).toBe('Partitions must be a whole number of at least 1.');
    expect(validateCreateTopic({ name: 'x', partitions: '100001', replicationFactor: '' }, ctx).errors.partitions).toBe('Partitions can be at most 100,000.');
  });

  it('refuses a replication factor above the brokers that are up, unless unknown', () => {
    expect(validateCreateTopic({ name: 'x', partitions: '', replicationFactor: '4' }, ctx).errors.replicationFactor).toBe('Replication factor 4 needs 4 brokers; 3 are up.');
    expect(validateCreateTopic({ name: 'x', partitions: '', replicationFactor: '4' }, { ...ctx, brokersUp: null }).request).toEqual({ name: 'x', replicationFactor: 4 });
  });
});
