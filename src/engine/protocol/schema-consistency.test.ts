import { describe, expect, it } from 'vitest';
import { ALL_SCHEMAS } from './test-support/all-schemas';
import { API_TABLES } from './apis/index';
import type { Field, FieldType, MessageSchema } from './schema';
import { hasReference, loadReference, referenceDir, referenceFile, type JsonField } from './test-support/reference';

const schemas = ALL_SCHEMAS;

const lowerCamel = (name: string) => name[0].toLowerCase() + name.slice(1);

function typeLabel(t: FieldType): string {
  return typeof t === 'string' ? t : t.kind === 'array' ? `[]${typeLabel(t.of)}` : t.name;
}

/** Kafka's JSON default, in the form the tables write it. */
function referenceDefault(f: JsonField): string | undefined {
  const d = f.default;
  if (d === undefined) return undefined;
  if (d === 'null') return 'null';
  if (f.type === 'int64') return String(BigInt(d as string | number));
  if (f.type === 'bool') return String(d === true || d === 'true');
  if (f.type === 'string') return String(d);
  return String(Number(d));
}

function tableDefault(f: Field): string | undefined {
  return f.default === undefined ? undefined : String(f.default);
}

function compareFields(path: string, ours: readonly Field[], ref: JsonField[], common: Map<string, JsonField[]>): void {
  expect(ours.map((f) => f.name), `${path}: field names`).toEqual(ref.map((f) => lowerCamel(f.name)));
  ref.forEach((rf, i) => {
    const f = ours[i];
    const where = `${path}.${rf.name}`;
    expect(
      {
        type: typeLabel(f.type),
        versions: f.versions,
        nullable: f.nullable,
        tag: f.tag,
        tagged: f.tagged,
        default: tableDefault(f),
        flexible: f.flexible,
      },
      where,
    ).toEqual({
      type: rf.type,
      versions: rf.versions,
      nullable: rf.nullableVersions,
      tag: rf.tag === undefined ? undefined : Number(rf.tag),
      tagged: rf.taggedVersions,
      default: referenceDefault(rf),
      flexible: rf.flexibleVersions,
    });
    const t = typeof f.type === 'object' && f.type.kind === 'array' ? f.type.of : f.type;
    if (typeof t === 'object' && t.kind === 'struct') {
      const refFields = rf.fields ?? common.get(t.name);
      expect(refFields, `${where}: struct ${t.name} in the reference`).toBeDefined();
      compareFields(where, t.fields, refFields ?? [], common);
    }
  });
}

const referenceSuite = hasReference ? describe : describe.skip;
const suiteName = hasReference
  ? `schema tables match Kafka 3.9's definitions in ${referenceDir}`
  : `schema tables vs Kafka 3.9's definitions: SKIPPED, reference folder not found at ${referenceDir}`;

referenceSuite(suiteName, () => {
  it.each(schemas.map((s) => [s.name, s] as const))('%s', (_name, schema) => {
    const ref = loadReference(referenceFile(schema.name));
    expect({ name: schema.name, apiKey: schema.apiKey, type: schema.type, valid: schema.valid, flexible: schema.flexible }).toEqual({
      name: ref.name,
      apiKey: ref.apiKey,
      type: ref.type,
      valid: ref.validVersions,
      flexible: ref.flexibleVersions,
    });
    const common = new Map((ref.commonStructs ?? []).map((c) => [c.name, c.fields]));
    compareFields(schema.name, schema.fields, ref.fields, common);
  });

  it('covers every API the registry lists, under its own key', () => {
    for (const [key, t] of Object.entries(API_TABLES)) {
      expect(t.apiKey).toBe(Number(key));
      expect(t.request.apiKey).toBe(t.apiKey);
      expect(t.response.apiKey).toBe(t.apiKey);
      expect(t.request.valid).toBe(t.response.valid);
    }
  });
});
