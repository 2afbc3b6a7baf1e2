import { inVersions, type Field, type FieldType, type StructType } from '../schema';

/**
 * Values for round-trip tests, built from the tables but with rules of their own: `sample` gives
 * every field present in a version a value different from its default (or null, in 'nulls' mode,
 * where the field is nullable), and `expected` gives what a decoder must return: the sample for
 * present fields, Kafka's default (schema default, else the type's zero) for the others.
 */
export type Mode = 'values' | 'nulls';

let counter = 0;

function uuid(): string {
  const b = Buffer.alloc(16);
  b.writeUInt32BE(0x5eed0000 + ++counter, 0);
  b.writeUInt32BE(0xdeadbeef, 12);
  return b.toString('base64url');
}

function primitive(t: string, f: Field): unknown {
  const n = ++counter;
  switch (t) {
    case 'int8':
      return f.default === 7 ? 8 : 7;
    case 'int16':
      return 300 + n;
    case 'uint16':
      return 65_000;
    case 'int32':
      return 100_000 + n;
    case 'uint32':
      return 4_000_000_000;
    case 'int64':
      return 1_234_567_890_123n + BigInt(n);
    case 'float64':
      return 1.5 + n;
    case 'bool':
      return f.default !== true;
    case 'string':
      return `${f.name}-${n}-é`;
    case 'bytes':
      return Buffer.from([1, 2, 3, n & 0xff]);
    case 'records':
      return Buffer.from('0000000000000000', 'hex');
    case 'uuid':
      return uuid();
  }
  throw new Error(`no sample for ${t}`);
}

function valueOf(t: FieldType, f: Field, version: number, mode: Mode): unknown {
  if (typeof t === 'string') return primitive(t, f);
  if (t.kind === 'array') return [valueOf(t.of, f, version, mode), valueOf(t.of, f, version, mode)];
  return sampleStruct(t, version, mode);
}

export function sampleStruct(st: Pick<StructType, 'fields'>, version: number, mode: Mode): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of st.fields) {
    if (!inVersions(f.versions, version)) continue;
    o[f.name] = mode === 'nulls' && inVersions(f.nullable, version) ? null : valueOf(f.type, f, version, mode);
  }
  return o;
}

function defaultOf(f: Field, version: number): unknown {
  if (f.default !== undefined) return f.default;
  const t = f.type;
  if (typeof t === 'object') {
    if (t.kind === 'array') return [];
    return Object.fromEntries(t.fields.map((sf) => [sf.name, defaultOf(sf, version)]));
  }
  return { int64: 0n, bool: false, string: '', bytes: Buffer.alloc(0), records: null, uuid: 'AAAAAAAAAAAAAAAAAAAAAA' }[
    t as 'int64'
  ] ?? (['int8', 'int16', 'uint16', 'int32', 'uint32', 'float64'].includes(t) ? 0 : undefined);
}

export function expected(st: Pick<StructType, 'fields'>, version: number, sample: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const f of st.fields) {
    if (!inVersions(f.versions, version)) {
      o[f.name] = defaultOf(f, version);
      continue;
    }
    const v = sample[f.name];
    const t = f.type;
    if (v === null || typeof t === 'string') o[f.name] = v;
    else if (t.kind === 'struct') o[f.name] = expected(t, version, v as Record<string, unknown>);
    else {
      const elem = t.of;
      o[f.name] = (v as unknown[]).map((e) => (typeof elem === 'object' && elem.kind === 'struct' ? expected(elem, version, e as Record<string, unknown>) : e));
    }
  }
  return o;
}
