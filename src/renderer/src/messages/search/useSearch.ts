// Runs one messages:search at a time: starts it, follows its progress events, and fetches its
// matches with messages:search-page as they grow, keeping at most SEARCH_WINDOW rows (the engine's
// own limit is the same, so "the first N of M" only shows when a page could not keep up).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../../shared/console-errors';
import type { MessagesSearchRequest, SearchProgress } from '../../../../shared/messages-search-types';
import type { MessageRecord } from '../../../../shared/messages-types';
import { consoleClient } from '../../api-client';
import { toErrorBody } from '../../app/errors';
import { SEARCH_WINDOW } from './search-state';

const PAGE = 500;

export interface SearchState {
  progress: SearchProgress | null;
  rows: MessageRecord[];
  /** A refusal before scanning (INVALID_FILTER…) or a failed page fetch. */
  error: ApiErrorBody | null;
  starting: boolean;
  run: (request: MessagesSearchRequest) => void;
  cancel: () => void;
  clear: () => void;
}

export function useSearch(): SearchState {
  const [progress, setProgress] = useState<SearchProgress | null>(null);
  const [rows, setRows] = useState<MessageRecord[]>([]);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [starting, setStarting] = useState(false);
  // The search this page follows; events and pages of any other are dropped.
  const current = useRef<{ id: string; seq: number; fetched: number; fetching: boolean; matched: number; done: boolean } | null>(null);
  const generation = useRef(0);
  // Progress events can arrive before messages:search answers with the id (a short search may even
  // be done by then): the newest of each unknown search is kept until the answer names its own.
  const early = useRef(new Map<string, SearchProgress>());

  const pull = useCallback(async () => {
    const c = current.current;
    if (!c || c.fetching) return;
    c.fetching = true;
    try {
      while (current.current === c && c.fetched < Math.min(c.matched, SEARCH_WINDOW)) {
        const page = await consoleClient().call('messages:search-page', { searchId: c.id, from: c.fetched, limit: Math.min(PAGE, SEARCH_WINDOW - c.fetched) });
        if (current.current !== c) return;
        if (page.records.length === 0) break;
        c.fetched = page.next;
        setRows((old) => [...old, ...page.records].slice(0, SEARCH_WINDOW));
      }
    } catch (err) {
      if (current.current === c) setError(toErrorBody(err));
    } finally {
      c.fetching = false;
    }
    // Matches that arrived while this page was in flight.
    if (current.current === c && c.fetched < Math.min(c.matched, SEARCH_WINDOW)) void pull();
  }, []);

  const accept = useCallback(
    (p: SearchProgress) => {
      const c = current.current;
      if (!c || p.searchId !== c.id) {
        const seen = early.current.get(p.searchId);
        if (!seen || seen.seq < p.seq) early.current.set(p.searchId, p);
        if (early.current.size > 32) early.current.delete(early.current.keys().next().value!);
        return;
      }
      if (p.seq < c.seq) return;
      c.seq = p.seq;
      c.matched = p.matched;
      c.done = p.state === 'done';
      setProgress(p);
      void pull();
    },
    [pull],
  );

  useEffect(() => consoleClient().subscribe('messages:search-progress', accept), [accept]);

  const cancelCurrent = (): void => {
    const c = current.current;
    if (c && !c.done) void consoleClient().call('messages:cancel', { searchId: c.id }).catch(() => undefined);
  };

  const run = useCallback(
    (request: MessagesSearchRequest) => {
      cancelCurrent();
      current.current = null;
      const gen = ++generation.current;
      setRows([]);
      setProgress(null);
      setError(null);
      setStarting(true);
      consoleClient()
        .call('messages:search', request)
        .then((res) => {
          if (generation.current !== gen) {
            void consoleClient().call('messages:cancel', { searchId: res.progress.searchId }).catch(() => undefined);
            return;
          }
          current.current = { id: res.progress.searchId, seq: -1, fetched: 0, fetching: false, matched: 0, done: false };
          setStarting(false);
          const seen = early.current.get(res.progress.searchId);
          early.current.clear();
          accept(seen && seen.seq > res.progress.seq ? seen : res.progress);
        })
        .catch((err: unknown) => {
          if (generation.current !== gen) return;
          setStarting(false);
          setError(toErrorBody(err));
        });
    },
    [accept],
  );

  const cancel = useCallback(() => {
    const c = current.current;
    if (!c || c.done) return;
    consoleClient()
      .call('messages:cancel', { searchId: c.id })
      .then(accept)
      .catch((err: unknown) => setError(toErrorBody(err)));
  }, [accept]);

  const clear = useCallback(() => {
    cancelCurrent();
    generation.current++;
    current.current = null;
    setRows([]);
    setProgress(null);
    setError(null);
    setStarting(false);
  }, []);

  // Leaving the page stops the scan rather than leaving it to its time budget.
  useEffect(() => () => cancelCurrent(), []);

  return { progress, rows, error, starting, run, cancel, clear };
}
