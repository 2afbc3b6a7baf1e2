import { useCallback, useMemo } from 'react';
import type { OnChangeFn, SortingState } from '@tanstack/react-table';
import { navigate, useRoute } from '../app/useRoute';
import { withParams } from '../routes';
import { formatSort, parseSort, tableParamNames } from './table-state';

export interface RouteTableState {
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  filter: string;
  onFilterChange: (filter: string) => void;
}

/** Binds a DataTable's sort and filter to the route (replacing the history entry, not pushing). */
export function useRouteTableState(prefix = '', defaultSort: SortingState = []): RouteTableState {
  const route = useRoute();
  const names = tableParamNames(prefix);
  const sortParam = route.params[names.sort];
  const sorting = useMemo(() => (sortParam === undefined ? defaultSort : parseSort(sortParam)), [sortParam, defaultSort]);
  const filter = route.params[names.filter] ?? '';

  const onSortingChange: OnChangeFn<SortingState> = useCallback(
    (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      // An explicit empty sort is kept as "none" so the default does not come back on reload.
      navigate(withParams(route, { [names.sort]: formatSort(next) ?? 'none' }), { replace: true });
    },
    [route, names.sort, sorting],
  );
  const onFilterChange = useCallback((q: string) => navigate(withParams(route, { [names.filter]: q }), { replace: true }), [route, names.filter]);
  return { sorting, onSortingChange, filter, onFilterChange };
}
