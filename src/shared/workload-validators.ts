// Request validators of the workloads:* channels. A workload spec is a tagged union (producer or
// consumer group) and a create request is either a spec or a template, which object() alone cannot
// express; the rules that tie fields together (idempotence needs acks -1) are checked here too.
import { groupId, groupTopicName } from './groups-validators';
import { bool, int, object, oneOf, optional, RequestValidationError, str, type Validator } from './validate';
import {
  COMMIT_MODES,
  KEY_DISTRIBUTIONS,
  WORKLOAD_ASSIGNORS,
  WORKLOAD_COMPRESSIONS,
  WORKLOAD_HISTORY_KINDS,
  WORKLOAD_PARTITIONERS,
  WORKLOAD_TEMPLATE_IDS,
  type ConsumerGroupWorkloadSpec,
  type ProducerWorkloadSpec,
  type WorkloadAcks,
  type WorkloadCreateRequest,
  type WorkloadHistoryRequest,
  type WorkloadIdRequest,
  type WorkloadMemberRequest,
  type WorkloadScaleRequest,
  type WorkloadSpec,
} from './workload-types';

export const MAX_WORKLOAD_MEMBERS = 64;
export const MAX_WORKLOAD_RATE = 50_000;

const workloadId = str({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, patternText: 'a workload id' });
const workloadName = str({ minLength: 1, maxLength: 200 });
const roleName = str({ minLength: 1, maxLength: 64, pattern: /^[a-z0-9-]+$/, patternText: 'a template role such as "audit-service"' });

const acks: Validator<WorkloadAcks> = (value, path) => {
  if (value === 0 || value === 1 || value === -1) return value;
  throw new RequestValidationError(`${path} must be 0, 1 or -1, got ${JSON.stringify(value)}`);
};

/** A probability: a number from 0 to 1 inclusive. */
const probability: Validator<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new RequestValidationError(`${path} must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  }
  return value;
};

function literal<T extends string>(expected: T): Validator<T> {
  return (value, path) => {
    if (value !== expected) throw new RequestValidationError(`${path} must be ${JSON.stringify(expected)}`);
    return expected;
  };
}

const producerShape = object({
  kind: literal('producer'),
  topic: groupTopicName,
  ratePerSec: int(1, MAX_WORKLOAD_RATE),
  keySpace: int(0, 10_000_000),
  keyDistribution: oneOf(KEY_DISTRIBUTIONS),
  valueBytes: int(16, 1_048_576),
  acks,
  idempotence: bool,
  compression: oneOf(WORKLOAD_COMPRESSIONS),
  partitioner: oneOf(WORKLOAD_PARTITIONERS),
  maxRecords: optional(int(1, Number.MAX_SAFE_INTEGER)),
});

const groupShape = object({
  kind: literal('consumer-group'),
  topic: groupTopicName,
  groupId,
  members: int(0, MAX_WORKLOAD_MEMBERS),
  assignor: oneOf(WORKLOAD_ASSIGNORS),
  commitMode: oneOf(COMMIT_MODES),
  processingMs: int(0, 60_000),
  failureRate: probability,
  autoOffsetReset: oneOf(['earliest', 'latest'] as const),
  // Kafka's group.min/max.session.timeout.ms defaults bound these on the broker; the engine's are wider for tests.
  sessionTimeoutMs: optional(int(1_000, 1_800_000)),
  heartbeatIntervalMs: optional(int(100, 600_000)),
  autoCommitIntervalMs: optional(int(100, 600_000)),
  restartAfterFailureMs: optional(int(0, 600_000)),
});

export const workloadSpec: Validator<WorkloadSpec> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  const kind = oneOf(['producer', 'consumer-group'] as const)((value as { kind?: unknown }).kind, `${path}.kind`);
  if (kind === 'producer') {
    const spec: ProducerWorkloadSpec = producerShape(value, path);
    if (spec.idempotence && spec.acks !== -1) throw new RequestValidationError(`${path}.idempotence needs acks -1 (all), as Kafka requires`);
    return spec;
  }
  const spec: ConsumerGroupWorkloadSpec = groupShape(value, path);
  if (spec.heartbeatIntervalMs !== undefined && spec.heartbeatIntervalMs >= (spec.sessionTimeoutMs ?? 10_000)) {
    throw new RequestValidationError(`${path}.heartbeatIntervalMs must be below the session timeout, as Kafka requires`);
  }
  return spec;
};

const fromSpec = object({ spec: workloadSpec, name: optional(workloadName), start: optional(bool) });
const fromTemplate = object({ template: oneOf(WORKLOAD_TEMPLATE_IDS), runId: optional(workloadId), role: optional(roleName) });

export const workloadCreateRequest: Validator<WorkloadCreateRequest> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  if ('template' in value) {
    const req = fromTemplate(value, path);
    if ((req.runId === undefined) !== (req.role === undefined)) throw new RequestValidationError(`${path}.runId and ${path}.role go together (a template's later workload)`);
    return req;
  }
  if ('spec' in value) return fromSpec(value, path);
  throw new RequestValidationError(`${path} must be { spec } or { template }`);
};

export const workloadIdRequest: Validator<WorkloadIdRequest> = object({ id: workloadId });
export const workloadScaleRequest: Validator<WorkloadScaleRequest> = object({ id: workloadId, members: int(0, MAX_WORKLOAD_MEMBERS) });
export const workloadMemberRequest: Validator<WorkloadMemberRequest> = object({ id: workloadId, member: int(0, 1_000_000) });
export const workloadHistoryRequest: Validator<WorkloadHistoryRequest> = object({
  id: workloadId,
  kind: oneOf(WORKLOAD_HISTORY_KINDS),
  afterSeq: optional(int(0, Number.MAX_SAFE_INTEGER)),
  limit: optional(int(1, 100_000)),
});
