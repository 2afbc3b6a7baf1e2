import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/renderer/src/i18n/en.json';
import { findLiteralStrings } from './literal-strings';

const ROOT = join(__dirname, '../..');
const RENDERER = join(ROOT, 'src/renderer/src');
const isMessageId = (s: string): boolean => Object.prototype.hasOwnProperty.call(en, s);

function components(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return components(path);
    return name.endsWith('.tsx') ? [path] : [];
  });
}

describe('renderer components', () => {
  it('show no literal user-facing text: every string comes from the catalogs', () => {
    const files = components(RENDERER);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => findLiteralStrings(relative(ROOT, f), readFileSync(f, 'utf8'), isMessageId));
    expect(found.map((l) => `${l.file}:${l.line} ${JSON.stringify(l.text)}`)).toEqual([]);
  });
});

describe('the literal-string finder', () => {
  const fixture = `
    export function X({ busy, t }) {
      return (
        <div className="panel" aria-hidden="true" title={t('nav.cluster')}>
          <p>Hello there</p>
          <span>—</span>
          <button title="Run it" aria-label={\`Kill broker \${id}\`}>{busy ? 'Creating…' : t('createTopic.create')}</button>
          <Empty title="No rows." what="nav.messages" onClick={() => go('Not text')} />
          <input placeholder={hint ?? 'default'} name="link-mode" type="text" />
          {error && 'Failed'}
        </div>
      );
    }`;

  it('finds JSX text, text attributes, template literals and literals inside conditions', () => {
    expect(findLiteralStrings('x.tsx', fixture, isMessageId).map((l) => l.text)).toEqual(['Hello there', 'Run it', 'Kill broker', 'Creating…', 'No rows.', 'default', 'Failed']);
  });

  it('leaves alone class names, symbols, message ids, and strings passed to calls', () => {
    const texts = findLiteralStrings('x.tsx', fixture, isMessageId).map((l) => l.text);
    for (const ok of ['panel', 'true', '—', 'nav.messages', 'Not text', 'link-mode', 'text']) expect(texts).not.toContain(ok);
  });
});
