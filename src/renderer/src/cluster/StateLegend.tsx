import type { JSX } from 'react';
import { LEGEND_STATES, stateLook } from './broker-states';
import { REPLICA_ROLES } from './replica-roles';

export function BrokerStateLegend(): JSX.Element {
  return (
    <details className="legend">
      <summary>Legend</summary>
      <dl className="legend-list" aria-label="Broker states">
        {LEGEND_STATES.map((s) => {
          const look = stateLook(s);
          return (
            <div key={s} className="legend-item">
              <dt className={`badge tone-${look.tone}`}>
                <span className="badge-icon" aria-hidden="true">
                  {look.icon}
                </span>
                {look.label}
              </dt>
              <dd>{look.description}</dd>
            </div>
          );
        })}
      </dl>
      <dl className="legend-list" aria-label="Replica roles">
        {REPLICA_ROLES.map((r) => (
          <div key={r.role} className="legend-item">
            <dt className={`badge tone-${r.tone}`}>
              <span className="badge-icon" aria-hidden="true">
                {r.icon}
              </span>
              {r.label}
            </dt>
            <dd>{r.description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
