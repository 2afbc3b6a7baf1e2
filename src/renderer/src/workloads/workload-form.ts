// The create-workload form's checks. Whether a field is acceptable is decided by the contract's own
// validator (workloadSpec): each field is tried in an otherwise valid spec, so the form and the
// engine can never disagree. The message then says, in the console's language, what the range is
// (FIELD_LIMITS, which workload-form.test.ts checks against the validator's boundaries).
import { RequestValidationError } from '../../../shared/validate';
import { MAX_WORKLOAD_MEMBERS, MAX_WORKLOAD_RATE, workloadSpec } from '../../../shared/workload-validators';
import type {
  CommitMode,
  ConsumerGroupWorkloadSpec,
  KeyDistribution,
  ProducerWorkloadSpec,
  WorkloadAssignor,
  WorkloadCompression,
  WorkloadKind,
  WorkloadPartitioner,
  WorkloadSpec,
} from '../../../shared/workload-types';
import { formatExact } from '../format';
import type { Fmt } from '../i18n/fmt';

export interface WorkloadFormInput {
  kind: WorkloadKind;
  name: string;
  topic: string;
  // Producer
  ratePerSec: string;
  keySpace: string;
  keyDistribution: KeyDistribution;
  valueBytes: string;
  acks: '0' | '1' | '-1';
  idempotence: boolean;
  compression: WorkloadCompression;
  partitioner: WorkloadPartitioner;
  maxRecords: string;
  // Consumer group
  groupId: string;
  members: string;
  assignor: WorkloadAssignor;
  commitMode: CommitMode;
  processingMs: string;
  /** Percent (0–100), as people say it; the spec takes 0–1. */
  failurePercent: string;
  autoOffsetReset: 'earliest' | 'latest';
  /** Seconds; '' = the engine's default (10 s). */
  sessionTimeoutSec: string;
  start: boolean;
}

export type WorkloadField = 'name' | 'topic' | 'ratePerSec' | 'keySpace' | 'valueBytes' | 'idempotence' | 'maxRecords' | 'groupId' | 'members' | 'processingMs' | 'failurePercent' | 'sessionTimeoutSec';
export type WorkloadFormErrors = Partial<Record<WorkloadField, string>>;

/** The ranges the messages state; workload-form.test.ts proves each against the shared validator. */
export const FIELD_LIMITS = {
  ratePerSec: { min: 1, max: MAX_WORKLOAD_RATE },
  keySpace: { min: 0, max: 10_000_000 },
  valueBytes: { min: 16, max: 1_048_576 },
  maxRecords: { min: 1, max: Number.MAX_SAFE_INTEGER },
  members: { min: 0, max: MAX_WORKLOAD_MEMBERS },
  processingMs: { min: 0, max: 60_000 },
  failurePercent: { min: 0, max: 100 },
  sessionTimeoutSec: { min: 1, max: 1_800 },
  topic: { max: 249 },
  name: { max: 200 },
} as const;

export function defaultForm(kind: WorkloadKind = 'producer', topic = ''): WorkloadFormInput {
  return {
    kind,
    name: '',
    topic,
    ratePerSec: '100',
    keySpace: '100',
    keyDistribution: 'uniform',
    valueBytes: '100',
    acks: '-1',
    idempotence: true,
    compression: 'none',
    partitioner: 'default',
    maxRecords: '',
    groupId: '',
    members: '2',
    assignor: 'range',
    commitMode: 'auto',
    processingMs: '5',
    failurePercent: '0',
    autoOffsetReset: 'earliest',
    sessionTimeoutSec: '10',
    start: true,
  };
}

const BASE_PRODUCER: ProducerWorkloadSpec = {
  kind: 'producer',
  topic: 'orders',
  ratePerSec: 1,
  keySpace: 0,
  keyDistribution: 'uniform',
  valueBytes: 16,
  acks: -1,
  idempotence: false,
  compression: 'none',
  partitioner: 'default',
};

const BASE_GROUP: ConsumerGroupWorkloadSpec = {
  kind: 'consumer-group',
  topic: 'orders',
  groupId: 'group',
  members: 1,
  assignor: 'range',
  commitMode: 'auto',
  processingMs: 0,
  failureRate: 0,
  autoOffsetReset: 'earliest',
};

/** True when the shared validator accepts a base spec with `patch` applied. */
export function acceptedBySpec(patch: Record<string, unknown>, kind: WorkloadKind): boolean {
  try {
    workloadSpec({ ...(kind === 'producer' ? BASE_PRODUCER : BASE_GROUP), ...patch }, 'spec');
    return true;
  } catch (e) {
    if (e instanceof RequestValidationError) return false;
    throw e;
  }
}

const WHOLE = /^-?\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

type Numeric = { value?: number; error?: string };

function wholeNumber(text: string, field: 'ratePerSec' | 'keySpace' | 'valueBytes' | 'maxRecords' | 'members' | 'processingMs' | 'sessionTimeoutSec', specKey: string, kind: WorkloadKind, fmt: Fmt, scale = 1): Numeric {
  const { min, max } = FIELD_LIMITS[field];
  const range = { min: formatExact(min, fmt.locale), max: formatExact(max, fmt.locale) };
  const s = text.trim();
  if (!WHOLE.test(s)) return { error: fmt.t('workloads.form.error.whole', range) };
  const n = Number(s);
  if (!acceptedBySpec({ [specKey]: n * scale }, kind)) return { error: fmt.t('workloads.form.error.range', range) };
  return { value: n };
}

/** The spec the form describes, or the errors of every field that is wrong; `existingTopics` null while unknown. */
export function validateWorkloadForm(input: WorkloadFormInput, fmt: Fmt, existingTopics: readonly string[] | null = null): { spec?: WorkloadSpec; name?: string; errors: WorkloadFormErrors } {
  const { t } = fmt;
  const errors: WorkloadFormErrors = {};
  const kind = input.kind;
  const topic = input.topic.trim();
  if (topic === '') errors.topic = t('workloads.form.error.topicEmpty');
  else if (!acceptedBySpec({ topic }, kind)) errors.topic = t('workloads.form.error.topic', { max: FIELD_LIMITS.topic.max });
  // Workloads do not create topics (the cluster's auto-creation is off): the engine would fail at once.
  else if (existingTopics && !existingTopics.includes(topic)) errors.topic = t('workloads.form.error.topicMissing', { topic });
  const name = input.name.trim();
  if (name.length > FIELD_LIMITS.name.max) errors.name = t('workloads.form.error.name', { max: FIELD_LIMITS.name.max });

  const take = (field: WorkloadField, r: Numeric): number | undefined => {
    if (r.error) errors[field] = r.error;
    return r.value;
  };

  let spec: WorkloadSpec | undefined;
  if (kind === 'producer') {
    const ratePerSec = take('ratePerSec', wholeNumber(input.ratePerSec, 'ratePerSec', 'ratePerSec', kind, fmt));
    const keySpace = take('keySpace', wholeNumber(input.keySpace, 'keySpace', 'keySpace', kind, fmt));
    const valueBytes = take('valueBytes', wholeNumber(input.valueBytes, 'valueBytes', 'valueBytes', kind, fmt));
    const maxRecords = input.maxRecords.trim() === '' ? undefined : take('maxRecords', wholeNumber(input.maxRecords, 'maxRecords', 'maxRecords', kind, fmt));
    const acks = Number(input.acks) as ProducerWorkloadSpec['acks'];
    if (input.idempotence && !acceptedBySpec({ acks, idempotence: true }, kind)) errors.idempotence = t('workloads.form.error.idempotence');
    if (Object.keys(errors).length === 0) {
      spec = {
        kind,
        topic,
        ratePerSec: ratePerSec!,
        keySpace: keySpace!,
        keyDistribution: input.keyDistribution,
        valueBytes: valueBytes!,
        acks,
        idempotence: input.idempotence,
        compression: input.compression,
        partitioner: input.partitioner,
        ...(maxRecords !== undefined ? { maxRecords } : {}),
      };
    }
  } else {
    const groupId = input.groupId.trim();
    if (groupId === '') errors.groupId = t('workloads.form.error.groupEmpty');
    else if (!acceptedBySpec({ groupId }, kind)) errors.groupId = t('workloads.form.error.group');
    const members = take('members', wholeNumber(input.members, 'members', 'members', kind, fmt));
    const processingMs = take('processingMs', wholeNumber(input.processingMs, 'processingMs', 'processingMs', kind, fmt));
    const sessionSec = input.sessionTimeoutSec.trim() === '' ? undefined : take('sessionTimeoutSec', wholeNumber(input.sessionTimeoutSec, 'sessionTimeoutSec', 'sessionTimeoutMs', kind, fmt, 1000));
    const pct = input.failurePercent.trim();
    let failureRate: number | undefined;
    const { min, max } = FIELD_LIMITS.failurePercent;
    if (!DECIMAL.test(pct) || !acceptedBySpec({ failureRate: Number(pct) / 100 }, kind)) errors.failurePercent = t('workloads.form.error.percent', { min, max });
    else failureRate = Number(pct) / 100;
    if (Object.keys(errors).length === 0) {
      spec = {
        kind,
        topic,
        groupId,
        members: members!,
        assignor: input.assignor,
        commitMode: input.commitMode,
        processingMs: processingMs!,
        failureRate: failureRate!,
        autoOffsetReset: input.autoOffsetReset,
        ...(sessionSec !== undefined ? { sessionTimeoutMs: sessionSec * 1000 } : {}),
      };
    }
  }
  if (spec) {
    // The whole spec once more: a rule tying fields together that the form does not know yet still
    // stops here, with the contract's own (English) words, rather than at the engine.
    try {
      spec = workloadSpec(spec, 'spec');
    } catch (e) {
      if (!(e instanceof RequestValidationError)) throw e;
      return { errors: { topic: e.message } };
    }
  }
  return { spec, name: name || undefined, errors };
}
