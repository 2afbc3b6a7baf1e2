import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import { stateLook } from './broker-states';

export function BrokerStateBadge({ state, note }: { state: string; note?: string }): JSX.Element {
  const look = stateLook(state, useFmt());
  return (
    <span className={`badge tone-${look.tone}`} title={note ? `${look.description} (${note})` : look.description}>
      <span className="badge-icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.label}
      {note && <span className="badge-note"> ({note})</span>}
    </span>
  );
}
