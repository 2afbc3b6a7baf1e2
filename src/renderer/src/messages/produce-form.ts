// The produce form's state, its checks before sending (JSON parses, hex is hex, a partition exists)
// and the messages:produce request it makes; "Produce again" fills it from a record.
import type { ACKS_VALUES } from '../../../shared/messages-types';
import type { CompressionName, DecodedField, MessageRecord, MessagesProduceRequest, PartitionerName, ProducePayload } from '../../../shared/messages-types';
import type { Fmt } from '../i18n/fmt';
import { base64ToBytes } from './bytes';

export type AcksValue = (typeof ACKS_VALUES)[number];

export const FORM_FORMATS = ['text', 'json', 'base64', 'hex', 'avro', 'protobuf'] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

/** Avro and Protobuf: JSON typed in the form, encoded in the engine host with a local schema file. */
export interface SchemaInput {
  file: string;
  /** Protobuf only: the message type, e.g. `shop.Order`. */
  messageType: string;
  /** Prefix the Confluent wire format (magic byte, schema id; Protobuf's message indexes). */
  confluent: boolean;
  schemaId: string;
}

export interface PayloadInput {
  /** False: no key / a tombstone / a header without value. */
  present: boolean;
  format: FormFormat;
  data: string;
  schema?: SchemaInput;
}

export function emptySchema(): SchemaInput {
  return { file: '', messageType: '', confluent: false, schemaId: '' };
}

export function usesSchema(format: FormFormat): boolean {
  return format === 'avro' || format === 'protobuf';
}

export interface ProduceForm {
  key: PayloadInput;
  value: PayloadInput;
  headers: Array<{ key: string; value: PayloadInput }>;
  /** '' : the partitioner picks. */
  partition: string;
  partitioner: PartitionerName;
  compression: CompressionName;
  acks: AcksValue;
}

export function emptyForm(): ProduceForm {
  return {
    key: { present: true, format: 'text', data: '' },
    value: { present: true, format: 'json', data: '' },
    headers: [],
    partition: '',
    partitioner: 'murmur2',
    compression: 'none',
    acks: -1,
  };
}

/** The raw bytes as UTF-8 text, or null when they are not valid UTF-8. */
function utf8(b64: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(b64));
  } catch {
    return null;
  }
}

/** The record's own bytes (not the pretty-printed form), as text when they are UTF-8. */
function fromField(f: DecodedField | null): PayloadInput {
  if (f === null) return { present: false, format: 'text', data: '' };
  const text = f.decoder === 'json' || f.decoder === 'utf8' ? utf8(f.base64) : null;
  if (text !== null) return { present: true, format: f.decoder === 'json' ? 'json' : 'text', data: text };
  return { present: true, format: 'base64', data: f.base64 };
}

/** "Produce again": the record's key, value, headers and partition. */
export function formFromRecord(r: MessageRecord): ProduceForm {
  return {
    ...emptyForm(),
    key: fromField(r.key),
    value: fromField(r.value),
    headers: r.headers.map((h) => ({ key: h.key, value: fromField(h.value) })),
    partition: String(r.partition),
    compression: r.batch.compression,
  };
}

export type FormErrors = Partial<Record<'key' | 'value' | 'partition' | `header${number}`, string>>;

function check(p: PayloadInput, fmt: Fmt): string | undefined {
  if (!p.present) return undefined;
  if (usesSchema(p.format)) {
    const schema = p.schema ?? emptySchema();
    if (schema.file.trim() === '') return fmt.t('produce.schemaFileMissing');
    if (p.format === 'protobuf' && schema.messageType.trim() === '') return fmt.t('produce.messageTypeMissing');
    if (schema.confluent && !(/^\d{1,10}$/.test(schema.schemaId.trim()) && Number(schema.schemaId.trim()) <= 2 ** 31 - 1)) return fmt.t('produce.schemaIdInvalid');
  }
  if (p.format === 'json' || usesSchema(p.format)) {
    try {
      JSON.parse(p.data);
    } catch (e) {
      return fmt.t('produce.invalidJson', { reason: e instanceof Error ? e.message : String(e) });
    }
  }
  if (p.format === 'hex' && !/^([0-9a-fA-F]{2}\s*)*$/.test(p.data.trim())) return fmt.t('produce.invalidHex');
  if (p.format === 'base64' && !/^[A-Za-z0-9+/]*={0,2}$/.test(p.data.trim())) return fmt.t('produce.invalidBase64');
  return undefined;
}

function payload(p: PayloadInput): ProducePayload | null {
  if (!p.present) return null;
  const out: ProducePayload = { format: p.format, data: p.format === 'hex' ? p.data.replace(/\s/g, '') : p.format === 'base64' ? p.data.trim() : p.data };
  if (usesSchema(p.format) && p.schema) {
    out.schemaFile = p.schema.file.trim();
    if (p.format === 'protobuf') out.messageType = p.schema.messageType.trim();
    if (p.schema.confluent) {
      out.confluent = true;
      out.schemaId = Number(p.schema.schemaId.trim());
    }
  }
  return out;
}

export function validateProduce(topic: string, form: ProduceForm, partitions: number | null, fmt: Fmt): { errors: FormErrors; request: MessagesProduceRequest | null } {
  const errors: FormErrors = {};
  const k = check(form.key, fmt);
  if (k) errors.key = k;
  const v = check(form.value, fmt);
  if (v) errors.value = v;
  form.headers.forEach((h, i) => {
    const e = h.key === '' ? fmt.t('produce.headerKeyMissing') : check(h.value, fmt);
    if (e) errors[`header${i}`] = e;
  });
  let partition: number | undefined;
  if (form.partition.trim() !== '') {
    if (!/^\d+$/.test(form.partition.trim())) errors.partition = fmt.t('produce.partitionNumber');
    else {
      partition = Number(form.partition.trim());
      if (partitions !== null && partition >= partitions) errors.partition = fmt.t('produce.partitionMissing', { partition, count: partitions });
    }
  }
  if (Object.keys(errors).length) return { errors, request: null };
  const request: MessagesProduceRequest = {
    topic,
    key: payload(form.key),
    value: payload(form.value),
    headers: form.headers.map((h) => ({ key: h.key, value: payload(h.value) })),
    compression: form.compression,
    acks: form.acks,
  };
  if (partition !== undefined) request.partition = partition;
  else request.partitioner = form.partitioner;
  return { errors, request };
}
