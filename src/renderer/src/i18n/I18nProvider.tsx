// The console's language for the whole tree: the remembered choice, else the system's (desktop) or
// the browser's languages. Sets <html lang> so screen readers and fonts pick the right language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { BRIDGE_KEY, type BrokerlabBridge } from '../../../shared/console-api';
import { fmtOf, reportIntlError, type Fmt } from './fmt';
import { browserLanguages, DEFAULT_LOCALE, readStoredLocale, resolveLocale, storeLocale, supportedOf, type Locale } from './locale';
import { CATALOGS } from './messages';

/** The OS's preferred languages as the desktop app passes them; empty in a browser. */
export function systemLanguages(): readonly string[] {
  const bridge = (window as unknown as Record<string, BrokerlabBridge | undefined>)[BRIDGE_KEY];
  return bridge?.systemLanguages ?? [];
}

function storedChoice(): Locale | null {
  const s = readStoredLocale();
  return s !== null && supportedOf(s) === s ? (s as Locale) : null;
}

/** <html lang> before the first paint, like the theme. */
export function applyInitialLocale(): void {
  document.documentElement.lang = resolveLocale({ stored: readStoredLocale(), system: systemLanguages(), browser: browserLanguages() });
}

interface LocaleChoice {
  locale: Locale;
  /** The remembered choice; null follows the system or browser. */
  choice: Locale | null;
  choose: (choice: Locale | null) => void;
}

const LocaleContext = createContext<LocaleChoice | null>(null);

export function I18nProvider({ children }: { children: ReactNode }): JSX.Element {
  const [choice, setChoice] = useState<Locale | null>(storedChoice);
  const [browser, setBrowser] = useState(browserLanguages);
  const locale = resolveLocale({ stored: choice, system: systemLanguages(), browser });

  useEffect(() => {
    const onChange = (): void => setBrowser(browserLanguages());
    window.addEventListener('languagechange', onChange);
    return () => window.removeEventListener('languagechange', onChange);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const choose = useCallback((c: Locale | null) => {
    storeLocale(c);
    setChoice(c);
  }, []);

  const value = useMemo(() => ({ locale, choice, choose }), [locale, choice, choose]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} messages={CATALOGS[locale]} onError={reportIntlError}>
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocaleChoice(): LocaleChoice {
  const v = useContext(LocaleContext);
  if (!v) throw new Error('useLocaleChoice needs an I18nProvider');
  return v;
}

export function useFmt(): Fmt {
  const intl = useIntl();
  return useMemo(() => fmtOf(intl), [intl]);
}
