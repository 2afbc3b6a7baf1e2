import type { JSX } from 'react';
import { SECTIONS, type SectionDef } from '../routes';

const ICONS: Record<string, string> = { cluster: '◉', topics: '☰', messages: '✉', groups: '⚇', charts: '◔' };

export function Sidebar({ current }: { current: SectionDef }): JSX.Element {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">Brokerlab</div>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.path}>
            <a href={`#/${s.path}`} aria-current={s.path === current.path ? 'page' : undefined}>
              <span className="nav-icon" aria-hidden="true">
                {ICONS[s.path]}
              </span>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
