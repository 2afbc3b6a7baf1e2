import { describe, expect, it } from 'vitest';
import { EMPTY_SEARCH, errorPosition, parseJsonCompare, parseSearch, quickFilters, searchParams } from './search-state';

const roundTrip = (f: typeof EMPTY_SEARCH): typeof EMPTY_SEARCH => {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(searchParams(f))) if (v !== undefined) params[k] = v;
  return parseSearch(params);
};

describe('the search form in the route', () => {
  it('round-trips every field, and keeps the mode before a pattern is typed', () => {
    const f = { field: 'header' as const, header: 'trace', mode: 'regex' as const, pattern: '^a\\d+', code: 'value.n > 1' };
    expect(roundTrip(f)).toEqual(f);
    expect(roundTrip({ ...EMPTY_SEARCH, mode: 'json' })).toEqual({ ...EMPTY_SEARCH, mode: 'json' });
    expect(searchParams(EMPTY_SEARCH)).toEqual({ sf: undefined, sh: undefined, sm: undefined, sq: undefined, sx: undefined });
  });

  it('reads a JSON comparison, its operand as JSON or as bare text', () => {
    expect(parseJsonCompare('value.status == "paid"')).toEqual({ kind: 'json', path: 'value.status', op: '==', operand: 'paid' });
    expect(parseJsonCompare('value.amount >= 50')).toEqual({ kind: 'json', path: 'value.amount', op: '>=', operand: 50 });
    expect(parseJsonCompare('key.user.id != null')).toEqual({ kind: 'json', path: 'key.user.id', op: '!=', operand: null });
    expect(parseJsonCompare('value.tags contains vip')).toEqual({ kind: 'json', path: 'value.tags', op: 'contains', operand: 'vip' });
    expect(parseJsonCompare('status == paid')).toBeNull();
    expect(parseJsonCompare('value.a == {"x":1}')).toBeNull();
  });

  it('refuses a header filter without a header name', () => {
    expect(quickFilters({ ...EMPTY_SEARCH, field: 'header', pattern: 'x' })).toEqual({ ok: false, reason: 'header' });
    expect(quickFilters({ ...EMPTY_SEARCH, field: 'header', header: 'h', pattern: 'x' })).toEqual({ ok: true, quick: [{ kind: 'text', field: 'header', header: 'h', mode: 'substring', pattern: 'x' }] });
  });

  it('finds the line and column a syntax error names', () => {
    expect(errorPosition('SyntaxError: unexpected token in expression: \'\' at line 2, column 5')).toEqual({ line: 2, column: 5 });
    expect(errorPosition('SyntaxError: stray } (filter:3:7)')).toEqual({ line: 3, column: 7 });
    expect(errorPosition('SyntaxError: the filter is empty')).toBeNull();
  });
});
