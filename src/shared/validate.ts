// Hand-written request validators: small, dependency-free, shared by every binding. A validator
// returns the value typed, or throws RequestValidationError naming the offending path.

export type Validator<T> = (value: unknown, path: string) => T;

export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new RequestValidationError(`${path} must be ${expected}, got ${describe(value)}`);
}

export function str(options: { minLength?: number; maxLength?: number; pattern?: RegExp; patternText?: string } = {}): Validator<string> {
  const { minLength = 0, maxLength = 4096 } = options;
  return (value, path) => {
    if (typeof value !== 'string') fail(path, 'a string', value);
    if (value.length < minLength) throw new RequestValidationError(`${path} must have at least ${minLength} character${minLength === 1 ? '' : 's'}`);
    if (value.length > maxLength) throw new RequestValidationError(`${path} must have at most ${maxLength} characters`);
    if (options.pattern && !options.pattern.test(value)) {
      throw new RequestValidationError(`${path} must be ${options.patternText ?? `of the form ${String(options.pattern)}`}, got ${JSON.stringify(value)}`);
    }
    return value;
  };
}

export function int(min: number, max: number): Validator<number> {
  return (value, path) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) fail(path, 'a whole number', value);
    if (value < min || value > max) throw new RequestValidationError(`${path} must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

/** One of a fixed set of strings (an action name, a mode). */
export function oneOf<T extends string>(values: readonly T[]): Validator<T> {
  return (value, path) => {
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) fail(path, `one of ${values.join(', ')}`, value);
    return value as T;
  };
}

export const bool: Validator<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'true or false', value));

/** A string → string map (Kafka configs). */
export function stringRecord(maxEntries = 256): Validator<Record<string, string>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object of strings', value);
    const entries = Object.entries(value);
    if (entries.length > maxEntries) throw new RequestValidationError(`${path} must have at most ${maxEntries} entries`);
    const out: Record<string, string> = {};
    for (const [k, v] of entries) out[k] = str({ maxLength: 65_536 })(v, `${path}.${k}`);
    return out;
  };
}

type Optional<T> = { readonly optional: true; readonly validate: Validator<T> };

export function optional<T>(validate: Validator<T>): Optional<T> {
  return { optional: true, validate };
}

type Shape = Record<string, Validator<unknown> | Optional<unknown>>;
type ShapeValue<S extends Shape> = {
  [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Validator<infer T> ? T : never;
} & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Optional<infer T> ? T : never;
};

/** An object with exactly these fields: unknown fields are refused, so a typo is an error, not a silent default. */
export function object<S extends Shape>(shape: S): Validator<ShapeValue<S>> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
    const input = value as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (!Object.hasOwn(shape, key)) throw new RequestValidationError(`${path} has an unknown field '${key}'`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const v = input[key];
      if ('optional' in field) {
        if (v !== undefined) out[key] = field.validate(v, `${path}.${key}`);
      } else {
        if (v === undefined) throw new RequestValidationError(`${path}.${key} is required`);
        out[key] = field(v, `${path}.${key}`);
      }
    }
    return out as ShapeValue<S>;
  };
}

/** A request with no fields. */
export const empty: Validator<Record<string, never>> = object({}) as Validator<Record<string, never>>;
