// Which records an export or replay takes (transfer-scope.ts), as radio buttons with their counts.
import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';
import type { TransferScope } from './transfer-scope';

export function ScopeChoice({ scope, onChange, checked, shown, partitions }: { scope: TransferScope; onChange: (s: TransferScope) => void; checked: number; shown: number; partitions: readonly number[] }): JSX.Element {
  const { t } = useFmt();
  return (
    <fieldset className="radio-group">
      <legend>{t('messages.transfer.scope')}</legend>
      <label className="radio">
        <input type="radio" name="transfer-scope" checked={scope === 'checked'} disabled={checked === 0} onChange={() => onChange('checked')} />
        {t('messages.transfer.scope.checked', { count: checked })}
      </label>
      <label className="radio">
        <input type="radio" name="transfer-scope" checked={scope === 'shown'} disabled={shown === 0} onChange={() => onChange('shown')} />
        {t('messages.transfer.scope.shown', { count: shown })}
      </label>
      <label className="radio">
        <input type="radio" name="transfer-scope" checked={scope === 'topic'} onChange={() => onChange('topic')} />
        {partitions.length > 0 ? t('messages.transfer.scope.partitions', { partitions: partitions.join(', ') }) : t('messages.transfer.scope.topic')}
      </label>
    </fieldset>
  );
}
