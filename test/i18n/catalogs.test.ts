import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogProblems, KOREAN, placeholders, SAME_IN_EVERY_LANGUAGE } from './catalog-checks';
import en from '../../src/renderer/src/i18n/en.json';
import ko from '../../src/renderer/src/i18n/ko.json';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe('the English and Korean catalogs', () => {
  it('have the same keys, the same placeholders and tags, and Korean in Hangul', () => {
    expect(catalogProblems(en, ko, KOREAN)).toEqual([]);
  });

  it('keep the allowlist of untranslated names short and real', () => {
    expect(SAME_IN_EVERY_LANGUAGE.length).toBeLessThanOrEqual(8);
    for (const key of SAME_IN_EVERY_LANGUAGE) expect(Object.keys(en)).toContain(key);
  });

  it('hold no message the renderer does not use', () => {
    const code = sources(join(__dirname, '../../src/renderer/src')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });
});

describe('the Korean vocabulary', () => {
  const korean = Object.values(ko).join('\n');

  it('uses the words Korean Kafka users write', () => {
    for (const term of ['프로듀서', '컨슈머', '브로커', '클러스터', '토픽', '파티션', '오프셋', '커밋', '컨슈머 랙', '컨슈머 그룹', '리밸런싱', '리더', '팔로워', '복제']) {
      expect(korean, term).toContain(term);
    }
  });

  it('never the dictionary translations those words replace', () => {
    for (const word of ['생산자', '소비자', '주제', '분할', '지도자', '추종자', '카프카']) expect(korean, word).not.toContain(word);
  });

  it('keeps Kafka’s own names as Kafka writes them', () => {
    expect(ko['error.NOT_ENOUGH_REPLICAS.hint']).toContain('min.insync.replicas');
    expect(ko['links.cut.body']).toContain('replica.lag.time.max.ms');
    expect(ko['createTopic.rf.help']).toContain('default.replication.factor');
  });
});

describe('the checks themselves', () => {
  it('read placeholders inside plurals and tags', () => {
    expect([...placeholders('{count, plural, one {# row of {table}} other {# rows}} <b>{x}</b>')].sort()).toEqual(['arg:count', 'arg:table', 'arg:x', 'tag:b']);
  });

  it('catch a missing key, a lost placeholder, English left in Korean, and a broken message', () => {
    const reference = { a: 'Kill broker {id}', b: 'Topics', c: '{n} / {m}', d: 'Type <code>{v}</code>', e: 'Retry' };
    const broken = { a: '브로커 강제 종료', b: 'Topics', c: '{n} / {m}', d: '<code>{v}</code> 입력', e: '{oops', f: '추가' };
    expect(catalogProblems(reference, broken, KOREAN)).toEqual([
      'f: not in the reference catalog',
      'a: placeholders differ (missing arg:id; extra —)',
      'b: not written in the translation\'s script: "Topics"',
      'b: same as the reference: "Topics"',
      expect.stringMatching(/^e: does not parse as ICU/),
    ]);
  });
});
