import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { useTheme, type ThemePreference } from './theme';

const CHOICES: ReadonlyArray<{ pref: ThemePreference; label: MessageId; name: MessageId; hint: MessageId; icon: string }> = [
  { pref: 'system', label: 'theme.system', name: 'theme.system.name', hint: 'theme.system.hint', icon: '◐' },
  { pref: 'light', label: 'theme.light', name: 'theme.light.name', hint: 'theme.light.hint', icon: '☀' },
  { pref: 'dark', label: 'theme.dark', name: 'theme.dark.name', hint: 'theme.dark.hint', icon: '☾' },
];

/** Three pressed-state buttons: follow the system (default), or pin light or dark. */
export function ThemeSwitch(): JSX.Element {
  const { preference, theme, setPreference } = useTheme();
  const { t } = useFmt();
  return (
    <div className="theme-switch" role="group" aria-label={t('theme.group', { theme: t(theme === 'dark' ? 'theme.dark' : 'theme.light') })}>
      {CHOICES.map((c) => (
        <button key={c.pref} type="button" className="seg" aria-pressed={preference === c.pref} aria-label={t(c.name)} title={t(c.hint)} onClick={() => setPreference(c.pref)}>
          <span aria-hidden="true">{c.icon}</span>
          <span className="seg-text">{t(c.label)}</span>
        </button>
      ))}
    </div>
  );
}
