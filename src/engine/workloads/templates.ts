// The seed's whiteboard drawings as one-click templates (issue 14 §3). Sessions are Kafka's
// shortest legal ones (group.min.session.timeout.ms = 6 s) so a crash is taken over within seconds;
// the range assignor makes the drawing's prediction exact (4 partitions over 6 members: 1,1,1,1,0,0).
import type { ConsumerGroupWorkloadSpec, ProducerWorkloadSpec, WorkloadTemplate, WorkloadTemplateId } from '../../shared/workload-types';

export const TEMPLATE_SESSION_TIMEOUT_MS = 6_000;
export const TEMPLATE_HEARTBEAT_MS = 1_000;

function producer(topic: string, overrides: Partial<ProducerWorkloadSpec> = {}): ProducerWorkloadSpec {
  return { kind: 'producer', topic, ratePerSec: 20, keySpace: 100, keyDistribution: 'uniform', valueBytes: 100, acks: -1, idempotence: true, compression: 'none', partitioner: 'default', ...overrides };
}

function group(topic: string, groupId: string, members: number, overrides: Partial<ConsumerGroupWorkloadSpec> = {}): ConsumerGroupWorkloadSpec {
  return {
    kind: 'consumer-group',
    topic,
    groupId,
    members,
    assignor: 'range',
    commitMode: 'auto',
    processingMs: 5,
    failureRate: 0,
    autoOffsetReset: 'earliest',
    sessionTimeoutMs: TEMPLATE_SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: TEMPLATE_HEARTBEAT_MS,
    autoCommitIntervalMs: 1_000,
    ...overrides,
  };
}

/** Partitions per member once stable, as range spreads `partitions` over `members` (sorted descending). */
export function predictedSpread(partitions: number, members: number): number[] {
  return Array.from({ length: members }, (_, i) => Math.floor(partitions / members) + (i < partitions % members ? 1 : 0));
}

function spread(role: string, partitions: number, members: number): WorkloadTemplate['expect'] {
  const perMember = predictedSpread(partitions, members);
  return { partitionsPerMember: { [role]: perMember }, idleMembers: { [role]: perMember.filter((n) => n === 0).length } };
}

function partitionsOverMembers(id: WorkloadTemplateId, members: number): WorkloadTemplate {
  const topic = `orders-4x${members}`;
  return {
    id,
    topic: { name: topic, partitions: 4, replicationFactor: -1 },
    workloads: [
      { role: 'producer', spec: producer(topic) },
      { role: 'consumers', spec: group(topic, `orders-4x${members}-group`, members) },
    ],
    later: [],
    expect: spread('consumers', 4, members),
  };
}

/** The delivery-semantics template's failures: every 100th record handled, 200 records, so 2 of each: each stalls its group for about a session timeout (deterministic spacing). */
export const DELIVERY_RECORDS = 200;
export const DELIVERY_FAILURE_RATE = 0.01;

export const WORKLOAD_TEMPLATES: readonly WorkloadTemplate[] = [
  partitionsOverMembers('partitions-4-members-2', 2),
  partitionsOverMembers('partitions-4-members-4', 4),
  partitionsOverMembers('partitions-4-members-6', 6),
  {
    id: 'two-groups-one-topic',
    topic: { name: 'order-completed', partitions: 4, replicationFactor: -1 },
    workloads: [
      { role: 'producer', spec: producer('order-completed', { ratePerSec: 10, keySpace: 50 }) },
      // Different processing times, so each group is visibly at its own offset.
      { role: 'product-service', spec: group('order-completed', 'product-service', 2, { processingMs: 5 }) },
      { role: 'payment-service', spec: group('order-completed', 'payment-service', 2, { processingMs: 150 }) },
    ],
    later: [{ role: 'audit-service', spec: group('order-completed', 'audit-service', 1, { autoOffsetReset: 'earliest' }) }],
    expect: {
      partitionsPerMember: { 'product-service': [2, 2], 'payment-service': [2, 2], 'audit-service': [4] },
      idleMembers: { 'product-service': 0, 'payment-service': 0, 'audit-service': 0 },
    },
  },
  {
    id: 'member-crash',
    topic: { name: 'orders-crash', partitions: 4, replicationFactor: -1 },
    workloads: [
      { role: 'producer', spec: producer('orders-crash') },
      { role: 'consumers', spec: group('orders-crash', 'orders-crash-group', 2) },
    ],
    later: [],
    // Before the crash; after it (and the session timeout) the survivor holds all 4.
    expect: spread('consumers', 4, 2),
  },
  {
    id: 'delivery-semantics',
    topic: { name: 'payments', partitions: 4, replicationFactor: -1 },
    workloads: [
      { role: 'producer', spec: producer('payments', { ratePerSec: 100, maxRecords: DELIVERY_RECORDS }) },
      {
        role: 'at-least-once',
        spec: group('payments', 'payments-at-least-once', 2, { commitMode: 'at-least-once', failureRate: DELIVERY_FAILURE_RATE, restartAfterFailureMs: 0, processingMs: 2 }),
      },
      {
        role: 'at-most-once',
        spec: group('payments', 'payments-at-most-once', 2, { commitMode: 'at-most-once', failureRate: DELIVERY_FAILURE_RATE, restartAfterFailureMs: 0, processingMs: 2 }),
      },
    ],
    later: [],
    expect: { partitionsPerMember: { 'at-least-once': [2, 2], 'at-most-once': [2, 2] }, idleMembers: { 'at-least-once': 0, 'at-most-once': 0 } },
  },
];

export function templateById(id: WorkloadTemplateId): WorkloadTemplate {
  const t = WORKLOAD_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new RangeError(`unknown template ${id}`);
  return t;
}
