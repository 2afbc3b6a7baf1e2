// Quick filters (issue 12 §1): substring or regex on a key, value or header, and a JSON field
// compared to a value, evaluated natively in the engine host on the raw records — no sandbox, and
// nothing decoded that the filter does not look at. A substring is searched in the raw bytes
// (a UTF-8 substring is a byte substring); a regex and a JSON field read the UTF-8 text.
import { setFlagsFromString } from 'node:v8';
import { ConsoleApiError } from '../../../../shared/console-errors';
import { SearchErrorName, type QuickFilter, type QuickJsonOp } from '../../../../shared/messages-search-types';
import type { KafkaRecord } from '../../../protocol/records-codec';

// A shared URL may carry a catastrophic pattern ((a+)+$): past a backtracking limit V8 then runs
// the regex on its linear-time engine instead of stalling the engine host.
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

export type RecordPredicate = (record: KafkaRecord) => boolean;

function headerValue(record: KafkaRecord, name: string): Buffer | null | undefined {
  // The last header of a name wins, as in most clients' header maps.
  for (let i = record.headers.length - 1; i >= 0; i--) if (record.headers[i]!.key === name) return record.headers[i]!.value;
  return undefined;
}

function textPredicate(f: Extract<QuickFilter, { kind: 'text' }>): RecordPredicate {
  const bytesOf = f.field === 'key' ? (r: KafkaRecord) => r.key : f.field === 'value' ? (r: KafkaRecord) => r.value : (r: KafkaRecord) => headerValue(r, f.header!) ?? null;
  if (f.mode === 'substring' && !f.ignoreCase) {
    const needle = Buffer.from(f.pattern, 'utf8');
    return (r) => {
      const b = bytesOf(r);
      return b !== null && b.indexOf(needle) >= 0;
    };
  }
  let re: RegExp;
  try {
    // No 'u' flag: V8's linear-time fallback (below) does not take unicode-mode patterns.
    re = f.mode === 'regex' ? new RegExp(f.pattern, f.ignoreCase ? 'i' : '') : new RegExp(f.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  } catch (err) {
    throw new ConsoleApiError(SearchErrorName.INVALID_FILTER, `the pattern ${JSON.stringify(f.pattern)} is not a valid regular expression: ${(err as Error).message}`);
  }
  return (r) => {
    const b = bytesOf(r);
    return b !== null && re.test(b.toString('utf8'));
  };
}

const NO_FIELD = Symbol('no field');

function parseJson(bytes: Buffer | null): unknown {
  if (bytes === null) return NO_FIELD;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return NO_FIELD;
  }
}

function walk(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, s)) return NO_FIELD;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function equal(actual: unknown, operand: string | number | boolean | null): boolean {
  if (typeof operand === 'number') return asNumber(actual) === operand;
  return actual === operand;
}

/** `value.status == "paid"`: a missing field or a value that is not JSON equals nothing and differs from everything. */
export function compareField(actual: unknown, op: QuickJsonOp, operand: string | number | boolean | null): boolean {
  if (op === '!=') return actual === NO_FIELD || !equal(actual, operand);
  if (actual === NO_FIELD) return false;
  switch (op) {
    case '==':
      return equal(actual, operand);
    case 'contains':
      if (typeof actual === 'string') return actual.includes(String(operand));
      if (Array.isArray(actual)) return actual.some((item) => equal(item, operand));
      return false;
    default: {
      const a = typeof operand === 'string' && typeof actual === 'string' ? actual : asNumber(actual);
      const b = typeof operand === 'string' && typeof actual === 'string' ? operand : asNumber(operand);
      if (a === null || b === null) return false;
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
  }
}

function jsonPredicate(f: Extract<QuickFilter, { kind: 'json' }>): RecordPredicate {
  const [root, ...rest] = f.path.split('.');
  if (root === 'headers') {
    const [name, ...inner] = rest;
    if (name === undefined) throw new ConsoleApiError(SearchErrorName.INVALID_FILTER, `the path ${f.path} names no header: write headers.<name>`);
    return (r) => {
      const v = headerValue(r, name);
      const text = v === undefined || v === null ? NO_FIELD : v.toString('utf8');
      const actual = inner.length === 0 ? text : walk(text === NO_FIELD ? NO_FIELD : parseJson(v!), inner);
      return compareField(actual, f.op, f.operand);
    };
  }
  const bytesOf = root === 'key' ? (r: KafkaRecord) => r.key : (r: KafkaRecord) => r.value;
  if (rest.length === 0) {
    // The whole key or value: its JSON form when it is JSON, else its text.
    return (r) => {
      const b = bytesOf(r);
      const parsed = parseJson(b);
      return compareField(parsed !== NO_FIELD ? parsed : b === null ? NO_FIELD : b.toString('utf8'), f.op, f.operand);
    };
  }
  return (r) => {
    const b = bytesOf(r);
    // Only an object or array can hold a field: skip parsing anything else.
    if (b === null || b.length === 0) return compareField(NO_FIELD, f.op, f.operand);
    const first = b[0] === 0x20 || b[0] === 0x0a ? b.toString('utf8').trimStart().charCodeAt(0) : b[0];
    if (first !== 0x7b && first !== 0x5b) return compareField(NO_FIELD, f.op, f.operand);
    return compareField(walk(parseJson(b), rest), f.op, f.operand);
  };
}

/** All quick filters as one predicate (AND); a bad regex is INVALID_FILTER before any scanning. */
export function compileQuickFilters(filters: readonly QuickFilter[]): RecordPredicate | null {
  if (filters.length === 0) return null;
  const predicates = filters.map((f) => (f.kind === 'text' ? textPredicate(f) : jsonPredicate(f)));
  if (predicates.length === 1) return predicates[0]!;
  return (r) => predicates.every((p) => p(r));
}
