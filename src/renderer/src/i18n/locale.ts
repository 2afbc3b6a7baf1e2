// Which language the console speaks: the user's remembered choice, else the first supported
// language of the system (Electron passes the OS's preferred languages) or of the browser
// (navigator.languages), else English. The CLI and the logs stay English; only the renderer follows.

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const STORAGE_KEY = 'brokerlab.locale';

function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** The supported language of a BCP 47 tag ("ko-KR" → "ko"), or null. */
export function supportedOf(tag: string): Locale | null {
  const lang = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(lang) ? lang : null;
}

/** The first supported language in the user's order of preference. */
export function firstSupported(preferred: readonly string[]): Locale | null {
  for (const tag of preferred) {
    const l = supportedOf(tag);
    if (l) return l;
  }
  return null;
}

export interface LocaleSources {
  /** The remembered choice (localStorage), if any. */
  stored: string | null;
  /** The OS's preferred languages, passed by the desktop app; empty in a browser. */
  system: readonly string[];
  /** navigator.languages (or [navigator.language]). */
  browser: readonly string[];
}

export function resolveLocale(sources: LocaleSources): Locale {
  if (isLocale(sources.stored)) return sources.stored;
  return firstSupported(sources.system) ?? firstSupported(sources.browser) ?? DEFAULT_LOCALE;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readStoredLocale(): string | null {
  try {
    return storage()?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Remembers a choice; null forgets it, so the system or browser language applies again. */
export function storeLocale(locale: Locale | null): void {
  try {
    if (locale === null) storage()?.removeItem(STORAGE_KEY);
    else storage()?.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode, file://): the choice then lasts for the session.
  }
}

/** The browser's languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}
