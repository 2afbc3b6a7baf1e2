// The messages:* channels (issue 11): reading records with every fact Kafka keeps about them,
// decoding keys and values in the engine host, producing, and the key → partition question.
// Search, export and replay (issue 12) reuse ReadStart, DecoderSpec and MessageRecord.

export const ISOLATION_LEVELS = ['read_uncommitted', 'read_committed'] as const;
export type IsolationLevelName = (typeof ISOLATION_LEVELS)[number];

/** How the records of several partitions are put in one list. */
export const READ_ORDERS = ['timestamp', 'partition'] as const;
export type ReadOrder = (typeof READ_ORDERS)[number];

/**
 * Where reading starts in each chosen partition. `latest` with `count` N is "the newest N" of each
 * partition (N = 0: the log end, for a live tail); `offsets` gives each partition its own offset
 * (keys are partition numbers), which is how a page resumes from a previous answer's `nextOffset`.
 */
export type ReadStart =
  | { kind: 'earliest' }
  | { kind: 'latest'; count: number }
  | { kind: 'offset'; offset: number }
  | { kind: 'offsets'; offsets: Record<string, number> }
  | { kind: 'timestamp'; timestamp: number }
  | { kind: 'group'; group: string };

export const READ_START_KINDS = ['earliest', 'latest', 'offset', 'offsets', 'timestamp', 'group'] as const satisfies ReadonlyArray<ReadStart['kind']>;

/** Decoders without a schema file. */
export const PLAIN_DECODERS = ['auto', 'utf8', 'json', 'hex', 'base64', 'int32', 'int64', 'float64', 'msgpack', 'consumer-offsets'] as const;
export type PlainDecoderKind = (typeof PLAIN_DECODERS)[number];
export const DECODER_KINDS = [...PLAIN_DECODERS, 'avro', 'protobuf'] as const;
export type DecoderKind = (typeof DECODER_KINDS)[number];

/**
 * How to decode a key or a value. `confluent` says the bytes carry the Confluent wire format
 * (magic byte 0, a 4-byte schema id, for Protobuf the message-index varints) before the payload.
 * Schema files are paths on the machine running the engine host.
 */
export type DecoderSpec =
  | { kind: PlainDecoderKind; confluent?: boolean }
  | { kind: 'avro'; schemaFile: string; confluent?: boolean }
  | { kind: 'protobuf'; schemaFile: string; messageType: string; confluent?: boolean };

export interface DecoderChoice {
  key: DecoderSpec;
  value: DecoderSpec;
}

/** A key, value or header value decoded: what the page shows, and the raw bytes always. */
export interface DecodedField {
  /** The raw bytes, base64: copy and download never depend on a decoder. */
  base64: string;
  size: number;
  /** The decoder that produced `text` (auto names what it detected; hex after a failure). */
  decoder: DecoderKind;
  /** What to show: UTF-8 text, pretty JSON, hex, a number… */
  text: string;
  /** The structured form (JSON, MessagePack, Avro, Protobuf, __consumer_offsets), for a tree. Bytes inside are { $bytes: base64 }, 64-bit integers strings. */
  tree?: unknown;
  /** Confluent wire format: the schema id in the framing. */
  schemaId?: number;
  /** Confluent wire format, Protobuf: the message indexes that were skipped. */
  messageIndexes?: number[];
  /** Why the chosen decoder failed (then `decoder` is 'hex'). */
  error?: string;
}

export interface MessageHeaderView {
  key: string;
  /** Null for a header without value. */
  value: DecodedField | null;
}

export const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type CompressionName = (typeof COMPRESSION_NAMES)[number];

/** The record batch a record came in, as Kafka stored it (record batch v2 header). */
export interface BatchFacts {
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  /** -1 for a producer without idempotence. 64-bit: a string when beyond 2^53. */
  producerId: number | string;
  producerEpoch: number;
  baseSequence: number;
  compression: CompressionName;
  transactional: boolean;
  control: boolean;
  partitionLeaderEpoch: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  baseTimestamp: number;
  maxTimestamp: number;
  sizeInBytes: number;
  crc: number;
}

export interface MessageRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  /** Null key / null value (a tombstone). */
  key: DecodedField | null;
  value: DecodedField | null;
  headers: MessageHeaderView[];
  /** -1 when null. */
  keySize: number;
  valueSize: number;
  /** Header keys (UTF-8) plus header values. */
  headersSize: number;
  batch: BatchFacts;
}

export interface MessagesReadRequest {
  topic: string;
  /** All partitions when absent. */
  partitions?: number[];
  start: ReadStart;
  /** Records in the answer; default 100. */
  limit?: number;
  /** Bytes of keys, values and headers in the answer; default 4 MiB. At least one record is always returned. */
  maxBytes?: number;
  isolationLevel?: IsolationLevelName;
  /** Default 'timestamp'. */
  order?: ReadOrder;
  /** Absent: the topic's remembered choice (messages:decoders-set), else auto. */
  decoders?: Partial<DecoderChoice>;
  /** Live tail: when nothing is there yet, wait up to this long for records. Default 0. */
  waitMs?: number;
}

export type ClampReason = 'below-log-start' | 'above-log-end';

export interface ReadPartitionResult {
  partition: number;
  /** The offset the start asked for (null for earliest/latest), before clamping. */
  requestedOffset: number | null;
  /** Where reading began. */
  startOffset: number;
  /** Set when the requested offset lay outside [logStartOffset, end] and was moved to its end. */
  clamped: ClampReason | null;
  /** Why a start resolved as it did: no record at or after a timestamp, no committed offset… */
  note: string | null;
  logStartOffset: number;
  highWatermark: number;
  /** -1 where the server does not report it. */
  lastStableOffset: number;
  /** Where the next read of this partition continues (feed back as start { kind: 'offsets' }). */
  nextOffset: number;
  /** Records of this partition in the answer. */
  records: number;
  /** Engine-only: the leader's folder of this partition in the embedded data folder; null on an external cluster. */
  leaderLogDir: string | null;
  /** Why this partition could not be read (no leader, its broker down…); the other partitions are read regardless. */
  error: { name: string; message: string } | null;
}

export type ReadStopReason = 'limit' | 'bytes' | 'end';

export interface MessagesReadResponse {
  topic: string;
  isolationLevel: IsolationLevelName;
  order: ReadOrder;
  decoders: DecoderChoice;
  partitions: ReadPartitionResult[];
  records: MessageRecord[];
  /** Why the read ended: the record limit, the byte budget, or the end of every partition. */
  stoppedBy: ReadStopReason;
  bytes: number;
}

/** How a produce picks the partition of a record without an explicit one. */
export const PARTITIONERS = ['murmur2', 'consistent_random'] as const;
export type PartitionerName = (typeof PARTITIONERS)[number];

/** Text as typed, or bytes. 'json' is text checked to be JSON before sending. */
export const PAYLOAD_FORMATS = ['text', 'json', 'base64', 'hex', 'avro', 'protobuf'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

/**
 * A key or value to send. 'avro' and 'protobuf' take `data` as JSON and encode it with the schema
 * file (`confluent: true` adds the Confluent framing with `schemaId`).
 */
export interface ProducePayload {
  format: PayloadFormat;
  data: string;
  schemaFile?: string;
  messageType?: string;
  confluent?: boolean;
  schemaId?: number;
}

export const ACKS_VALUES = [0, 1, -1] as const;

export interface MessagesProduceRequest {
  topic: string;
  /** Null or absent: a record without key. */
  key?: ProducePayload | null;
  /** Null: a tombstone. */
  value: ProducePayload | null;
  headers?: Array<{ key: string; value: ProducePayload | null }>;
  partition?: number;
  /** For records without `partition`; default murmur2 (the Java client's and kafkajs's). */
  partitioner?: PartitionerName;
  compression?: CompressionName;
  /** Default -1 (all in-sync replicas). */
  acks?: 0 | 1 | -1;
  /** Milliseconds; default now. */
  timestamp?: number;
}

export interface MessagesProduceResponse {
  topic: string;
  partition: number;
  /** -1 with acks=0. */
  offset: number;
  /** LogAppendTime when the topic uses it, else the record's CreateTime. */
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  partitioner: PartitionerName | 'explicit';
}

export interface PartitionForKeyRequest {
  topic: string;
  key: ProducePayload;
}

export interface PartitionForKeyResponse {
  topic: string;
  partitions: number;
  /** The partition each client's keyed partitioner picks; null where it picks at random (consistent_random and an empty key). */
  byPartitioner: Record<PartitionerName, number | null>;
}

export interface DecodersGetResponse {
  topic: string;
  /** The remembered choice, or auto for both. */
  decoders: DecoderChoice;
  remembered: boolean;
}

export interface DecodersSetRequest extends DecoderChoice {
  topic: string;
}

/** messages:check-schema: a schema file parses (and names the message type), before it is used. */
export interface SchemaCheckRequest {
  kind: 'avro' | 'protobuf';
  schemaFile: string;
  messageType?: string;
}

export interface SchemaCheckResponse {
  schemaFile: string;
  /** Avro: the schema's full name or type; Protobuf: the message types the file defines. */
  names: string[];
}

/** Error names of the messages channels that are not Kafka's own. */
export const MessagesErrorName = {
  /** A schema file that does not exist, cannot be read, or does not parse. */
  INVALID_SCHEMA_FILE: 'INVALID_SCHEMA_FILE',
  /** A key, value or header to produce that its format refuses (invalid JSON, hex, a value the schema rejects). */
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
} as const;
