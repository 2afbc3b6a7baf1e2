// A key, value or header value to produce, as bytes: text as typed, JSON checked before sending
// (and sent as typed, not re-serialized), base64 and hex strictly parsed, Avro and Protobuf
// encoded from JSON with a local schema file, optionally in the Confluent framing. A refusal is
// INVALID_PAYLOAD naming the field and the reason; nothing is sent.
import type * as Protobuf from 'protobufjs';
import { ConsoleApiError } from '../../../shared/console-errors';
import { MessagesErrorName, type ProducePayload } from '../../../shared/messages-types';
import { writeConfluentFrame } from './decoders/confluent-framing';
import { isMessageType, type SchemaFiles } from './schema-files';

function refuse(field: string, reason: string): ConsoleApiError {
  return new ConsoleApiError(MessagesErrorName.INVALID_PAYLOAD, `${field} ${reason}`, { field });
}

function parseJson(field: string, data: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (err) {
    throw refuse(field, `is not valid JSON: ${(err as Error).message}`);
  }
}

/** Confluent's message indexes of a type: its position among the messages of each enclosing scope. */
function messageIndexes(type: Protobuf.Type): number[] {
  const path: number[] = [];
  let current: Protobuf.ReflectionObject = type;
  while (isMessageType(current.parent)) {
    const parent: Protobuf.Type = current.parent;
    path.unshift(parent.nestedArray.filter(isMessageType).indexOf(current as Protobuf.Type));
    current = parent;
  }
  const scope = current.parent;
  path.unshift(scope ? scope.nestedArray.filter(isMessageType).indexOf(current as Protobuf.Type) : 0);
  return path;
}

export async function encodePayload(field: string, p: ProducePayload, schemas: SchemaFiles): Promise<Buffer> {
  switch (p.format) {
    case 'text':
      return Buffer.from(p.data, 'utf8');
    case 'json':
      parseJson(field, p.data);
      return Buffer.from(p.data, 'utf8');
    case 'base64': {
      const clean = p.data.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw refuse(field, 'is not valid base64');
      return Buffer.from(clean, 'base64');
    }
    case 'hex': {
      const clean = p.data.replace(/\s+/g, '');
      if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw refuse(field, 'is not valid hex (pairs of 0-9, a-f)');
      return Buffer.from(clean, 'hex');
    }
    case 'avro': {
      const { type } = await schemas.avroSchema(p.schemaFile!);
      const value = parseJson(field, p.data);
      const problems: string[] = [];
      type.isValid(value, { errorHook: (path: string[], v: unknown) => problems.push(`${path.length > 0 ? path.join('.') : '(the value)'} = ${JSON.stringify(v)}`) });
      if (problems.length > 0) throw refuse(field, `does not fit the Avro schema ${type.name ?? type.typeName}: ${problems.slice(0, 5).join('; ')}`);
      const payload = type.toBuffer(value);
      return p.confluent ? writeConfluentFrame(p.schemaId!, payload) : payload;
    }
    case 'protobuf': {
      const type = await schemas.protobufType(p.schemaFile!, p.messageType!);
      const value = parseJson(field, p.data);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(field, `must be a JSON object for Protobuf ${p.messageType}`);
      const unknown = Object.keys(value).filter((k) => !type.fields[k] && !type.oneofs?.[k]);
      if (unknown.length > 0) throw refuse(field, `has fields Protobuf ${p.messageType} does not define: ${unknown.join(', ')}`);
      let payload: Buffer;
      try {
        const message = type.fromObject(value as Record<string, unknown>);
        const problem = type.verify(message);
        if (problem) throw new Error(problem);
        payload = Buffer.from(type.encode(message).finish());
      } catch (err) {
        throw refuse(field, `does not fit Protobuf ${p.messageType}: ${(err as Error).message}`);
      }
      return p.confluent ? writeConfluentFrame(p.schemaId!, payload, messageIndexes(type)) : payload;
    }
  }
}
