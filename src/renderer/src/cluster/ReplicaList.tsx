import type { JSX } from 'react';
import { replicaRole, roleLook } from './replica-roles';

/** Replicas in assignment order, each with its role icon and word (screen readers hear the role). */
export function ReplicaList({ replicas, leader, isr, offlineReplicas, detail }: {
  replicas: readonly number[];
  leader: number;
  isr: readonly number[];
  offlineReplicas?: readonly number[];
  /** Extra text per replica (e.g. its log end offset). */
  detail?: (brokerId: number) => string | null;
}): JSX.Element {
  return (
    <span className="replica-list">
      {replicas.map((id) => {
        const look = roleLook(replicaRole(id, { leader, isr, offlineReplicas }));
        const extra = detail?.(id);
        return (
          <span key={id} className={`replica tone-${look.tone}`} title={`Broker ${id}: ${look.label}${extra ? `, ${extra}` : ''}`}>
            <span aria-hidden="true">{look.icon}</span>
            {id}
            <span className="sr-only"> ({look.label})</span>
            {extra && <span className="replica-extra">{extra}</span>}
          </span>
        );
      })}
    </span>
  );
}
