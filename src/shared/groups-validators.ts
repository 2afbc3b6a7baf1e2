// Request validators of the groups:* and lag:* channels. The reset request is a tagged union
// (one shape per Kafka reset scenario), which the generic object() validator cannot express.
import {
  MAX_LAG_SERIES_RANGE_MS,
  RESET_KINDS,
  type GroupResetRequest,
  type GroupResetScope,
  type GroupResetSpec,
  type LagSeriesRequest,
  type ResetPlanEntry,
  type TopicScopeView,
} from './groups-types';
import { bool, int, object, oneOf, optional, RequestValidationError, str, type Validator } from './validate';

/** Kafka puts no length limit on group ids beyond its int16 string; 4096 characters stay far below it. */
export const groupId = str({ minLength: 1, maxLength: 4096 });
/** Kafka's legal topic names: up to 249 of [a-zA-Z0-9._-]. */
export const groupTopicName = str({ minLength: 1, maxLength: 249, pattern: /^[a-zA-Z0-9._-]+$/, patternText: 'a Kafka topic name (letters, digits, ".", "_", "-")' });
const partitionIndex = int(0, 2 ** 31 - 1);
const offset = int(0, Number.MAX_SAFE_INTEGER);

export function arrayOf<T>(item: Validator<T>, options: { minItems?: number; maxItems: number }): Validator<T[]> {
  const { minItems = 0, maxItems } = options;
  return (value, path) => {
    if (!Array.isArray(value)) throw new RequestValidationError(`${path} must be an array`);
    if (value.length < minItems) throw new RequestValidationError(`${path} must have at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    if (value.length > maxItems) throw new RequestValidationError(`${path} must have at most ${maxItems} items`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  };
}

function literal<T extends string | boolean>(expected: T): Validator<T> {
  return (value, path) => {
    if (value !== expected) throw new RequestValidationError(`${path} must be ${JSON.stringify(expected)}`);
    return expected;
  };
}

/** The shapes Kafka's tool accepts, checked for form here; the engine checks what needs a clock or the log. */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const DURATION = /^[-+]?P(?=[^T]|T.)(?:[-+]?\d+D)?(?:T(?=.)(?:[-+]?\d+H)?(?:[-+]?\d+M)?(?:[-+]?\d+(?:[.,]\d{1,9})?S)?)?$/i;

const planEntry: Validator<ResetPlanEntry> = object({ topic: groupTopicName, partition: partitionIndex, offset });

const SPEC_SHAPES: { [K in GroupResetSpec['kind']]: Validator<Extract<GroupResetSpec, { kind: K }>> } = {
  'to-earliest': object({ kind: literal('to-earliest') }),
  'to-latest': object({ kind: literal('to-latest') }),
  'to-current': object({ kind: literal('to-current') }),
  'to-offset': object({ kind: literal('to-offset'), offset }),
  'shift-by': object({ kind: literal('shift-by'), shift: int(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) }),
  'to-datetime': object({
    kind: literal('to-datetime'),
    datetime: str({ maxLength: 64, pattern: DATETIME, patternText: 'an ISO 8601 date-time YYYY-MM-DDTHH:mm:SS[.sss][zone]' }),
    timeZone: optional(str({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_+\-/]+$/, patternText: 'an IANA time zone name such as Europe/Paris' })),
  }),
  'by-duration': object({ kind: literal('by-duration'), duration: str({ maxLength: 64, pattern: DURATION, patternText: 'an ISO 8601 duration PnDTnHnMnS (e.g. PT30M)' }) }),
  'from-file': object({ kind: literal('from-file'), entries: arrayOf(planEntry, { minItems: 1, maxItems: 100_000 }) }),
  'from-group': object({ kind: literal('from-group'), group: str({ minLength: 1, maxLength: 4096 }) }),
};

export const resetSpec: Validator<GroupResetSpec> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  const kind = oneOf(RESET_KINDS)((value as { kind?: unknown }).kind, `${path}.kind`);
  return SPEC_SHAPES[kind](value, path);
};

const topicScope: Validator<TopicScopeView> = object({ topic: groupTopicName, partitions: optional(arrayOf(partitionIndex, { minItems: 1, maxItems: 100_000 })) });

export const resetScope: Validator<GroupResetScope> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  if ('allTopics' in value) return object({ allTopics: literal(true) })(value, path);
  if ('topics' in value) return object({ topics: arrayOf(topicScope, { minItems: 1, maxItems: 10_000 }) })(value, path);
  throw new RequestValidationError(`${path} must be { allTopics: true } or { topics: [...] }`);
};

const resetShape = object({
  group: groupId,
  spec: resetSpec,
  scope: optional(resetScope),
  execute: optional(bool),
  planId: optional(str({ minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9_-]+$/, patternText: 'a plan id returned by a dry run' })),
});

export const resetRequest: Validator<GroupResetRequest> = (value, path) => {
  const req = resetShape(value, path);
  if (req.planId !== undefined && req.execute !== true) throw new RequestValidationError(`${path}.planId goes with execute: true`);
  if (req.scope === undefined && req.spec.kind !== 'from-file') {
    throw new RequestValidationError(`${path}.scope is required for ${req.spec.kind}: { allTopics: true } or { topics: [...] }`);
  }
  return req;
};

export const groupRequest = object({ group: groupId });
export const deleteOffsetsRequest = object({ group: groupId, topic: groupTopicName });

export const lagSeriesRequest: Validator<LagSeriesRequest> = object({
  group: optional(groupId),
  topic: optional(groupTopicName),
  rangeMs: int(1, MAX_LAG_SERIES_RANGE_MS),
});
