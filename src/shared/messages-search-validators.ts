// Validators of the messages:search channels.
import { arrayOf } from './groups-validators';
import { QUICK_JSON_OPS, QUICK_TEXT_FIELDS, QUICK_TEXT_MODES, type MessagesSearchRequest, type QuickFilter, type SearchPageRequest } from './messages-search-types';
import { ISOLATION_LEVELS } from './messages-types';
import { decoderSpec, messagesTopicName, readStart } from './messages-validators';
import { bool, int, object, oneOf, optional, RequestValidationError, str, type Validator } from './validate';

export const MAX_SEARCH_LIMIT = 10_000;
export const MAX_SEARCH_BUDGET_MS = 10 * 60_000;
export const MAX_SEARCH_PAGE = 500;
/** A filter is meant to be typed and shared in a URL, not to carry a program. */
export const MAX_FILTER_CHARS = 16 * 1024;

const searchId = str({ minLength: 1, maxLength: 64, pattern: /^[a-z0-9-]+$/, patternText: 'a search id' });
const pattern = str({ minLength: 1, maxLength: 4096 });

const textFilter = object({
  kind: oneOf(['text'] as const),
  field: oneOf(QUICK_TEXT_FIELDS),
  header: optional(str({ minLength: 1, maxLength: 4096 })),
  mode: oneOf(QUICK_TEXT_MODES),
  pattern,
  ignoreCase: optional(bool),
});

const operand: Validator<string | number | boolean | null> = (value, path) => {
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  if (typeof value === 'string') return str({ maxLength: 4096 })(value, path);
  throw new RequestValidationError(`${path} must be a string, a number, true, false or null`);
};

const jsonFilter = object({
  kind: oneOf(['json'] as const),
  path: str({ minLength: 1, maxLength: 1024, pattern: /^(key|value|headers)(\.[^.]+)*$/, patternText: 'a field path starting with key, value or headers (value.status, key.user.id, headers.trace)' }),
  op: oneOf(QUICK_JSON_OPS),
  operand,
});

const quickFilter: Validator<QuickFilter> = (value, path) => {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === 'text') {
    const f = textFilter(value, path);
    if (f.field === 'header' && f.header === undefined) throw new RequestValidationError(`${path}.header is required with field 'header'`);
    return f;
  }
  if (kind === 'json') return jsonFilter(value, path);
  throw new RequestValidationError(`${path}.kind must be one of text, json`);
};

export const searchRequest: Validator<MessagesSearchRequest> = object({
  topic: messagesTopicName,
  partitions: optional(arrayOf(int(0, 2 ** 31 - 1), { minItems: 1, maxItems: 100_000 })),
  start: readStart,
  isolationLevel: optional(oneOf(ISOLATION_LEVELS)),
  decoders: optional(object({ key: optional(decoderSpec), value: optional(decoderSpec) })),
  quick: optional(arrayOf(quickFilter, { maxItems: 16 })),
  filter: optional(str({ maxLength: MAX_FILTER_CHARS })),
  limit: optional(int(1, MAX_SEARCH_LIMIT)),
  timeBudgetMs: optional(int(100, MAX_SEARCH_BUDGET_MS)),
});

export const searchPageRequest: Validator<SearchPageRequest> = object({
  searchId,
  from: optional(int(0, Number.MAX_SAFE_INTEGER)),
  limit: optional(int(1, MAX_SEARCH_PAGE)),
});

export const searchIdRequest: Validator<{ searchId: string }> = object({ searchId });
