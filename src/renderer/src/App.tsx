import type { JSX } from 'react';
import { ROUTES } from './routes';
import { useHashRoute } from './useHashRoute';

export function App(): JSX.Element {
  const route = useHashRoute();
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Brokerlab</div>
        <ul>
          {ROUTES.map((r) => (
            <li key={r.path}>
              <a href={`#/${r.path}`} aria-current={r.path === route.path ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <h1>{route.label}</h1>
        <p>The console comes next: this view will show the {route.label.toLowerCase()} of the cluster.</p>
      </main>
    </div>
  );
}
