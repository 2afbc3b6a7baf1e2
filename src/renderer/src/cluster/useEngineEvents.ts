// The embedded cluster's events: the stream (`engine:event`) is subscribed first, then the backlog
// (`events:list`) is read, so nothing falls between the two; mergeEvents drops the overlap. A live
// event that skips seqs (the event socket reconnected) reads what was missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { EngineEvent } from '../../../shared/engine-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { mergeEvents, missedBefore, TIMELINE_CAPACITY } from './event-timeline';

export interface EngineEventsResult {
  /** Newest first. */
  events: readonly EngineEvent[];
  loading: boolean;
  error: ApiErrorBody | null;
  reload: () => void;
}

export function useEngineEvents(enabled: boolean): EngineEventsResult {
  const [events, setEvents] = useState<readonly EngineEvent[]>([]);
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [nonce, setNonce] = useState(0);
  const newest = useRef(0);

  useEffect(() => {
    if (!enabled) {
      setEvents([]);
      setError(null);
      setLoading(false);
      newest.current = 0;
      return;
    }
    let live = true;
    const client = consoleClient();
    const add = (more: readonly EngineEvent[]): void => {
      if (!live || more.length === 0) return;
      for (const e of more) newest.current = Math.max(newest.current, e.seq);
      setEvents((cur) => mergeEvents(cur, more));
    };
    const readAfter = (afterSeq: number): void => {
      client.call('events:list', { afterSeq, limit: TIMELINE_CAPACITY }).then(
        (res) => {
          if (!live) return;
          add(res.events);
          setError(null);
        },
        (err: unknown) => {
          if (live) setError(toErrorBody(err));
        },
      ).finally(() => {
        if (live) setLoading(false);
      });
    };
    const off = client.subscribe('engine:event', (e) => {
      const gap = missedBefore(newest.current, e.seq);
      const after = newest.current;
      add([e]);
      if (gap) readAfter(after);
    });
    readAfter(0);
    return () => {
      live = false;
      off();
    };
  }, [enabled, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { events, loading, error, reload };
}
