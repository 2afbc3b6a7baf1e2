import { UsageError } from './usage';

/** Parses a whole number flag, refusing anything else with a message naming the flag. */
export function parseIntFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got '${raw}'`);
  const value = Number(raw);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** Parses repeated `--config key=value` flags into a map. */
export function parseConfigFlags(raw: string[] | undefined): Record<string, string> {
  const configs: Record<string, string> = {};
  for (const entry of raw ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--config expects key=value, got '${entry}'`);
    configs[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return configs;
}
