// The checks the catalogs must pass (catalogs.test.ts): the same keys in every language, the same
// placeholders and tags in each message, and a Korean text that is Korean. Pure functions over two
// catalogs, so the test can also show they catch a broken one.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/** Keys whose Korean value stays in Latin letters or equals the English: names, not words. */
export const SAME_IN_EVERY_LANGUAGE: readonly string[] = [
  'app.name', // the product's name
  'language.autonym.en', // each language named in itself
  'language.autonym.ko',
  'brokers.col.pid', // the OS's abbreviation
  'partitions.col.isr', // Kafka's name (in-sync replicas)
  'partitions.leo', // Kafka's abbreviation for log end offset, with the offset
];

const HANGUL = /[\uac00-\ud7a3]/;

/** `{name}`, `{n, plural, …}`, `<code>…</code>` of a message: "arg:name", "tag:code". */
export function placeholders(message: string): Set<string> {
  const out = new Set<string>();
  const walk = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      switch (el.type) {
        case TYPE.argument:
        case TYPE.number:
        case TYPE.date:
        case TYPE.time:
          out.add(`arg:${el.value}`);
          break;
        case TYPE.plural:
        case TYPE.select:
          out.add(`arg:${el.value}`);
          for (const option of Object.values(el.options)) walk(option.value);
          break;
        case TYPE.tag:
          out.add(`tag:${el.value}`);
          walk(el.children);
          break;
        default:
          break;
      }
    }
  };
  walk(parse(message));
  return out;
}

/** The words of a message outside its placeholders (plural branches included). */
export function literalText(message: string): string {
  const parts: string[] = [];
  const walk = (els: MessageFormatElement[]): void => {
    for (const el of els) {
      if (el.type === TYPE.literal) parts.push(el.value);
      else if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) walk(o.value);
      else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return parts.join(' ');
}

export type Catalog = Readonly<Record<string, string>>;

/** Everything wrong between a reference catalog and a translation, one line per problem. */
export function catalogProblems(reference: Catalog, translation: Catalog, options: { script: RegExp; same: readonly string[] }): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(reference)) if (!(key in translation)) problems.push(`${key}: missing in the translation`);
  for (const key of Object.keys(translation)) if (!(key in reference)) problems.push(`${key}: not in the reference catalog`);
  for (const key of Object.keys(reference)) {
    const ref = reference[key]!;
    const tr = translation[key];
    if (tr === undefined) continue;
    let a: Set<string>;
    let b: Set<string>;
    try {
      a = placeholders(ref);
      b = placeholders(tr);
    } catch (e) {
      problems.push(`${key}: does not parse as ICU (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const missing = [...a].filter((p) => !b.has(p));
    const extra = [...b].filter((p) => !a.has(p));
    if (missing.length || extra.length) problems.push(`${key}: placeholders differ (missing ${missing.join(', ') || '—'}; extra ${extra.join(', ') || '—'})`);
    if (options.same.includes(key)) continue;
    // A message of placeholders and punctuation only ("{leads} / {replicas}") has nothing to translate.
    if (!/\p{L}/u.test(literalText(ref))) continue;
    if (!options.script.test(literalText(tr))) problems.push(`${key}: not written in the translation's script: ${JSON.stringify(tr)}`);
    if (tr === ref) problems.push(`${key}: same as the reference: ${JSON.stringify(tr)}`);
  }
  return problems;
}

export const KOREAN = { script: HANGUL, same: SAME_IN_EVERY_LANGUAGE };
