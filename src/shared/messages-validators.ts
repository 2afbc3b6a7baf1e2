// Request validators of the messages:* and topic-detail channels. Starts, decoders and payloads
// are tagged unions, which the generic object() validator cannot express alone.
import { arrayOf, groupId } from './groups-validators';
import {
  ACKS_VALUES,
  COMPRESSION_NAMES,
  ISOLATION_LEVELS,
  PARTITIONERS,
  PAYLOAD_FORMATS,
  PLAIN_DECODERS,
  READ_ORDERS,
  READ_START_KINDS,
  type DecoderSpec,
  type DecodersSetRequest,
  type MessagesProduceRequest,
  type MessagesReadRequest,
  type PartitionForKeyRequest,
  type ProducePayload,
  type ReadStart,
  type SchemaCheckRequest,
} from './messages-types';
import type { TopicAddPartitionsRequest, TopicAlterConfigsRequest, TopicDeleteRecordsRequest } from './topic-admin-types';
import { bool, int, object, oneOf, optional, RequestValidationError, str, stringRecord, type Validator } from './validate';

export const messagesTopicName = str({ minLength: 1, maxLength: 249, pattern: /^[a-zA-Z0-9._-]+$/, patternText: 'a Kafka topic name (letters, digits, ".", "_", "-")' });
const partitionIndex = int(0, 2 ** 31 - 1);
const offset = int(0, Number.MAX_SAFE_INTEGER);
/** Up to 16 MiB of text per key, value or header; the record size limit is Kafka's to enforce (MESSAGE_TOO_LARGE). */
const payloadText = str({ maxLength: 16 * 1024 * 1024 });
const schemaFile = str({ minLength: 1, maxLength: 4096 });
const messageType = str({ minLength: 1, maxLength: 1024, pattern: /^\.?[A-Za-z_][\w.]*$/, patternText: 'a Protobuf message type name (package.Message)' });

export const MAX_READ_LIMIT = 10_000;
/** An answer crosses IPC and HTTP as one JSON message: raw bytes in base64 plus the decoded form. */
export const MAX_READ_BYTES = 16 * 1024 * 1024;
export const MAX_WAIT_MS = 10_000;

function kindOf<K extends string>(kinds: readonly K[], value: unknown, path: string): K {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object`);
  return oneOf(kinds)((value as { kind?: unknown }).kind, `${path}.kind`);
}

function literal<T extends string>(expected: T): Validator<T> {
  return (value, path) => {
    if (value !== expected) throw new RequestValidationError(`${path} must be ${JSON.stringify(expected)}`);
    return expected;
  };
}

/** Partition number → offset, as `{ "0": 12, "3": 40 }`. */
const partitionOffsets: Validator<Record<string, number>> = (value, path) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestValidationError(`${path} must be an object of partition → offset`);
  const entries = Object.entries(value);
  if (entries.length === 0) throw new RequestValidationError(`${path} must name at least one partition`);
  if (entries.length > 100_000) throw new RequestValidationError(`${path} must have at most 100000 entries`);
  const out: Record<string, number> = {};
  for (const [k, v] of entries) {
    if (!/^(0|[1-9]\d{0,9})$/.test(k) || Number(k) > 2 ** 31 - 1) throw new RequestValidationError(`${path} has '${k}', which is not a partition number`);
    out[k] = int(-1, Number.MAX_SAFE_INTEGER)(v, `${path}.${k}`);
  }
  return out;
};

const START_SHAPES: { [K in ReadStart['kind']]: Validator<Extract<ReadStart, { kind: K }>> } = {
  earliest: object({ kind: literal('earliest') }),
  latest: object({ kind: literal('latest'), count: int(0, MAX_READ_LIMIT) }),
  offset: object({ kind: literal('offset'), offset }),
  offsets: object({ kind: literal('offsets'), offsets: partitionOffsets }) as Validator<Extract<ReadStart, { kind: 'offsets' }>>,
  timestamp: object({ kind: literal('timestamp'), timestamp: int(0, Number.MAX_SAFE_INTEGER) }),
  group: object({ kind: literal('group'), group: groupId }),
};

export const readStart: Validator<ReadStart> = (value, path) => START_SHAPES[kindOf(READ_START_KINDS, value, path)](value, path);

export const decoderSpec: Validator<DecoderSpec> = (value, path) => {
  const kind = kindOf([...PLAIN_DECODERS, 'avro', 'protobuf'] as const, value, path);
  if (kind === 'avro') return object({ kind: literal('avro'), schemaFile, confluent: optional(bool) })(value, path);
  if (kind === 'protobuf') return object({ kind: literal('protobuf'), schemaFile, messageType, confluent: optional(bool) })(value, path);
  return object({ kind: oneOf(PLAIN_DECODERS), confluent: optional(bool) })(value, path);
};

const decoderChoicePartial = object({ key: optional(decoderSpec), value: optional(decoderSpec) });

export const readRequest: Validator<MessagesReadRequest> = object({
  topic: messagesTopicName,
  partitions: optional(arrayOf(partitionIndex, { minItems: 1, maxItems: 100_000 })),
  start: readStart,
  limit: optional(int(1, MAX_READ_LIMIT)),
  maxBytes: optional(int(1, MAX_READ_BYTES)),
  isolationLevel: optional(oneOf(ISOLATION_LEVELS)),
  order: optional(oneOf(READ_ORDERS)),
  decoders: optional(decoderChoicePartial),
  waitMs: optional(int(0, MAX_WAIT_MS)),
});

const payloadShape = object({
  format: oneOf(PAYLOAD_FORMATS),
  data: payloadText,
  schemaFile: optional(schemaFile),
  messageType: optional(messageType),
  confluent: optional(bool),
  schemaId: optional(int(0, 2 ** 31 - 1)),
});

export const producePayload: Validator<ProducePayload> = (value, path) => {
  const p = payloadShape(value, path);
  if ((p.format === 'avro' || p.format === 'protobuf') && p.schemaFile === undefined) throw new RequestValidationError(`${path}.schemaFile is required for ${p.format}`);
  if (p.format === 'protobuf' && p.messageType === undefined) throw new RequestValidationError(`${path}.messageType is required for protobuf`);
  if (p.confluent === true && p.schemaId === undefined) throw new RequestValidationError(`${path}.schemaId is required with the Confluent framing`);
  return p;
};

const nullable =
  <T>(v: Validator<T>): Validator<T | null> =>
  (value, path) =>
    value === null ? null : v(value, path);

const headerKey = str({ maxLength: 32_767 });

export const produceRequest: Validator<MessagesProduceRequest> = object({
  topic: messagesTopicName,
  key: optional(nullable(producePayload)),
  value: nullable(producePayload),
  headers: optional(arrayOf(object({ key: headerKey, value: nullable(producePayload) }), { maxItems: 10_000 })),
  partition: optional(partitionIndex),
  partitioner: optional(oneOf(PARTITIONERS)),
  compression: optional(oneOf(COMPRESSION_NAMES)),
  acks: optional(((value, path) => {
    if (!(ACKS_VALUES as readonly unknown[]).includes(value)) throw new RequestValidationError(`${path} must be one of 0, 1, -1, got ${JSON.stringify(value)}`);
    return value as 0 | 1 | -1;
  }) as Validator<0 | 1 | -1>),
  timestamp: optional(int(0, Number.MAX_SAFE_INTEGER)),
});

export const partitionForKeyRequest: Validator<PartitionForKeyRequest> = object({ topic: messagesTopicName, key: producePayload });

export const topicRequest = object({ topic: messagesTopicName });

export const decodersSetRequest: Validator<DecodersSetRequest> = object({ topic: messagesTopicName, key: decoderSpec, value: decoderSpec });

export const schemaCheckRequest: Validator<SchemaCheckRequest> = object({
  kind: oneOf(['avro', 'protobuf'] as const),
  schemaFile,
  messageType: optional(messageType),
});

const configName = str({ minLength: 1, maxLength: 1024 });

export const alterConfigsRequest: Validator<TopicAlterConfigsRequest> = (value, path) => {
  const req = object({
    name: messagesTopicName,
    set: optional(stringRecord(1024)),
    delete: optional(arrayOf(configName, { maxItems: 1024 })),
    validateOnly: optional(bool),
  })(value, path);
  const set = Object.keys(req.set ?? {});
  if (set.length === 0 && (req.delete ?? []).length === 0) throw new RequestValidationError(`${path} must set or delete at least one config`);
  const both = set.find((k) => req.delete?.includes(k));
  if (both !== undefined) throw new RequestValidationError(`${path} both sets and deletes '${both}'`);
  return req;
};

export const addPartitionsRequest: Validator<TopicAddPartitionsRequest> = object({ name: messagesTopicName, totalCount: int(1, 1_000_000) });

export const deleteRecordsRequest: Validator<TopicDeleteRecordsRequest> = object({ name: messagesTopicName, before: partitionOffsets });

export const topicNameRequest = object({ name: messagesTopicName });
