import { describe, expect, it } from 'vitest';
import { ALL_SCHEMAS } from './test-support/all-schemas';
import { decodeExact, encodeToBuffer } from './codec';
import { parseVersions, type MessageSchema } from './schema';
import { expected, sampleStruct, type Mode } from './test-support/samples';

const schemas = ALL_SCHEMAS;

const cases: Array<[string, MessageSchema, number, Mode]> = [];
for (const s of schemas) {
  const { min, max } = parseVersions(s.valid);
  for (let v = min; v <= max; v++) for (const mode of ['values', 'nulls'] as const) cases.push([`${s.name} v${v} ${mode}`, s, v, mode]);
}

describe('encode → decode round trip of every version of every table', () => {
  it.each(cases)('%s', (_label, schema, version, mode) => {
    const value = sampleStruct(schema, version, mode);
    const bytes = encodeToBuffer(schema, version, value as never);
    // decodeExact fails unless every byte was consumed.
    const decoded = decodeExact(schema, version, bytes);
    expect(decoded).toEqual(expected(schema, version, value));
    // Decoding is deterministic and re-encoding gives the same bytes.
    expect(encodeToBuffer(schema, version, decoded as never).equals(bytes)).toBe(true);
  });
});
