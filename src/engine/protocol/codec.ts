import { ProtocolError, UnsupportedVersionError } from './protocol-error';
import { Reader } from './reader';
import {
  inVersions,
  type Field,
  type FieldType,
  type MessageInput,
  type MessageOf,
  type MessageSchema,
  type StructType,
} from './schema';
import { Writer } from './writer';

/**
 * One generic encoder/decoder driven by the schema tables. Each (struct, version) is compiled
 * once into a list of closures and cached, so a message is never interpreted from the table on
 * the hot path.
 *
 * Deviation from Kafka: encoding silently drops fields that the target version does not have,
 * even when Kafka would throw UnsupportedVersionException for a non-ignorable field set to a
 * non-default value. Handlers choose the version; the client checks features before sending.
 */

type Obj = Record<string, unknown>;
type ReadFn = (r: Reader) => unknown;
type WriteFn = (w: Writer, v: unknown) => void;

interface TypeCodec {
  read: ReadFn;
  write: WriteFn;
}

interface CompiledStruct extends TypeCodec {
  /** A fresh object with every field at its default. */
  make(): Obj;
  isDefault(v: unknown): boolean;
}

const EMPTY = Buffer.alloc(0);
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

const cache = new WeakMap<StructType, Map<number, CompiledStruct>>();
const messageStructs = new WeakMap<MessageSchema, StructType>();

function typeLabel(t: FieldType): string {
  return typeof t === 'string' ? t : t.kind === 'array' ? `[]${typeLabel(t.of)}` : t.name;
}

function fail(path: string, what: string): never {
  throw new ProtocolError(`${path}: ${what}`);
}

/** Kafka's default for a field: its schema default, else the type's zero. */
function defaultFactory(f: Field, version: number, flexible: boolean): () => unknown {
  if (f.default !== undefined) {
    const d = f.default;
    return () => d;
  }
  const t = f.type;
  if (typeof t === 'string') {
    switch (t) {
      case 'int64':
        return () => 0n;
      case 'bool':
        return () => false;
      case 'string':
        return () => '';
      case 'bytes':
        return () => EMPTY;
      case 'records':
        return () => null;
      case 'uuid':
        return () => ZERO_UUID;
      default:
        return () => 0;
    }
  }
  if (t.kind === 'array') return () => [];
  const s = compileStruct(t, version, flexible);
  return () => s.make();
}

function isDefaultFn(f: Field, version: number, flexible: boolean): (v: unknown) => boolean {
  if (f.default !== undefined) {
    const d = f.default;
    return (v) => v === d;
  }
  const t = f.type;
  if (typeof t === 'string') {
    switch (t) {
      case 'int64':
        return (v) => v === 0n;
      case 'bool':
        return (v) => v === false;
      case 'string':
        return (v) => v === '';
      case 'bytes':
        return (v) => v instanceof Uint8Array && v.length === 0;
      case 'records':
        return (v) => v === null;
      case 'uuid':
        return (v) => v === ZERO_UUID;
      default:
        return (v) => v === 0;
    }
  }
  if (t.kind === 'array') return (v) => Array.isArray(v) && v.length === 0;
  const s = compileStruct(t, version, flexible);
  return (v) => s.isDefault(v);
}

function primitiveCodec(t: string, flexible: boolean, nullable: boolean, path: string): TypeCodec {
  switch (t) {
    case 'int8':
      return { read: (r) => r.int8(), write: (w, v) => w.int8(v as number) };
    case 'int16':
      return { read: (r) => r.int16(), write: (w, v) => w.int16(v as number) };
    case 'uint16':
      return { read: (r) => r.uint16(), write: (w, v) => w.uint16(v as number) };
    case 'int32':
      return { read: (r) => r.int32(), write: (w, v) => w.int32(v as number) };
    case 'uint32':
      return { read: (r) => r.uint32(), write: (w, v) => w.uint32(v as number) };
    case 'int64':
      return { read: (r) => r.int64(), write: (w, v) => w.int64(v as bigint) };
    case 'float64':
      return { read: (r) => r.float64(), write: (w, v) => w.float64(v as number) };
    case 'bool':
      return { read: (r) => r.bool(), write: (w, v) => w.bool(v as boolean) };
    case 'uuid':
      return { read: (r) => r.uuid(), write: (w, v) => w.uuid(v as string) };
    case 'string':
      if (flexible) {
        return nullable
          ? { read: (r) => r.compactNullableString(), write: (w, v) => w.compactNullableString(v as string | null) }
          : { read: (r) => r.compactString(), write: (w, v) => w.compactString(notNull(v, path) as string) };
      }
      return nullable
        ? { read: (r) => r.nullableString(), write: (w, v) => w.nullableString(v as string | null) }
        : { read: (r) => r.string(), write: (w, v) => w.string(notNull(v, path) as string) };
    case 'bytes':
    case 'records':
      if (flexible) {
        return nullable
          ? { read: (r) => r.compactNullableBytes(), write: (w, v) => w.compactNullableBytes(v as Buffer | null) }
          : { read: (r) => r.compactBytes(), write: (w, v) => w.compactBytes(notNull(v, path) as Buffer) };
      }
      return nullable
        ? { read: (r) => r.nullableBytes(), write: (w, v) => w.nullableBytes(v as Buffer | null) }
        : { read: (r) => r.bytes(), write: (w, v) => w.bytes(notNull(v, path) as Buffer) };
    default:
      throw new Error(`${path}: unknown type ${t}`);
  }
}

function notNull(v: unknown, path: string): unknown {
  if (v === null) fail(path, 'null is not allowed in this version');
  return v;
}

function typeCodec(t: FieldType, version: number, flexible: boolean, nullable: boolean, path: string): TypeCodec {
  if (typeof t === 'string') return primitiveCodec(t, flexible, nullable, path);
  if (t.kind === 'struct') {
    if (nullable) throw new Error(`${path}: nullable structs are not supported`);
    return compileStruct(t, version, flexible);
  }
  const elem = typeCodec(t.of, version, flexible, false, `${path}[]`);
  const readElem = elem.read;
  const writeElem = elem.write;
  return {
    read: (r) => {
      const n = flexible ? r.compactArrayLength() : r.arrayLength();
      if (n === null) {
        if (!nullable) fail(path, 'non-nullable array was null');
        return null;
      }
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = readElem(r);
      return out;
    },
    write: (w, v) => {
      if (v === null) {
        if (!nullable) fail(path, 'null is not allowed in this version');
        if (flexible) w.compactArrayLength(null);
        else w.arrayLength(null);
        return;
      }
      if (!Array.isArray(v)) fail(path, `expected an array, got ${typeof v}`);
      if (flexible) w.compactArrayLength(v.length);
      else w.arrayLength(v.length);
      for (let i = 0; i < v.length; i++) writeElem(w, v[i]);
    },
  };
}

interface FieldOp {
  name: string;
  present: boolean;
  def: () => unknown;
  read: ReadFn;
  write: WriteFn;
}

interface TaggedOp extends FieldOp {
  tag: number;
  isDefault: (v: unknown) => boolean;
}

export function compileStruct(st: StructType, version: number, flexible: boolean): CompiledStruct {
  let byVersion = cache.get(st);
  if (!byVersion) cache.set(st, (byVersion = new Map()));
  const key = flexible ? version + 0x10000 : version;
  const hit = byVersion.get(key);
  if (hit) return hit;

  // Registered before the fields are compiled, so a recursive reference resolves to it.
  const compiled = {} as CompiledStruct;
  byVersion.set(key, compiled);

  const all: FieldOp[] = [];
  const regular: FieldOp[] = [];
  const tagged: TaggedOp[] = [];
  const isDefaults: Array<(o: Obj) => boolean> = [];
  for (const f of st.fields) {
    const path = `${st.name}.${f.name}`;
    const present = inVersions(f.versions, version);
    const isTagged = present && f.tag !== undefined && inVersions(f.tagged, version);
    if (isTagged && !flexible) throw new Error(`${path}: tagged in non-flexible version ${version}`);
    const fieldFlexible = f.flexible === 'none' ? false : flexible;
    const nullable = inVersions(f.nullable, version);
    const codec = present ? typeCodec(f.type, version, fieldFlexible, nullable, `${path} (${typeLabel(f.type)} v${version})`) : null;
    const op: FieldOp = {
      name: f.name,
      present,
      def: defaultFactory(f, version, flexible),
      read: codec ? codec.read : () => undefined,
      write: codec ? codec.write : () => undefined,
    };
    all.push(op);
    const isDef = isDefaultFn(f, version, flexible);
    isDefaults.push((o) => isDef(o[f.name]));
    if (isTagged) tagged.push({ ...op, tag: f.tag as number, isDefault: isDef });
    else if (present) regular.push(op);
  }
  tagged.sort((a, b) => a.tag - b.tag);
  const byTag = new Map(tagged.map((t) => [t.tag, t]));

  compiled.make = () => {
    const o: Obj = {};
    for (const op of all) o[op.name] = op.def();
    return o;
  };
  compiled.isDefault = (v) => {
    if (v === undefined) return true;
    if (v === null || typeof v !== 'object') return false;
    for (const check of isDefaults) if (!check(v as Obj)) return false;
    return true;
  };
  compiled.write = (w, v) => {
    if (v === null || typeof v !== 'object') fail(st.name, `expected an object, got ${v === null ? 'null' : typeof v}`);
    const o = v as Obj;
    for (const op of regular) {
      const x = o[op.name];
      op.write(w, x === undefined ? op.def() : x);
    }
    if (flexible) writeTaggedFields(w, o, tagged);
  };
  const readOps = all.map((op) => ({ name: op.name, read: regular.includes(op) ? op.read : null, def: op.def }));
  compiled.read = (r) => {
    const o: Obj = {};
    for (const op of readOps) o[op.name] = op.read ? op.read(r) : op.def();
    if (flexible) {
      r.taggedFields((tag, fr) => {
        const t = byTag.get(tag);
        if (!t) return;
        o[t.name] = t.read(fr);
        if (fr.remaining !== 0) fail(`${st.name}.${t.name}`, `tagged field ${tag} has ${fr.remaining} unread bytes`);
      });
    }
    return o;
  };
  return compiled;
}

function writeTaggedFields(w: Writer, o: Obj, tagged: TaggedOp[]): void {
  if (tagged.length === 0) {
    w.uvarint(0);
    return;
  }
  const out: Array<[number, Buffer]> = [];
  for (const t of tagged) {
    const x = o[t.name];
    if (x === undefined || t.isDefault(x)) continue;
    const sub = new Writer({ capacity: 64 });
    t.write(sub, x);
    out.push([t.tag, sub.finish()]);
  }
  w.uvarint(out.length);
  for (const [tag, bytes] of out) {
    w.uvarint(tag);
    w.uvarint(bytes.length);
    w.raw(bytes);
  }
}

function messageStruct(schema: MessageSchema): StructType {
  let st = messageStructs.get(schema);
  if (!st) messageStructs.set(schema, (st = { kind: 'struct', name: schema.name, fields: schema.fields }));
  return st;
}

export function isFlexible(schema: MessageSchema, version: number): boolean {
  return inVersions(schema.flexible, version);
}

export function checkVersion(schema: MessageSchema, version: number): void {
  if (!inVersions(schema.valid, version)) {
    throw new UnsupportedVersionError(
      schema.apiKey ?? -1,
      version,
      `${schema.name} version ${version} is not supported (valid versions ${schema.valid})`,
    );
  }
}

const compiledMessages = new WeakMap<MessageSchema, Map<number, CompiledStruct>>();

function compiledMessage(schema: MessageSchema, version: number): CompiledStruct {
  let byVersion = compiledMessages.get(schema);
  if (!byVersion) compiledMessages.set(schema, (byVersion = new Map()));
  let c = byVersion.get(version);
  if (!c) {
    checkVersion(schema, version);
    c = compileStruct(messageStruct(schema), version, isFlexible(schema, version));
    byVersion.set(version, c);
  }
  return c;
}

/** Decodes one message body from the reader's position, leaving it after the body. */
export function decodeMessage<M extends MessageSchema>(schema: M, version: number, r: Reader): MessageOf<M> {
  return compiledMessage(schema, version).read(r) as MessageOf<M>;
}

/** Decodes a body that must fill `buf` from `offset` to the end exactly. */
export function decodeExact<M extends MessageSchema>(schema: M, version: number, buf: Buffer, offset = 0): MessageOf<M> {
  const r = new Reader(buf, offset);
  const value = decodeMessage(schema, version, r);
  if (r.remaining !== 0) throw new ProtocolError(`${schema.name} v${version}: ${r.remaining} bytes left after the message`);
  return value;
}

/** Appends the encoding of `value` at `version`; fields the version lacks are ignored. */
export function encodeMessage<M extends MessageSchema>(schema: M, version: number, value: MessageInput<M>, w: Writer): void {
  const c = compiledMessage(schema, version);
  try {
    c.write(w, value);
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError(`cannot encode ${schema.name} v${version}: ${(e as Error).message}`);
  }
}

export function encodeToBuffer<M extends MessageSchema>(schema: M, version: number, value: MessageInput<M>): Buffer {
  const w = new Writer();
  encodeMessage(schema, version, value, w);
  return w.finish();
}

/** A value of the message with every field at its default for that version. */
export function defaultMessage<M extends MessageSchema>(schema: M, version: number): MessageOf<M> {
  return compiledMessage(schema, version).make() as MessageOf<M>;
}
