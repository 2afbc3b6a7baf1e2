// Dark and light themes, following the system unless the user picks one (kept in localStorage).
import { useCallback, useEffect, useState } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'brokerlab.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(pref: ThemePreference, systemDark: boolean): Theme {
  if (pref === 'system') return systemDark ? 'dark' : 'light';
  return pref;
}

export function readPreference(storage: Pick<Storage, 'getItem'> | null): ThemePreference {
  try {
    const v = storage?.getItem(STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Sets `data-theme` on <html> before the first paint, so the page never flashes the other theme. */
export function applyInitialTheme(): void {
  document.documentElement.dataset['theme'] = resolveTheme(readPreference(storage()), systemDark());
}

export function useTheme(): { preference: ThemePreference; theme: Theme; setPreference: (p: ThemePreference) => void } {
  const [preference, setPref] = useState<ThemePreference>(() => readPreference(storage()));
  const [dark, setDark] = useState(systemDark);

  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const mq = window.matchMedia(DARK_QUERY);
    const onChange = (): void => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const theme = resolveTheme(preference, dark);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  const setPreference = useCallback((p: ThemePreference) => {
    setPref(p);
    try {
      if (p === 'system') storage()?.removeItem(STORAGE_KEY);
      else storage()?.setItem(STORAGE_KEY, p);
    } catch {
      // Storage can be unavailable (private mode, file://): the choice then lasts for the session.
    }
  }, []);

  return { preference, theme, setPreference };
}
