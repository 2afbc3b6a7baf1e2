import { describe, expect, it } from 'vitest';
import { firstSupported, resolveLocale, supportedOf } from './locale';

describe('the console language', () => {
  it('maps language tags to the catalogs it has', () => {
    expect(supportedOf('ko-KR')).toBe('ko');
    expect(supportedOf('ko')).toBe('ko');
    expect(supportedOf('en_GB')).toBe('en');
    expect(supportedOf('fr-FR')).toBeNull();
    expect(firstSupported(['fr-FR', 'ko-KR', 'en-US'])).toBe('ko');
    expect(firstSupported(['fr', 'de'])).toBeNull();
  });

  it('prefers the remembered choice, then the system, then the browser, then English', () => {
    expect(resolveLocale({ stored: 'en', system: ['ko-KR'], browser: ['ko'] })).toBe('en');
    expect(resolveLocale({ stored: null, system: ['ko-KR'], browser: ['en-US'] })).toBe('ko');
    expect(resolveLocale({ stored: null, system: [], browser: ['fr-FR', 'ko'] })).toBe('ko');
    expect(resolveLocale({ stored: null, system: ['fr-FR'], browser: ['en-US', 'ko'] })).toBe('en');
    expect(resolveLocale({ stored: null, system: [], browser: ['fr-FR'] })).toBe('en');
  });

  it('ignores a stored value it has no catalog for', () => {
    expect(resolveLocale({ stored: 'xx', system: [], browser: ['ko-KR'] })).toBe('ko');
  });
});
