// Reads one ConsoleApi query channel with explicit loading / error states, again whenever `deps`
// change (the cluster revision, a route parameter) or `reload` is called.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ConsoleChannel, RequestOf, ResponseOf } from '../../../shared/console-api';
import { consoleClient } from '../api-client';
import { toErrorBody } from './errors';

export interface ChannelState<T> {
  data: T | null;
  error: ApiErrorBody | null;
  /** True until the first answer; later reads keep showing the previous data. */
  loading: boolean;
  reload: () => void;
}

export function useChannel<C extends ConsoleChannel>(channel: C, request: RequestOf<C>, deps: readonly unknown[] = []): ChannelState<ResponseOf<C>> {
  const [data, setData] = useState<ResponseOf<C> | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const requestKey = JSON.stringify(request);
  const requestRef = useRef(request);
  requestRef.current = request;
  // A new object (another topic) starts from a loading state, not from the previous one's data.
  const lastKey = useRef(requestKey);
  if (lastKey.current !== requestKey) {
    lastKey.current = requestKey;
    setData(null);
    setError(null);
    setLoading(true);
  }

  useEffect(() => {
    let live = true;
    consoleClient()
      .call(channel, requestRef.current)
      .then(
        (res) => {
          if (!live) return;
          setData(res);
          setError(null);
        },
        (err: unknown) => {
          if (live) setError(toErrorBody(err));
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, requestKey, nonce, ...deps]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
