import type { JSX } from 'react';
import { stateLook } from './broker-states';

export function BrokerStateBadge({ state, note }: { state: string; note?: string }): JSX.Element {
  const look = stateLook(state);
  return (
    <span className={`badge tone-${look.tone}`} title={look.description}>
      <span className="badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.label}
      {note && <span className="badge-note"> ({note})</span>}
    </span>
  );
}
