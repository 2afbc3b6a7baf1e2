// `history:series` for the Charts page, read again on every sampler tick. Unlike useChannel, a tick
// that comes while a read is in flight does not drop that read's answer (on a loaded machine a
// read can take longer than a 500 ms tick, and every answer would be thrown away, leaving the
// chart "reading" forever): the answer is shown, and one more read follows for the ticks missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { HistorySeriesRequest, HistorySeriesResponse } from '../../../shared/groups-history-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';

export interface HistoryState {
  data: HistorySeriesResponse | null;
  error: ApiErrorBody | null;
  reload: () => void;
}

export function useHistory(request: HistorySeriesRequest, ticks: number): HistoryState {
  const key = JSON.stringify(request);
  const [state, setState] = useState<{ key: string; data: HistorySeriesResponse | null; error: ApiErrorBody | null }>({ key, data: null, error: null });
  const [nonce, setNonce] = useState(0);
  const inFlight = useRef(false);
  const again = useRef(false);
  const current = useRef(key);
  current.current = key;

  const read = useCallback((k: string): void => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    consoleClient()
      .call('history:series', JSON.parse(k) as HistorySeriesRequest)
      .then(
        (data) => {
          if (current.current === k) setState({ key: k, data, error: null });
        },
        (err: unknown) => {
          if (current.current === k) setState((s) => ({ key: k, data: s.key === k ? s.data : null, error: toErrorBody(err) }));
        },
      )
      .finally(() => {
        inFlight.current = false;
        if (again.current || current.current !== k) {
          again.current = false;
          read(current.current);
        }
      });
  }, []);

  useEffect(() => read(key), [read, key, ticks, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  // Another request (window, group, topic) starts from nothing, not from the previous one's answer.
  return state.key === key ? { data: state.data, error: state.error, reload } : { data: null, error: null, reload };
}
