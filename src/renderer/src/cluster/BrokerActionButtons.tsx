import type { JSX } from 'react';
import { ActionButton } from '../ui/ActionButton';
import { actionBlockedBy, type BrokerActionDef, type BrokerCondition } from './broker-actions';
import { NOT_AVAILABLE_YET, type BrokerActions } from './useBrokerActions';

/** One broker's switches; each names its broker ("Kill broker 2") and says why when it cannot run. */
export function BrokerActionButtons({ brokerId, condition, actions, onChoose }: {
  brokerId: number;
  condition: BrokerCondition;
  actions: BrokerActions;
  onChoose: (action: BrokerActionDef) => void;
}): JSX.Element {
  return (
    <div className="broker-actions" role="group" aria-label={`Switches of broker ${brokerId}`}>
      {actions.actions.map((a) => {
        const busy = actions.pending.has(`${a.id}:${brokerId}`);
        const unavailable = !actions.available(a.id) ? NOT_AVAILABLE_YET : busy ? 'Running…' : actionBlockedBy(a, condition);
        return (
          <ActionButton
            key={a.id}
            label={`${a.label.replace('…', '')} broker ${brokerId}`}
            hint={a.description}
            unavailable={unavailable}
            variant={a.confirm === 'type-id' ? 'danger' : 'default'}
            className="btn-small"
            onClick={() => onChoose(a)}
          >
            {a.label}
          </ActionButton>
        );
      })}
    </div>
  );
}
