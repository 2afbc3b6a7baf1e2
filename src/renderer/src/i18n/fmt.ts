// The one way renderer code turns a message id into text: `fmt.t(id, values)`, with the locale for
// the number and time formatters of ../format. Pure modules (table data, validation) take a Fmt;
// components get one from useFmt(); tests build one per locale with createFmt().
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { CATALOGS, type MessageId } from './messages';
import { DEFAULT_LOCALE, type Locale } from './locale';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type Translate = (id: MessageId, values?: MessageValues) => string;

export interface Fmt {
  locale: string;
  t: Translate;
}

export function fmtOf(intl: IntlShape): Fmt {
  return { locale: intl.locale, t: (id, values) => intl.formatMessage({ id }, values) };
}

const cache = createIntlCache();

/** A Fmt outside React (tests, pure helpers), with the same catalogs the app uses. */
export function createFmt(locale: Locale = DEFAULT_LOCALE): Fmt {
  return fmtOf(createIntl({ locale, defaultLocale: DEFAULT_LOCALE, messages: CATALOGS[locale], onError: reportIntlError }, cache));
}

/** A missing or broken message is a bug the catalog tests catch; at run time it is logged, not thrown. */
export function reportIntlError(err: { code?: string; message: string }): void {
  console.warn(`i18n: ${err.code ?? 'ERROR'}: ${err.message}`);
}
