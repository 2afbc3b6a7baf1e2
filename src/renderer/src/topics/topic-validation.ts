// The create-topic form's checks, with Kafka's own rules for names (Topic.validate) and the
// contract's limits, so most mistakes are caught before a request is sent. Messages come in the
// console's language through `fmt`.
import { formatExact } from '../format';
import type { Fmt } from '../i18n/fmt';

export interface CreateTopicInput {
  name: string;
  partitions: string;
  replicationFactor: string;
}

export interface CreateTopicErrors {
  name?: string;
  partitions?: string;
  replicationFactor?: string;
}

export interface ValidationContext {
  existing: readonly string[];
  /** Brokers that can hold a replica now; null when unknown. */
  brokersUp: number | null;
}

const LEGAL = /^[a-zA-Z0-9._-]+$/;
const MAX_NAME = 249;

/** Kafka treats '.' and '_' as the same in metric names, so such names collide. */
function collisionKey(name: string): string {
  return name.replace(/\./g, '_');
}

export function validateTopicName(name: string, existing: readonly string[], fmt: Fmt): string | undefined {
  const { t } = fmt;
  if (name.length === 0) return t('validation.name.empty');
  if (name === '.' || name === '..') return t('validation.name.dots');
  if (name.length > MAX_NAME) return t('validation.name.tooLong', { max: MAX_NAME, length: name.length });
  if (!LEGAL.test(name)) {
    const bad = [...new Set([...name].filter((c) => !/[a-zA-Z0-9._-]/.test(c)))].map((c) => (c === ' ' ? t('validation.name.space') : `"${c}"`));
    return t('validation.name.illegal', { chars: bad.join(', ') });
  }
  if (existing.includes(name)) return t('validation.name.exists', { name });
  const clash = existing.find((x) => collisionKey(x) === collisionKey(name));
  if (clash) return t('validation.name.collides', { name, existing: clash });
  return undefined;
}

type Field = 'partitions' | 'replicationFactor';

/** An optional whole number in [min, max]; '' means "use the cluster's default". */
function parseOptionalInt(text: string, min: number, max: number, field: Field, fmt: Fmt): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  const p = field === 'partitions';
  if (!/^\d+$/.test(t)) return { error: fmt.t(p ? 'validation.partitions.whole' : 'validation.rf.whole', { min }) };
  const n = Number(t);
  if (n < min) return { error: fmt.t(p ? 'validation.partitions.min' : 'validation.rf.min', { min }) };
  if (n > max) return { error: fmt.t(p ? 'validation.partitions.max' : 'validation.rf.max', { max: formatExact(max, fmt.locale) }) };
  return { value: n };
}

export interface ValidatedTopic {
  request: { name: string; partitions?: number; replicationFactor?: number } | null;
  errors: CreateTopicErrors;
}

export function validateCreateTopic(input: CreateTopicInput, ctx: ValidationContext, fmt: Fmt): ValidatedTopic {
  const errors: CreateTopicErrors = {};
  const name = input.name.trim();
  errors.name = validateTopicName(name, ctx.existing, fmt);
  const partitions = parseOptionalInt(input.partitions, 1, 100_000, 'partitions', fmt);
  errors.partitions = partitions.error;
  const rf = parseOptionalInt(input.replicationFactor, 1, 32_767, 'replicationFactor', fmt);
  errors.replicationFactor = rf.error;
  if (!rf.error && rf.value !== undefined && ctx.brokersUp !== null && rf.value > ctx.brokersUp) {
    errors.replicationFactor = fmt.t('validation.rf.tooFewBrokers', { rf: rf.value, up: ctx.brokersUp });
  }
  for (const k of Object.keys(errors) as Array<keyof CreateTopicErrors>) if (errors[k] === undefined) delete errors[k];
  if (Object.keys(errors).length) return { request: null, errors };
  const request: { name: string; partitions?: number; replicationFactor?: number } = { name };
  if (partitions.value !== undefined) request.partitions = partitions.value;
  if (rf.value !== undefined) request.replicationFactor = rf.value;
  return { request, errors };
}
