import { describe, expect, it } from 'vitest';
import { workloadCreateRequest, workloadHistoryRequest, workloadScaleRequest } from './workload-validators';

const producer = { kind: 'producer', topic: 'orders', ratePerSec: 100, keySpace: 10, keyDistribution: 'zipf', valueBytes: 64, acks: -1, idempotence: true, compression: 'lz4', partitioner: 'default' };
const group = { kind: 'consumer-group', topic: 'orders', groupId: 'g', members: 3, assignor: 'roundrobin', commitMode: 'at-least-once', processingMs: 5, failureRate: 0.1, autoOffsetReset: 'earliest' };

describe('workload request validators', () => {
  it('accepts a producer, a consumer group and a template', () => {
    expect(workloadCreateRequest({ spec: producer }, 'request')).toEqual({ spec: producer });
    expect(workloadCreateRequest({ spec: group, name: 'readers', start: false }, 'request')).toEqual({ spec: group, name: 'readers', start: false });
    expect(workloadCreateRequest({ template: 'partitions-4-members-6' }, 'request')).toEqual({ template: 'partitions-4-members-6' });
    expect(workloadCreateRequest({ template: 'two-groups-one-topic', runId: 'r1', role: 'audit-service' }, 'request')).toMatchObject({ role: 'audit-service' });
  });

  it('refuses what Kafka would refuse, naming the field', () => {
    expect(() => workloadCreateRequest({ spec: { ...producer, acks: 1 } }, 'request')).toThrow(/request\.spec\.idempotence needs acks -1/);
    expect(() => workloadCreateRequest({ spec: { ...producer, acks: 2 } }, 'request')).toThrow(/request\.spec\.acks must be 0, 1 or -1/);
    expect(() => workloadCreateRequest({ spec: { ...group, failureRate: 1.5 } }, 'request')).toThrow(/failureRate must be a number from 0 to 1/);
    expect(() => workloadCreateRequest({ spec: { ...group, commitMode: 'exactly-once' } }, 'request')).toThrow(/commitMode must be one of auto, at-least-once, at-most-once/);
    expect(() => workloadCreateRequest({ spec: { ...group, sessionTimeoutMs: 6000, heartbeatIntervalMs: 6000 } }, 'request')).toThrow(/heartbeatIntervalMs must be below/);
    expect(() => workloadCreateRequest({ spec: { ...group, extra: 1 } }, 'request')).toThrow(/unknown field 'extra'/);
    expect(() => workloadCreateRequest({ template: 'nope' }, 'request')).toThrow(/request\.template must be one of/);
    expect(() => workloadCreateRequest({ template: 'two-groups-one-topic', role: 'audit-service' }, 'request')).toThrow(/runId and request\.role go together/);
    expect(() => workloadCreateRequest({}, 'request')).toThrow(/\{ spec \} or \{ template \}/);
    expect(() => workloadScaleRequest({ id: 'w1', members: 65 }, 'request')).toThrow(/between 0 and 64/);
    expect(() => workloadHistoryRequest({ id: 'w1', kind: 'reads' }, 'request')).toThrow(/kind must be one of sends, processed/);
  });
});
