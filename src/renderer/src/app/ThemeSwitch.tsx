import type { JSX } from 'react';
import { useTheme, type ThemePreference } from './theme';

const CHOICES: ReadonlyArray<{ pref: ThemePreference; label: string; icon: string }> = [
  { pref: 'system', label: 'System', icon: '◐' },
  { pref: 'light', label: 'Light', icon: '☀' },
  { pref: 'dark', label: 'Dark', icon: '☾' },
];

/** Three pressed-state buttons: follow the system (default), or pin light or dark. */
export function ThemeSwitch(): JSX.Element {
  const { preference, theme, setPreference } = useTheme();
  return (
    <div className="theme-switch" role="group" aria-label={`Theme (now ${theme})`}>
      {CHOICES.map((c) => (
        <button
          key={c.pref}
          type="button"
          className="seg"
          aria-pressed={preference === c.pref}
          aria-label={`${c.label} theme`}
          title={c.pref === 'system' ? 'Follow the system setting' : `Always ${c.label.toLowerCase()}`}
          onClick={() => setPreference(c.pref)}
        >
          <span aria-hidden="true">{c.icon}</span>
          <span className="seg-text">{c.label}</span>
        </button>
      ))}
    </div>
  );
}
