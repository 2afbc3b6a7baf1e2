/**
 * The project's schema language for Kafka messages. A message is a list of fields; each field has
 * a name (lowerCamelCase of Kafka's), a type, the versions it is present in (Kafka's own notation:
 * "0+", "3-7", "none"), and optionally the versions it is nullable in, a tag with the versions it
 * is tagged in, a default, and (for RequestHeader.ClientId only) flexible: 'none'.
 *
 * Tables are written with `message()`, `field()`, `struct()` and `array()`, whose const type
 * parameters keep every literal, so `MessageOf<typeof X>` derives the decoded TypeScript type and
 * `MessageInput<typeof X>` the type accepted by the encoder.
 */

export type PrimitiveType =
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'records'
  | 'uuid';

export interface ArrayType<E extends FieldType = FieldType> {
  readonly kind: 'array';
  readonly of: E;
}

export interface StructType<F extends readonly Field[] = readonly Field[]> {
  readonly kind: 'struct';
  /** Kafka's struct name (e.g. MetadataResponseTopic), kept to compare with the reference. */
  readonly name: string;
  readonly fields: F;
}

export type FieldType = PrimitiveType | ArrayType | StructType;

export type DefaultValue = number | bigint | boolean | string | null;

export interface FieldOptions {
  readonly nullable?: string;
  readonly tag?: number;
  readonly tagged?: string;
  readonly default?: DefaultValue;
  readonly flexible?: 'none';
}

export interface Field<N extends string = string, T extends FieldType = FieldType> extends FieldOptions {
  readonly name: N;
  readonly type: T;
  readonly versions: string;
}

export interface MessageSchema<F extends readonly Field[] = readonly Field[]> {
  readonly name: string;
  readonly apiKey?: number;
  readonly type: 'request' | 'response' | 'header' | 'data';
  /** Kafka's validVersions, e.g. "0-12". */
  readonly valid: string;
  /** Kafka's flexibleVersions, e.g. "9+" or "none". */
  readonly flexible: string;
  readonly fields: F;
}

export function field<const N extends string, const T extends FieldType, const V extends string>(
  name: N,
  type: T,
  versions: V,
): { readonly name: N; readonly type: T; readonly versions: V };
export function field<const N extends string, const T extends FieldType, const V extends string, const O extends FieldOptions>(
  name: N,
  type: T,
  versions: V,
  options: O,
): { readonly name: N; readonly type: T; readonly versions: V } & O;
export function field(name: string, type: FieldType, versions: string, options?: FieldOptions): Field {
  return { name, type, versions, ...options };
}

export function struct<const F extends readonly Field[]>(name: string, fields: F): StructType<F> {
  return { kind: 'struct', name, fields };
}

export function array<const E extends FieldType>(of: E): ArrayType<E> {
  return { kind: 'array', of };
}

export function message<const M extends MessageSchema>(schema: M): M {
  return schema;
}

// ---- Versions -------------------------------------------------------------------------------

export interface VersionRange {
  readonly min: number;
  /** Inclusive; Infinity for "N+". */
  readonly max: number;
}

const NONE: VersionRange = { min: 1, max: 0 };

/** Parses Kafka's version notation: "none", "N", "N+", "N-M". */
export function parseVersions(spec: string): VersionRange {
  if (spec === 'none') return NONE;
  const plus = /^(\d+)\+$/.exec(spec);
  if (plus) return { min: Number(plus[1]), max: Infinity };
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  if (/^\d+$/.test(spec)) return { min: Number(spec), max: Number(spec) };
  throw new Error(`bad version spec ${JSON.stringify(spec)}`);
}

export function inVersions(spec: string | undefined, version: number): boolean {
  if (spec === undefined) return false;
  const r = parseVersions(spec);
  return version >= r.min && version <= r.max;
}

// ---- Derived TypeScript types ------------------------------------------------------------------

interface PrimitiveJs {
  int8: number;
  int16: number;
  uint16: number;
  int32: number;
  uint32: number;
  int64: bigint;
  float64: number;
  bool: boolean;
  string: string;
  bytes: Buffer;
  records: Buffer | null;
  uuid: string;
}

/** The decoded JS value of a field type. */
export type ValueOf<T> = T extends keyof PrimitiveJs
  ? PrimitiveJs[T]
  : T extends ArrayType<infer E>
    ? ValueOf<E>[]
    : T extends StructType<infer F>
      ? FieldsOf<F>
      : never;

type FieldValue<F> = F extends { readonly type: infer T; readonly nullable: string }
  ? ValueOf<T> | null
  : F extends { readonly type: infer T }
    ? ValueOf<T>
    : never;

/** Decoded object of a field list: every field is present (absent versions get defaults). */
export type FieldsOf<F extends readonly Field[]> = {
  -readonly [K in F[number] as K['name']]: FieldValue<K>;
};

export type MessageOf<M extends MessageSchema> = FieldsOf<M['fields']>;

// Input side: fields present in every version, without default, tag or null are required; the
// encoder fills in the rest from their defaults, as Kafka's generated data classes do.
type InputValueOf<T> = T extends keyof PrimitiveJs
  ? PrimitiveJs[T]
  : T extends ArrayType<infer E>
    ? InputValueOf<E>[]
    : T extends StructType<infer F>
      ? InputFieldsOf<F>
      : never;

type InputFieldValue<F> = F extends { readonly type: infer T; readonly nullable: string }
  ? InputValueOf<T> | null
  : F extends { readonly type: infer T }
    ? InputValueOf<T>
    : never;

type IsRequired<F> = F extends { readonly versions: '0+' }
  ? F extends { readonly default: unknown } | { readonly tag: number } | { readonly nullable: string }
    ? false
    : true
  : false;

export type InputFieldsOf<F extends readonly Field[]> = {
  -readonly [K in F[number] as IsRequired<K> extends true ? K['name'] : never]: InputFieldValue<K>;
} & {
  -readonly [K in F[number] as IsRequired<K> extends true ? never : K['name']]?: InputFieldValue<K>;
};

export type MessageInput<M extends MessageSchema> = InputFieldsOf<M['fields']>;
