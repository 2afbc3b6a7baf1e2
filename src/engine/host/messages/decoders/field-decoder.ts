// One decoder per read and role (key or value), prepared before any record is read — libraries
// loaded, schema files parsed — so decoding each record is synchronous and a bad schema file fails
// the read up front with its reason. A record its decoder refuses falls back to hex with the
// reason; the raw bytes travel with every field.
import { createRequire } from 'node:module';
import type * as Msgpack from '@msgpack/msgpack';
import type { DecodedField, DecoderSpec } from '../../../../shared/messages-types';
import type { SchemaFiles } from '../schema-files';
import { looksConfluent, readConfluentFrame } from './confluent-framing';
import { CONSUMER_OFFSETS_TOPIC, decodeConsumerOffsetsKey, decodeConsumerOffsetsValue } from './consumer-offsets';
import { asBase64, asFloat64, asHex, asInt32, asInt64, asJson, asUtf8, DecodeError, isPrintableText, type DecodedForm } from './plain-decoders';
import { toTree, treeText } from './tree-value';

const requireLib = createRequire(import.meta.url);
let msgpackLib: typeof Msgpack | null = null;
const msgpack = (): typeof Msgpack => (msgpackLib ??= requireLib('@msgpack/msgpack') as typeof Msgpack);

export interface DecodeContext {
  topic: string;
  role: 'key' | 'value' | 'header';
  /** The record's key, for decoders whose value format depends on it (__consumer_offsets). */
  key: Buffer | null;
}

export type FieldDecoder = (bytes: Buffer, ctx: DecodeContext) => DecodedForm;

function asMsgpack(bytes: Buffer): DecodedForm {
  let value: unknown;
  try {
    value = msgpack().decode(bytes, { useBigInt64: true });
  } catch (err) {
    throw new DecodeError(`not MessagePack: ${(err as Error).message}`);
  }
  const tree = toTree(value);
  return { decoder: 'msgpack', text: treeText(tree), tree };
}

/** A MessagePack map or array header: what auto-detection accepts as MessagePack. */
function startsLikeMsgpackContainer(b: number): boolean {
  return (b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf);
}

/**
 * What auto-detection tries, in order: __consumer_offsets records on that topic; JSON; printable
 * UTF-8; the Confluent framing (schema id shown, payload in hex: decoding it needs a schema file);
 * 4 and 8 bytes as big-endian int32 / int64; a MessagePack map or array; hex.
 */
function autoDetect(bytes: Buffer, ctx: DecodeContext): DecodedForm {
  if (ctx.topic === CONSUMER_OFFSETS_TOPIC && ctx.role !== 'header') {
    try {
      return ctx.role === 'key' ? decodeConsumerOffsetsKey(bytes) : decodeConsumerOffsetsValue(bytes, ctx.key);
    } catch {
      // fall through to the generic guesses
    }
  }
  if (bytes.length === 0) return { decoder: 'utf8', text: '' };
  if (isPrintableText(bytes)) {
    const first = bytes[0]!;
    // Only objects, arrays and strings count as JSON: "42" or "true" are as much plain text.
    if (first === 0x7b || first === 0x5b || first === 0x22) {
      try {
        return asJson(bytes);
      } catch {
        // text that merely starts like JSON
      }
    }
    return asUtf8(bytes);
  }
  if (looksConfluent(bytes)) {
    const { schemaId, payload } = readConfluentFrame(bytes, false);
    return { decoder: 'hex', text: payload.toString('hex'), schemaId };
  }
  if (bytes.length === 4) return asInt32(bytes);
  if (bytes.length === 8) return asInt64(bytes);
  if (startsLikeMsgpackContainer(bytes[0]!)) {
    try {
      return asMsgpack(bytes);
    } catch {
      // not MessagePack after all
    }
  }
  return asHex(bytes);
}

function framed(decode: (payload: Buffer) => DecodedForm, protobuf: boolean): FieldDecoder {
  return (bytes) => {
    const frame = readConfluentFrame(bytes, protobuf);
    return { ...decode(frame.payload), schemaId: frame.schemaId, ...(frame.messageIndexes ? { messageIndexes: frame.messageIndexes } : {}) };
  };
}

/** Loads what the spec needs; INVALID_SCHEMA_FILE when a schema file is missing or does not parse. */
export async function prepareDecoder(spec: DecoderSpec, schemas: SchemaFiles): Promise<FieldDecoder> {
  switch (spec.kind) {
    case 'avro': {
      const { type } = await schemas.avroSchema(spec.schemaFile);
      const decode = (payload: Buffer): DecodedForm => {
        let value: unknown;
        try {
          value = type.fromBuffer(payload);
        } catch (err) {
          throw new DecodeError(`not Avro of schema ${type.name ?? type.typeName}: ${(err as Error).message}`);
        }
        const tree = toTree(value);
        return { decoder: 'avro', text: treeText(tree), tree };
      };
      return spec.confluent ? framed(decode, false) : (bytes) => decode(bytes);
    }
    case 'protobuf': {
      const type = await schemas.protobufType(spec.schemaFile, spec.messageType);
      const decode = (payload: Buffer): DecodedForm => {
        let tree: unknown;
        try {
          const message = type.decode(payload);
          tree = toTree(type.toObject(message, { longs: String, enums: String, bytes: String, defaults: true, oneofs: true }));
        } catch (err) {
          throw new DecodeError(`not Protobuf ${type.fullName.replace(/^\./, '')}: ${(err as Error).message}`);
        }
        return { decoder: 'protobuf', text: treeText(tree), tree };
      };
      return spec.confluent ? framed(decode, true) : (bytes) => decode(bytes);
    }
    case 'auto':
      return spec.confluent ? framed((p) => autoDetect(p, { topic: '', role: 'value', key: null }), false) : autoDetect;
    case 'consumer-offsets':
      return (bytes, ctx) => (ctx.role === 'value' ? decodeConsumerOffsetsValue(bytes, ctx.key) : decodeConsumerOffsetsKey(bytes));
    default: {
      const plain: Record<typeof spec.kind, (b: Buffer) => DecodedForm> = {
        utf8: asUtf8,
        json: asJson,
        hex: asHex,
        base64: asBase64,
        int32: asInt32,
        int64: asInt64,
        float64: asFloat64,
        msgpack: asMsgpack,
      };
      const decode = plain[spec.kind];
      return spec.confluent ? framed(decode, false) : (bytes) => decode(bytes);
    }
  }
}

/** Decodes one field; a refusal keeps the reason and shows hex. */
export function decodeField(bytes: Buffer, decoder: FieldDecoder, ctx: DecodeContext): DecodedField {
  const base64 = bytes.toString('base64');
  try {
    return { base64, size: bytes.length, ...decoder(bytes, ctx) };
  } catch (err) {
    // Any library error counts as the record's: one odd record must not fail the whole read.
    const reason = err instanceof DecodeError ? err.message : `the decoder failed: ${err instanceof Error ? err.message : String(err)}`;
    return { base64, size: bytes.length, decoder: 'hex', text: bytes.toString('hex'), error: reason };
  }
}
