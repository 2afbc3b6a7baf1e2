// Moving records (issue 12 §2): export, import and replay. A selection is a range of a topic (the
// starts of messages:read, an optional end and record cap), or explicit rows (partition, offset)
// picked in the page; `filter` is the hook for messages:search's filters (opaque until that
// channel lands: the engine refuses a filter it has no resolver for).
import type { DecoderChoice, IsolationLevelName, ReadStart } from './messages-types';

/** Where a range stops in each partition (exclusive). Absent: the log end when the scan began. */
export type TransferEnd = { kind: 'offset'; offset: number } | { kind: 'offsets'; offsets: Record<string, number> } | { kind: 'timestamp'; timestamp: number };

export const TRANSFER_END_KINDS = ['offset', 'offsets', 'timestamp'] as const satisfies ReadonlyArray<TransferEnd['kind']>;

/** One record picked by hand (a selected row of the page). */
export interface TransferRow {
  partition: number;
  offset: number;
}

export interface TransferSelection {
  topic: string;
  /** All partitions when absent (ignored with `rows`). */
  partitions?: number[];
  /** Default earliest (ignored with `rows`). */
  start?: ReadStart;
  end?: TransferEnd;
  /** Stop after this many matching records. */
  maxRecords?: number;
  isolationLevel?: IsolationLevelName;
  /** Exactly these records (the page's selection); start, end and partitions then do not apply. */
  rows?: TransferRow[];
  /** A search filter (messages:search's request form). Opaque here; refused while no search engine is wired in. */
  filter?: Record<string, unknown>;
}

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface MessagesExportRequest {
  selection: TransferSelection;
  format: ExportFormat;
  /** The decoders of the decoded form beside the bytes; absent: the topic's remembered choice, else auto. */
  decoders?: Partial<DecoderChoice>;
}

export interface MessagesExportResponse {
  format: ExportFormat;
  /** A file name to suggest: topic and time. */
  fileName: string;
  records: number;
  /** The whole file (JSON Lines or CSV with a header line). */
  content: string;
}

/**
 * A key, value or header value in an export line: the bytes (base64) always, the decoded form
 * beside. Import reads `base64`; a hand-written line may give only `text` (taken as UTF-8).
 */
export interface ExportedField {
  base64: string;
  decoder: string;
  text: string;
}

/** One JSON Lines record of an export (docs/decisions.md, "Export formats"). */
export interface ExportedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: ExportedField | null;
  value: ExportedField | null;
  headers: Array<{ key: string; value: ExportedField | null }>;
}

/** A record to write, bytes as base64; null key/value/header value stays null. */
export interface TransferRecord {
  key: string | null;
  value: string | null;
  headers: Array<{ key: string; value: string | null }>;
  timestamp?: number;
  partition?: number;
}

export interface MessagesImportRequest {
  topic: string;
  /** One chunk of a file (the HTTP body limit is 1 MiB: a client sends a large file in several requests). */
  records: TransferRecord[];
  /** Keep each record's timestamp (default true) and partition (default false: the key's partition, murmur2). */
  keepTimestamps?: boolean;
  keepPartitions?: boolean;
}

export interface MessagesImportResponse {
  topic: string;
  written: number;
  /** Records per partition written. */
  partitions: Record<string, number>;
}

/** Spring Kafka's DeadLetterPublishingRecoverer, a generic name, and Kafka Connect's DLQ context header. */
export const DEFAULT_ORIGINAL_TOPIC_HEADERS = ['kafka_dlt-original-topic', 'original-topic', '__connect.errors.topic'] as const;

export type ReplayTarget =
  | { kind: 'topic'; topic: string }
  /** Each record goes to the topic its first present header of `headers` names (default DEFAULT_ORIGINAL_TOPIC_HEADERS). */
  | { kind: 'original-topic'; headers?: string[] };

export interface MessagesReplayRequest {
  selection: TransferSelection;
  target: ReplayTarget;
  /** Keep the records' timestamps (default false: now, as a fresh produce). */
  keepTimestamps?: boolean;
  /** Keep each record's partition number (default false: the key's partition by murmur2). */
  keepPartitions?: boolean;
  /** Count only: nothing is written. */
  dryRun?: boolean;
  /** Names the job in `messages:transfer-progress` events. */
  jobId?: string;
}

export interface MessagesReplayResponse {
  dryRun: boolean;
  /** Records the selection held. */
  scanned: number;
  /** Written (or, in a dry run, that would be written), per target topic. */
  byTopic: Record<string, number>;
  written: number;
  /** Original-topic replays: records without any of the headers, left where they are. */
  withoutHeader: number;
}

export interface TransferProgressEvent {
  jobId: string;
  phase: 'scanning' | 'writing' | 'done' | 'failed';
  scanned: number;
  written: number;
}

export interface ReplayCancelResponse {
  jobId: string;
  /** False when no replay of that id is running (it finished, or never started). */
  cancelled: boolean;
}

/** Error names of the transfer channels that are not Kafka's own. */
export const TransferErrorName = {
  /** A line of an import that is not a record (bad JSON, a field of the wrong type, bad base64). */
  INVALID_RECORD: 'INVALID_RECORD',
  /** The selection holds a filter, and no search engine is wired in yet. */
  FILTER_UNSUPPORTED: 'FILTER_UNSUPPORTED',
  /** An inline export larger than the channel carries: use the download or the CLI. */
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  /** A replay stopped by messages:replay-cancel (`written` says how many records it wrote). */
  CANCELLED: 'CANCELLED',
} as const;
