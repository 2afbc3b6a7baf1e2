// The seam between the link matrix and `links:action`: cut or heal the link between two brokers,
// then refresh the cluster views. Offered only when the contract has the channel.
import { useCallback, useMemo, useState } from 'react';
import { isConsoleChannel } from '../../../shared/console-api';
import type { FaultMode, LinkAction, LinkActionResult } from '../../../shared/engine-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';

export interface LinkActions {
  available: boolean;
  /** Rejects with a ConsoleApiError; the cluster views refresh afterwards either way. */
  run: (action: LinkAction, a: number, b: number, mode?: FaultMode) => Promise<LinkActionResult>;
  /** `${min}-${max}` of the links with a call in flight. */
  pending: ReadonlySet<string>;
}

export const linkKey = (a: number, b: number): string => `${Math.min(a, b)}-${Math.max(a, b)}`;

export function useLinkActions(onDone?: () => void): LinkActions {
  const { refresh } = useCluster();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const available = isConsoleChannel('links:action');

  const run = useCallback(
    async (action: LinkAction, a: number, b: number, mode?: FaultMode) => {
      if (!available) throw new Error('this engine host does not offer link switches');
      const key = linkKey(a, b);
      setPending((p) => new Set(p).add(key));
      try {
        return await consoleClient().call('links:action', { a, b, action, ...(action === 'cut' && mode ? { mode } : {}) });
      } finally {
        setPending((p) => {
          const next = new Set(p);
          next.delete(key);
          return next;
        });
        refresh();
        onDone?.();
      }
    },
    [available, refresh, onDone],
  );

  return useMemo(() => ({ available, run, pending }), [available, run, pending]);
}
