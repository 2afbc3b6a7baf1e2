// The embedded cluster's engine view (`cluster:state`): processes, fencing, network faults, every
// replica's log end offset. Read again when the cluster changes, on each engine event, and every
// few seconds for the offsets (they move without any event). Null for an external cluster.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { isConsoleChannel } from '../../../shared/console-api';
import type { EngineClusterState } from '../../../shared/engine-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';
import { toErrorBody } from '../app/errors';

const POLL_MS = 3_000;

export interface EngineStateResult {
  state: EngineClusterState | null;
  error: ApiErrorBody | null;
  reload: () => void;
}

export function useEngineState(): EngineStateResult {
  const { view, revision } = useCluster();
  const embedded = view?.connection.kind === 'embedded' && isConsoleChannel('cluster:state');
  const [state, setState] = useState<EngineClusterState | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const inFlight = useRef(false);
  // A reload asked for while one is in flight runs once after it: the read in flight may predate
  // the event that asked (an election right after a kill), and must not hide it until the next poll.
  const again = useRef(false);

  const reload = useCallback(() => {
    if (!embedded) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    again.current = false;
    consoleClient()
      .call('cluster:state', {})
      .then(
        (s) => {
          setState(s);
          setError(null);
        },
        (err: unknown) => setError(toErrorBody(err)),
      )
      .finally(() => {
        inFlight.current = false;
        if (again.current) reload();
      });
  }, [embedded]);

  useEffect(() => {
    if (!embedded) {
      setState(null);
      setError(null);
    }
  }, [embedded]);

  useEffect(reload, [reload, revision]);

  useEffect(() => {
    if (!embedded) return;
    const timer = setInterval(reload, POLL_MS);
    const off = consoleClient().subscribe('engine:event', () => reload());
    return () => {
      clearInterval(timer);
      off();
    };
  }, [embedded, reload]);

  return { state, error, reload };
}
