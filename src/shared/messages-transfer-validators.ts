// Request validators of messages:export, messages:import and messages:replay.
import { arrayOf } from './groups-validators';
import { isBase64 } from './messages-transfer-format';
import {
  EXPORT_FORMATS,
  TRANSFER_END_KINDS,
  type MessagesExportRequest,
  type MessagesImportRequest,
  type MessagesReplayRequest,
  type ReplayTarget,
  type TransferEnd,
  type TransferRecord,
  type TransferSelection,
} from './messages-transfer-types';
import { ISOLATION_LEVELS } from './messages-types';
import { decoderSpec, messagesTopicName, readStart } from './messages-validators';
import { bool, int, object, oneOf, optional, RequestValidationError, str, type Validator } from './validate';

const partitionIndex = int(0, 2 ** 31 - 1);
const offset = int(0, Number.MAX_SAFE_INTEGER);
/** Rows picked by hand, and records per import request. */
export const MAX_TRANSFER_ROWS = 100_000;

const partitionOffsets: Validator<Record<string, number>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object of partition → offset`);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!/^(0|[1-9]\d{0,9})$/.test(k)) throw new RequestValidationError(`${path} has '${k}', which is not a partition number`);
    out[k] = offset(v, `${path}.${k}`);
  }
  return out;
};

const END_SHAPES: { [K in TransferEnd['kind']]: Validator<Extract<TransferEnd, { kind: K }>> } = {
  offset: object({ kind: oneOf(['offset'] as const), offset }),
  offsets: object({ kind: oneOf(['offsets'] as const), offsets: partitionOffsets }) as Validator<Extract<TransferEnd, { kind: 'offsets' }>>,
  timestamp: object({ kind: oneOf(['timestamp'] as const), timestamp: int(0, Number.MAX_SAFE_INTEGER) }),
};

const transferEnd: Validator<TransferEnd> = (value, path) => {
  if (typeof value !== 'object' || value === null) throw new RequestValidationError(`${path} must be an object`);
  const kind = oneOf(TRANSFER_END_KINDS)((value as { kind?: unknown }).kind, `${path}.kind`);
  return END_SHAPES[kind](value, path);
};

/** The search filter travels as is; the engine decides whether it can run it. */
const opaqueFilter: Validator<Record<string, unknown>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  return value as Record<string, unknown>;
};

export const transferSelection: Validator<TransferSelection> = object({
  topic: messagesTopicName,
  partitions: optional(arrayOf(partitionIndex, { minItems: 1, maxItems: 100_000 })),
  start: optional(readStart),
  end: optional(transferEnd),
  maxRecords: optional(int(1, Number.MAX_SAFE_INTEGER)),
  isolationLevel: optional(oneOf(ISOLATION_LEVELS)),
  rows: optional(arrayOf(object({ partition: partitionIndex, offset }), { minItems: 1, maxItems: MAX_TRANSFER_ROWS })),
  filter: optional(opaqueFilter),
});

export const exportRequest: Validator<MessagesExportRequest> = object({
  selection: transferSelection,
  format: oneOf(EXPORT_FORMATS),
  decoders: optional(object({ key: optional(decoderSpec), value: optional(decoderSpec) })),
});

const base64Bytes: Validator<string | null> = (value, path) => {
  if (value === null) return null;
  if (typeof value !== 'string' || !isBase64(value)) throw new RequestValidationError(`${path} must be null or base64`);
  return value;
};

const transferRecord: Validator<TransferRecord> = object({
  key: base64Bytes,
  value: base64Bytes,
  headers: arrayOf(object({ key: str({ maxLength: 32_767 }), value: base64Bytes }), { maxItems: 10_000 }),
  timestamp: optional(int(0, Number.MAX_SAFE_INTEGER)),
  partition: optional(partitionIndex),
});

export const importRequest: Validator<MessagesImportRequest> = object({
  topic: messagesTopicName,
  records: arrayOf(transferRecord, { minItems: 1, maxItems: MAX_TRANSFER_ROWS }),
  keepTimestamps: optional(bool),
  keepPartitions: optional(bool),
});

const headerName = str({ minLength: 1, maxLength: 32_767 });

const replayTarget: Validator<ReplayTarget> = (value, path) => {
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'topic') return object({ kind: oneOf(['topic'] as const), topic: messagesTopicName })(value, path);
  if (kind === 'original-topic') return object({ kind: oneOf(['original-topic'] as const), headers: optional(arrayOf(headerName, { minItems: 1, maxItems: 16 })) })(value, path);
  throw new RequestValidationError(`${path}.kind must be "topic" or "original-topic"`);
};

export const replayRequest: Validator<MessagesReplayRequest> = object({
  selection: transferSelection,
  target: replayTarget,
  keepTimestamps: optional(bool),
  keepPartitions: optional(bool),
  dryRun: optional(bool),
  jobId: optional(str({ minLength: 1, maxLength: 128 })),
});

export const replayCancelRequest = object({ jobId: str({ minLength: 1, maxLength: 128 }) });
