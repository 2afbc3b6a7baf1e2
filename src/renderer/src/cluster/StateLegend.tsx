import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import { LEGEND_STATES, stateLook } from './broker-states';
import { REPLICA_ROLES } from './replica-roles';

export function BrokerStateLegend(): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  return (
    <details className="legend">
      <summary>{t('legend.title')}</summary>
      <dl className="legend-list" aria-label={t('legend.brokerStates')}>
        {LEGEND_STATES.map((s) => {
          const look = stateLook(s, fmt);
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
      <dl className="legend-list" aria-label={t('legend.replicaRoles')}>
        {REPLICA_ROLES.map((r) => (
          <div key={r.role} className="legend-item">
            <dt className={`badge tone-${r.tone}`}>
              <span className="badge-icon" aria-hidden="true">
                {r.icon}
              </span>
              {t(r.label)}
            </dt>
            <dd>{t(r.description)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
