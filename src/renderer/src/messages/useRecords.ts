// Reads the view's records with messages:read; with live tail on, keeps re-reading from each
// partition's nextOffset (waitMs long-poll, docs/decisions.md "Live tail") and puts new records on
// top, within a bounded window. The tail pauses while `paused` (the user scrolled down).
import { useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { MessageRecord, MessagesReadRequest, MessagesReadResponse } from '../../../shared/messages-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { mergeTail } from './view-state';

export interface RecordsState {
  rows: MessageRecord[];
  response: MessagesReadResponse | null;
  error: ApiErrorBody | null;
  loading: boolean;
  /** Records the tail read since it started. */
  tailed: number;
  reload: () => void;
}

const TAIL_WAIT_MS = 1500;
const TAIL_LIMIT = 500;
const TAIL_BACKOFF_MS = 2000;

function nextOffsets(res: MessagesReadResponse): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of res.partitions) if (!p.error) out[String(p.partition)] = p.nextOffset;
  return out;
}

export function useRecords(request: MessagesReadRequest | null, live: boolean, paused: boolean): RecordsState {
  const [rows, setRows] = useState<MessageRecord[]>([]);
  const [response, setResponse] = useState<MessagesReadResponse | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [loading, setLoading] = useState(request !== null);
  const [tailed, setTailed] = useState(0);
  const [nonce, setNonce] = useState(0);
  const key = JSON.stringify(request);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    if (!request) {
      setLoading(false);
      setRows([]);
      setResponse(null);
      return;
    }
    let alive = true;
    setLoading(true);
    setError(null);
    setTailed(0);
    const client = consoleClient();
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    void (async () => {
      let first: MessagesReadResponse;
      try {
        first = await client.call('messages:read', request);
      } catch (err) {
        if (alive) {
          setError(toErrorBody(err));
          setRows([]);
          setResponse(null);
          setLoading(false);
        }
        return;
      }
      if (!alive) return;
      setResponse(first);
      setRows(live ? mergeTail([], first.records) : first.records);
      setLoading(false);
      let offsets = nextOffsets(first);
      // Records a read brought back after the user scrolled away: shown once they are back on top.
      let held: MessageRecord[] = [];
      const show = (records: MessageRecord[]): void => {
        setRows((old) => mergeTail(old, records));
        setTailed((n) => n + records.length);
      };
      while (live && alive) {
        if (pausedRef.current) {
          await sleep(300);
          continue;
        }
        if (held.length) {
          show(held);
          held = [];
        }
        try {
          const res = await client.call('messages:read', { ...request, start: { kind: 'offsets', offsets }, limit: TAIL_LIMIT, waitMs: TAIL_WAIT_MS });
          if (!alive) return;
          offsets = { ...offsets, ...nextOffsets(res) };
          setResponse(res);
          if (res.records.length) {
            if (pausedRef.current) held = [...held, ...res.records];
            else show(res.records);
          }
          setError(null);
        } catch (err) {
          if (!alive) return;
          setError(toErrorBody(err));
          await sleep(TAIL_BACKOFF_MS);
        }
      }
    })();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, live, nonce]);

  return { rows, response, error, loading, tailed, reload: () => setNonce((n) => n + 1) };
}
