/**
 * Config definitions as data, with parsing and validation that answer in Kafka's ConfigDef words
 * ("Invalid value abc for configuration retention.ms: Not a number of type LONG").
 */
export type ConfigType = 'BOOLEAN' | 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LIST' | 'CLASS' | 'PASSWORD';

/** INT/SHORT/DOUBLE parse to number, LONG to bigint (Long.MAX_VALUE defaults do not fit a double). */
export type ConfigValue = boolean | string | number | bigint | readonly string[] | null;

export type ConfigSource =
  | 'DYNAMIC_TOPIC_CONFIG'
  | 'DYNAMIC_BROKER_CONFIG'
  | 'DYNAMIC_DEFAULT_BROKER_CONFIG'
  | 'STATIC_BROKER_CONFIG'
  | 'DEFAULT_CONFIG';

export class ConfigException extends Error {
  override name = 'ConfigException';
  constructor(message: string) {
    super(message);
  }
  static invalid(name: string, value: unknown, reason: string): ConfigException {
    return new ConfigException(`Invalid value ${javaString(value)} for configuration ${name}: ${reason}`);
  }
}

/** How Java's toString would print a parsed value, so messages read as Kafka's do. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  return String(value);
}

export type Validator = (name: string, value: ConfigValue) => void;

export interface ConfigKey {
  readonly name: string;
  readonly type: ConfigType;
  /** The default as Kafka prints it, or null when there is none. */
  readonly defaultValue: string | null;
  readonly validator?: Validator;
  /** Our own one-line description. */
  readonly documentation: string;
}

export const LONG_MAX = '9223372036854775807';
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function parseJavaInteger(raw: string, min: bigint, max: bigint): bigint | null {
  if (!/^[+-]?\d+$/.test(raw)) return null;
  const n = BigInt(raw);
  return n < min || n > max ? null : n;
}

/** Parses a config's text as ConfigDef.parseType does (values are trimmed, except passwords). */
export function parseConfigValue(key: Pick<ConfigKey, 'name' | 'type'>, raw: string | null): ConfigValue {
  if (raw === null) return null;
  const trimmed = raw.trim();
  switch (key.type) {
    case 'BOOLEAN': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw ConfigException.invalid(key.name, raw, 'Expected value to be either true or false');
    }
    case 'INT':
    case 'SHORT': {
      const limit = key.type === 'INT' ? [BigInt(INT_MIN), BigInt(INT_MAX)] : [-32768n, 32767n];
      const n = parseJavaInteger(trimmed, limit[0], limit[1]);
      if (n === null) throw ConfigException.invalid(key.name, raw, `Not a number of type ${key.type}`);
      return Number(n);
    }
    case 'LONG': {
      const n = parseJavaInteger(trimmed, -(2n ** 63n), 2n ** 63n - 1n);
      if (n === null) throw ConfigException.invalid(key.name, raw, 'Not a number of type LONG');
      return n;
    }
    case 'DOUBLE': {
      const n = trimmed === '' ? NaN : Number(trimmed.replace(/[dDfF]$/, ''));
      if (Number.isNaN(n) && trimmed !== 'NaN') throw ConfigException.invalid(key.name, raw, 'Not a number of type DOUBLE');
      return n;
    }
    case 'LIST':
      return trimmed === '' ? [] : trimmed.split(/\s*,\s*/);
    case 'CLASS':
      if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(trimmed)) {
        throw ConfigException.invalid(key.name, raw, `Class ${trimmed} cannot be found`);
      }
      return trimmed;
    case 'STRING':
      return trimmed;
    case 'PASSWORD':
      return raw;
  }
}

/** Java prints doubles with a fraction ("0.5", "2.0"); used when a double appears in a message. */
function javaNumber(n: number | bigint, type: ConfigType): string {
  if (type === 'DOUBLE' && typeof n === 'number' && Number.isInteger(n)) return `${n}.0`;
  return String(n);
}

function asComparable(value: ConfigValue): number | bigint {
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  throw new ConfigException('a range applies to numbers only');
}

/** ConfigDef.Range.atLeast / between, with Range's messages. */
export function range(type: ConfigType, min: number | null, max: number | null = null): Validator {
  return (name, value) => {
    if (value === null) throw ConfigException.invalid(name, value, 'Value must be non-null');
    const n = asComparable(value);
    const shown = javaNumber(n, type);
    if (min !== null && (typeof n === 'bigint' ? n < BigInt(min) : n < min)) {
      throw ConfigException.invalid(name, shown, `Value must be at least ${min}`);
    }
    if (max !== null && (typeof n === 'bigint' ? n > BigInt(max) : n > max)) {
      throw ConfigException.invalid(name, shown, `Value must be no more than ${max}`);
    }
  };
}

/** ConfigDef.ValidString.in, case-sensitive as Kafka's is. */
export function oneOf(...valid: string[]): Validator {
  return (name, value) => {
    if (typeof value !== 'string' || !valid.includes(value)) {
      throw ConfigException.invalid(name, value, `String must be one of: ${valid.join(', ')}`);
    }
  };
}

/** ConfigDef.ValidList.in: every element must be one of the valid strings. */
export function listOf(...valid: string[]): Validator {
  const element = oneOf(...valid);
  return (name, value) => {
    for (const v of Array.isArray(value) ? value : []) element(name, v);
  };
}

export function validateValue(key: ConfigKey, raw: string | null): ConfigValue {
  const value = parseConfigValue(key, raw);
  key.validator?.(key.name, value);
  return value;
}

/** The value as DescribeConfigs shows it: Kafka prints the parsed value, e.g. lists joined by ','. */
export function displayValue(key: Pick<ConfigKey, 'type'>, raw: string | null): string | null {
  if (raw === null) return null;
  if (key.type === 'LIST') {
    const t = raw.trim();
    return t === '' ? '' : t.split(/\s*,\s*/).join(',');
  }
  return key.type === 'PASSWORD' ? raw : raw.trim();
}
