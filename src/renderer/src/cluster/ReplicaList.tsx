import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import { replicaRole, roleDef } from './replica-roles';

/** Replicas in assignment order, each with its role icon and word (screen readers hear the role). */
export function ReplicaList({ replicas, leader, isr, offlineReplicas, detail }: {
  replicas: readonly number[];
  leader: number;
  isr: readonly number[];
  offlineReplicas?: readonly number[];
  /** Extra text per replica (e.g. its log end offset). */
  detail?: (brokerId: number) => string | null;
}): JSX.Element {
  const { t } = useFmt();
  return (
    <span className="replica-list">
      {replicas.map((id) => {
        const look = roleDef(replicaRole(id, { leader, isr, offlineReplicas }));
        const role = t(look.label);
        const extra = detail?.(id);
        return (
          <span key={id} className={`replica tone-${look.tone}`} title={t(extra ? 'replica.titleWithDetail' : 'replica.title', { id, role, detail: extra ?? '' })}>
            <span aria-hidden="true">{look.icon}</span>
            {id}
            <span className="sr-only"> ({role})</span>
            {extra && <span className="replica-extra">{extra}</span>}
          </span>
        );
      })}
    </span>
  );
}
