import { describe, expect, it } from 'vitest';
import { formatSort, parseSort, tableParamNames } from './table-state';

describe('sort in the route', () => {
  it('round-trips multi-column sorts', () => {
    const s = parseSort('name.asc,partitions.desc');
    expect(s).toEqual([
      { id: 'name', desc: false },
      { id: 'partitions', desc: true },
    ]);
    expect(formatSort(s)).toBe('name.asc,partitions.desc');
  });

  it('ignores malformed, duplicate and hostile parts', () => {
    expect(parseSort('name.up,.asc,a b.desc,name.desc,name.asc')).toEqual([{ id: 'name', desc: true }]);
    expect(parseSort(undefined)).toEqual([]);
    expect(formatSort([])).toBeUndefined();
  });

  it('names parameters per table', () => {
    expect(tableParamNames('')).toEqual({ sort: 'sort', filter: 'q' });
    expect(tableParamNames('p')).toEqual({ sort: 'p.sort', filter: 'p.q' });
  });
});
