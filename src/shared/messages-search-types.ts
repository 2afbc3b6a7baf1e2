// messages:search (issue 12 §1): the read of messages:read plus filters, run as a job in the engine
// host that streams its progress and keeps its matches for the page to fetch in bounded pages.
import type { DecoderChoice, IsolationLevelName, MessageRecord, MessagesReadRequest } from './messages-types';

/** Where a quick filter looks: the key, the value, or one header's value (by header key). */
export const QUICK_TEXT_FIELDS = ['key', 'value', 'header'] as const;
export type QuickTextField = (typeof QUICK_TEXT_FIELDS)[number];
export const QUICK_TEXT_MODES = ['substring', 'regex'] as const;
export const QUICK_JSON_OPS = ['==', '!=', '<', '<=', '>', '>=', 'contains'] as const;
export type QuickJsonOp = (typeof QUICK_JSON_OPS)[number];

/**
 * Filters without code, evaluated natively in the engine host. Text filters look at the UTF-8 text
 * of the raw bytes; a JSON filter parses the key or value as JSON and compares one field
 * (`path` like `value.status` or `key.user.id`; `headers.<name>` compares a header's text).
 */
export type QuickFilter =
  | { kind: 'text'; field: QuickTextField; header?: string; mode: (typeof QUICK_TEXT_MODES)[number]; pattern: string; ignoreCase?: boolean }
  | { kind: 'json'; path: string; op: QuickJsonOp; operand: string | number | boolean | null };

export interface MessagesSearchRequest extends Pick<MessagesReadRequest, 'topic' | 'partitions' | 'start' | 'isolationLevel' | 'decoders'> {
  /** Every quick filter must match (AND); they run before the programmable filter. */
  quick?: QuickFilter[];
  /** A JavaScript expression or function body over { key, value, headers, partition, offset, timestamp }, run in the sandbox. */
  filter?: string;
  /** Matches kept before the search stops; default 500, at most 10,000. */
  limit?: number;
  /** Wall-clock budget of the whole search; default 60 s, at most 10 min. */
  timeBudgetMs?: number;
}

export const SEARCH_STOP_REASONS = ['limit', 'bytes', 'end', 'time', 'cancel', 'error'] as const;
/** Why a search ended: its match limit, the byte budget of kept matches, the end of the range, its time budget, a cancel, or a failure (the filter's). */
export type SearchStopReason = (typeof SEARCH_STOP_REASONS)[number];

export interface SearchPartitionProgress {
  partition: number;
  startOffset: number;
  /** The next offset to scan. */
  position: number;
  /** The readable end when the search began: the scan stops there. */
  endOffset: number;
  done: boolean;
  /** Why this partition could not be scanned (no leader…); the others are scanned regardless. */
  error: { name: string; message: string } | null;
}

export interface SearchProgress {
  searchId: string;
  topic: string;
  state: 'running' | 'done';
  stoppedBy: SearchStopReason | null;
  /** Set with stoppedBy 'error': the filter's syntax error, its time or memory budget, a lost leader… */
  error: { name: string; message: string } | null;
  /** Records and bytes (keys, values, headers) looked at. */
  scanned: number;
  bytes: number;
  matched: number;
  /** Records the programmable filter threw on (counted as not matching), and the first such error. */
  filterErrors: number;
  firstFilterError: string | null;
  elapsedMs: number;
  /** Records scanned per second since the search began. */
  recordsPerSecond: number;
  bytesPerSecond: number;
  partitions: SearchPartitionProgress[];
  /** Per event, ascending: lets a listener drop stale events. */
  seq: number;
}

export interface MessagesSearchResponse {
  progress: SearchProgress;
  isolationLevel: IsolationLevelName;
  decoders: DecoderChoice;
}

/** A page of a search's matches, in the order found (each partition's in offset order). */
export interface SearchPageRequest {
  searchId: string;
  /** Index of the first match; default 0. */
  from?: number;
  /** Matches in the page; default 100, at most 500. */
  limit?: number;
}

export interface SearchPageResponse {
  progress: SearchProgress;
  from: number;
  records: MessageRecord[];
  /** Where the next page starts. */
  next: number;
}

/** Error names of messages:search that are not Kafka's own. */
export const SearchErrorName = {
  /** The programmable filter does not compile, or a quick filter's pattern is not a valid regex. */
  INVALID_FILTER: 'INVALID_FILTER',
  /** The filter ran past its time budget (a loop) and was interrupted. */
  FILTER_TIMEOUT: 'FILTER_TIMEOUT',
  /** The filter ran past its memory limit and was stopped. */
  FILTER_MEMORY: 'FILTER_MEMORY',
  /** No search with this id (never started, or forgotten after it ended). */
  UNKNOWN_SEARCH: 'UNKNOWN_SEARCH',
} as const;
