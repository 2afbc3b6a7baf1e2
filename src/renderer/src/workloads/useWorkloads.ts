// Hooks over the workloads store: the live list, and commands with a busy flag and their error.
import { useCallback, useState, useSyncExternalStore } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../../shared/console-api';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { subscribeWorkloads, workloadsSnapshot, type WorkloadsSnapshot } from './workloads-store';

export function useWorkloads(): WorkloadsSnapshot {
  return useSyncExternalStore(subscribeWorkloads, workloadsSnapshot);
}

export interface WorkloadCommand {
  /** The key of the command running now (e.g. "crash-2"), or null. */
  busy: string | null;
  error: ApiErrorBody | null;
  clearError: () => void;
  run: <C extends ConsoleChannel>(key: string, channel: C, request: RequestOf<C>, then?: (res: ResponseOf<C>) => void) => void;
}

/** One command at a time per view; its failure stays shown until the next command or a dismissal. */
export function useWorkloadCommand(): WorkloadCommand {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const run = useCallback(<C extends ConsoleChannel>(key: string, channel: C, request: RequestOf<C>, then?: (res: ResponseOf<C>) => void) => {
    setBusy(key);
    setError(null);
    consoleClient()
      .call(channel, request)
      .then(
        (res) => then?.(res),
        (err: unknown) => setError(toErrorBody(err)),
      )
      .finally(() => setBusy(null));
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
