import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import { SECTIONS, type SectionDef } from '../routes';

const ICONS: Record<string, string> = { cluster: '◉', topics: '☰', messages: '✉', groups: '⚇', charts: '◔', workloads: '⇶', experiments: '⚗' };

export function Sidebar({ current }: { current: SectionDef }): JSX.Element {
  const { t } = useFmt();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">{t('app.name')}</div>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.path}>
            <a href={`#/${s.path}`} aria-current={s.path === current.path ? 'page' : undefined}>
              <span className="nav-icon" aria-hidden="true">
                {ICONS[s.path]}
              </span>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
