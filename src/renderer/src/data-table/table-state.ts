// A table's sort and filter as route parameters, so they survive navigation and reload:
// `sort=name.asc,partitions.desc`, `q=orders`.
import type { SortingState } from '@tanstack/react-table';

const COLUMN_ID = /^[A-Za-z0-9_-]+$/;

export function parseSort(param: string | undefined): SortingState {
  if (!param) return [];
  const out: SortingState = [];
  for (const part of param.split(',')) {
    const m = /^(.+)\.(asc|desc)$/.exec(part);
    if (!m || !COLUMN_ID.test(m[1]!) || out.some((s) => s.id === m[1])) continue;
    out.push({ id: m[1]!, desc: m[2] === 'desc' });
  }
  return out;
}

export function formatSort(sorting: SortingState): string | undefined {
  const parts = sorting.filter((s) => COLUMN_ID.test(s.id)).map((s) => `${s.id}.${s.desc ? 'desc' : 'asc'}`);
  return parts.length ? parts.join(',') : undefined;
}

/** The route parameter names of one table; a prefix keeps two tables of one page apart. */
export function tableParamNames(prefix: string): { sort: string; filter: string } {
  return prefix ? { sort: `${prefix}.sort`, filter: `${prefix}.q` } : { sort: 'sort', filter: 'q' };
}
