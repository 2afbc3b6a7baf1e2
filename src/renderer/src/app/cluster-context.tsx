// The cluster as the whole app sees it: one `cluster:describe`, then the `cluster:changed` stream.
// `revision` counts changes so views that read other channels (topics…) know when to read again.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ClusterView } from '../../../shared/console-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from './errors';

export interface ClusterState {
  view: ClusterView | null;
  /** The latest failure to read the cluster; the last good view stays shown beside it. */
  error: ApiErrorBody | null;
  loading: boolean;
  revision: number;
  refresh: () => void;
}

const ClusterContext = createContext<ClusterState | null>(null);

export function ClusterProvider({ children }: { children: ReactNode }): JSX.Element {
  const [view, setView] = useState<ClusterView | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [loading, setLoading] = useState(true);
  const [revision, setRevision] = useState(0);

  const refresh = useCallback(() => {
    consoleClient()
      .call('cluster:describe', {})
      .then(
        (v) => {
          setView(v);
          setError(null);
        },
        (err: unknown) => setError(toErrorBody(err)),
      )
      .finally(() => {
        setLoading(false);
        setRevision((r) => r + 1);
      });
  }, []);

  useEffect(() => {
    refresh();
    return consoleClient().subscribe('cluster:changed', (event) => {
      if (event.view) {
        setView(event.view);
        setError(null);
      } else if (event.error) {
        setError(event.error);
      }
      setLoading(false);
      setRevision((r) => r + 1);
    });
  }, [refresh]);

  const value = useMemo(() => ({ view, error, loading, revision, refresh }), [view, error, loading, revision, refresh]);
  return <ClusterContext.Provider value={value}>{children}</ClusterContext.Provider>;
}

export function useCluster(): ClusterState {
  const state = useContext(ClusterContext);
  if (!state) throw new Error('useCluster needs a ClusterProvider');
  return state;
}
