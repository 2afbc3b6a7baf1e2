// One broker's switches: start, stop and kill in the row, the rest in its "More" menu. Each names
// its broker ("Kill broker 2") and says why when it cannot run now.
import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import { ActionButton } from '../ui/ActionButton';
import { MenuButton } from '../ui/MenuButton';
import { actionBlockedBy, type BrokerActionDef, type BrokerCondition } from './broker-actions';
import { NOT_AVAILABLE_YET, type BrokerActions } from './useBrokerActions';

export function BrokerSwitches({ brokerId, condition, actions, onChoose }: {
  brokerId: number;
  condition: BrokerCondition;
  actions: BrokerActions;
  onChoose: (action: BrokerActionDef) => void;
}): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const unavailable = (a: BrokerActionDef): string | undefined => {
    if (!actions.available(a.id)) return t(NOT_AVAILABLE_YET);
    if (actions.pending.has(`${a.id}:${brokerId}`)) return t('switch.running');
    return actionBlockedBy(a, condition, fmt);
  };
  const danger = (a: BrokerActionDef): boolean => a.confirm === 'type-id';
  const inline = actions.actions.filter((a) => a.inline);
  const more = actions.actions.filter((a) => !a.inline);
  return (
    <div className="broker-actions" role="group" aria-label={t('switches.group', { id: brokerId })}>
      {inline.map((a) => (
        <ActionButton
          key={a.id}
          label={t(a.name, { id: brokerId })}
          hint={t(a.description)}
          unavailable={unavailable(a)}
          variant={danger(a) ? 'danger' : 'default'}
          className="btn-small"
          onClick={() => onChoose(a)}
        >
          {t(a.label)}
        </ActionButton>
      ))}
      <MenuButton
        className="btn-small btn-more"
        text={<span aria-hidden="true">⋯</span>}
        name={t('switches.more.name', { id: brokerId })}
        items={more.map((a) => ({
          key: a.id,
          text: t(a.label),
          name: t(a.name, { id: brokerId }),
          hint: t(a.description),
          unavailable: unavailable(a),
          danger: danger(a),
          onSelect: () => onChoose(a),
        }))}
      />
    </div>
  );
}
