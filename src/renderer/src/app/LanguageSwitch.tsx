// The language of the console: follow the system (default), or pin one; the choice is remembered.
// Each language is named in itself, so a user who cannot read the current one still finds theirs.
import type { JSX } from 'react';
import { useFmt, useLocaleChoice } from '../i18n/I18nProvider';
import { LOCALES, type Locale } from '../i18n/locale';
import type { MessageId } from '../i18n/messages';

const AUTONYMS: Record<Locale, MessageId> = { en: 'language.autonym.en', ko: 'language.autonym.ko' };

export function LanguageSwitch(): JSX.Element {
  const { locale, choice, choose } = useLocaleChoice();
  const { t } = useFmt();
  return (
    <label className="language-switch" title={t('language.hint')}>
      <select aria-label={t('language.label')} value={choice ?? ''} onChange={(e) => choose(e.target.value === '' ? null : (e.target.value as Locale))}>
        <option value="">{t('language.system', { language: t(AUTONYMS[locale]) })}</option>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(AUTONYMS[l])}
          </option>
        ))}
      </select>
    </label>
  );
}
