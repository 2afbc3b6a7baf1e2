// The confirmations of broker switches: a click for the recoverable ones, the broker id typed for
// kill and power loss, and the delay for latency.
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import type { BrokerActionDef } from './broker-actions';

export interface PendingAction {
  action: BrokerActionDef;
  brokerId: number;
}

export function BrokerActionConfirm({ pending, consequences, onRun, onClose }: {
  pending: PendingAction;
  /** What the cluster looks like around the switch: RF, min ISR, what the broker leads. */
  consequences: string | null;
  onRun: (latencyMs?: number) => Promise<unknown>;
  onClose: () => void;
}): JSX.Element {
  const { t } = useFmt();
  const { action, brokerId } = pending;
  if (action.id === 'latency') return <LatencyDialog brokerId={brokerId} onRun={onRun} onClose={onClose} />;
  const name = t(action.name, { id: brokerId });
  return (
    <ConfirmDialog
      title={t('switch.confirm.title', { action: name })}
      confirmLabel={name}
      typeToConfirm={action.confirm === 'type-id' ? String(brokerId) : undefined}
      onConfirm={() => onRun()}
      onClose={onClose}
    >
      <p>{t('switch.confirm.body', { description: t(action.description) })}</p>
      {consequences && <p className="muted">{consequences}</p>}
    </ConfirmDialog>
  );
}

function LatencyDialog({ brokerId, onRun, onClose }: { brokerId: number; onRun: (ms: number) => Promise<unknown>; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  const [text, setText] = useState('200');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const ms = Number(text);
  const invalid = text.trim() === '' || !Number.isInteger(ms) || ms < 0 || ms > 600_000 ? t('latency.invalid', { max: 600_000 }) : null;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (invalid || busy) return;
    setBusy(true);
    onRun(ms).then(onClose, (err: unknown) => {
      setError(toErrorBody(err));
      setBusy(false);
    });
  };

  return (
    <Dialog title={t('latency.title', { id: brokerId })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('latency.label')}</span>
          <input inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={invalid !== null} aria-describedby="latency-help" autoFocus />
          <span id="latency-help" className={invalid ? 'field-error' : 'field-help'}>
            {invalid ?? t('latency.help')}
          </span>
        </label>
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={invalid !== null || busy}>
            {t('latency.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
