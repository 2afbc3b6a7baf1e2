// The search of the Messages page as route parameters, so a filter can be shared by its URL:
// `sf` field (key/value/header), `sh` header name, `sm` mode (contains/regex/json), `sq` the quick
// pattern, `sx` the programmable filter. A URL only fills the form: the search runs on a click.
import type { MessagesReadRequest } from '../../../../shared/messages-types';
import type { MessagesSearchRequest, QuickFilter, QuickJsonOp, QuickTextField } from '../../../../shared/messages-search-types';
import { QUICK_JSON_OPS, QUICK_TEXT_FIELDS } from '../../../../shared/messages-search-types';

export const QUICK_MODES = ['contains', 'regex', 'json'] as const;
export type QuickMode = (typeof QUICK_MODES)[number];

export interface SearchForm {
  field: QuickTextField;
  header: string;
  mode: QuickMode;
  pattern: string;
  code: string;
}

export const EMPTY_SEARCH: SearchForm = { field: 'value', header: '', mode: 'contains', pattern: '', code: '' };

/** Matches the page keeps in its table; the engine keeps at most this many too. */
export const SEARCH_WINDOW = 2000;

export function parseSearch(params: Readonly<Record<string, string>>): SearchForm {
  const field = (QUICK_TEXT_FIELDS as readonly string[]).includes(params['sf'] ?? '') ? (params['sf'] as QuickTextField) : 'value';
  const mode = (QUICK_MODES as readonly string[]).includes(params['sm'] ?? '') ? (params['sm'] as QuickMode) : 'contains';
  return { field, header: params['sh'] ?? '', mode, pattern: params['sq'] ?? '', code: params['sx'] ?? '' };
}

export function searchParams(f: SearchForm): Record<string, string | undefined> {
  // The field and mode stay even before a pattern is typed: they are the form's state.
  return {
    sf: f.mode !== 'json' && f.field !== 'value' ? f.field : undefined,
    sh: f.mode !== 'json' && f.field === 'header' && f.header ? f.header : undefined,
    sm: f.mode !== 'contains' ? f.mode : undefined,
    sq: f.pattern !== '' ? f.pattern : undefined,
    sx: f.code !== '' ? f.code : undefined,
  };
}

export function hasFilter(f: SearchForm): boolean {
  return f.pattern.trim() !== '' || f.code.trim() !== '';
}

const JSON_COMPARE = new RegExp(`^\\s*((?:key|value|headers)(?:\\.[A-Za-z0-9_$-]+)*)\\s*(${[...QUICK_JSON_OPS].sort((a, b) => b.length - a.length).join('|')})\\s*(.+?)\\s*$`);

/** `value.status == "paid"` → a JSON quick filter; null when the text is not such a comparison. */
export function parseJsonCompare(text: string): Extract<QuickFilter, { kind: 'json' }> | null {
  const m = JSON_COMPARE.exec(text);
  if (!m) return null;
  const raw = m[3]!;
  let operand: string | number | boolean | null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object') return null;
    operand = parsed as string | number | boolean | null;
  } catch {
    // A bare word compares as text: `value.status == paid`.
    operand = raw.replace(/^'(.*)'$/, '$1');
  }
  return { kind: 'json', path: m[1]!, op: m[2] as QuickJsonOp, operand };
}

export type QuickResult = { ok: true; quick: QuickFilter[] } | { ok: false; reason: 'json' | 'header' };

export function quickFilters(f: SearchForm): QuickResult {
  if (f.pattern.trim() === '') return { ok: true, quick: [] };
  if (f.mode === 'json') {
    const q = parseJsonCompare(f.pattern);
    return q ? { ok: true, quick: [q] } : { ok: false, reason: 'json' };
  }
  if (f.field === 'header' && f.header.trim() === '') return { ok: false, reason: 'header' };
  const text: QuickFilter = { kind: 'text', field: f.field, mode: f.mode === 'regex' ? 'regex' : 'substring', pattern: f.pattern };
  if (f.field === 'header') text.header = f.header.trim();
  return { ok: true, quick: [text] };
}

/** The search over the view's read (its partitions, start, isolation, decoders) with the form's filters. */
export function searchRequest(read: MessagesReadRequest, quick: QuickFilter[], code: string): MessagesSearchRequest {
  const req: MessagesSearchRequest = { topic: read.topic, start: read.start, limit: SEARCH_WINDOW };
  if (read.partitions) req.partitions = read.partitions;
  if (read.isolationLevel) req.isolationLevel = read.isolationLevel;
  if (read.decoders) req.decoders = read.decoders;
  if (quick.length) req.quick = quick;
  if (code.trim() !== '') req.filter = code;
  return req;
}

/** The line and column a SyntaxError message names, when it names them. */
export function errorPosition(message: string): { line: number; column: number | null } | null {
  const m = /line (\d+)(?:[,:]? *col(?:umn)? *(\d+))?/i.exec(message) ?? /:(\d+):(\d+)/.exec(message);
  return m ? { line: Number(m[1]), column: m[2] ? Number(m[2]) : null } : null;
}
