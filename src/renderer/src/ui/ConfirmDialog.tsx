// Confirms a destructive action; when `typeToConfirm` is set, the user types it (a topic name, a
// broker id) before the action button works.
import { useState, type FormEvent, type JSX, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { FormattedMessage } from 'react-intl';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';
import { ErrorPanel } from './StateViews';

export interface ConfirmDialogProps {
  title: string;
  /** The action button's label, e.g. "Delete topic". */
  confirmLabel: string;
  children: ReactNode;
  typeToConfirm?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}

export function ConfirmDialog({ title, confirmLabel, children, typeToConfirm, onConfirm, onClose }: ConfirmDialogProps): JSX.Element {
  const { t } = useFmt();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const matches = typeToConfirm === undefined || typed === typeToConfirm;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    onConfirm().then(
      () => onClose(),
      (err: unknown) => {
        setError(toErrorBody(err));
        setBusy(false);
      },
    );
  };

  return (
    <Dialog title={title} onClose={onClose} role="alertdialog">
      <form onSubmit={submit} className="form">
        <div className="dialog-body">{children}</div>
        {typeToConfirm !== undefined && (
          <label className="field">
            <span>
              <FormattedMessage id="confirm.typeToConfirm" values={{ value: typeToConfirm, code: (chunks) => <code>{chunks}</code> }} />
            </span>
            <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" spellCheck={false} aria-label={t('confirm.typeToConfirm.name', { value: typeToConfirm })} />
          </label>
        )}
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={!matches || busy} autoFocus={typeToConfirm === undefined}>
            {busy ? t('common.busy', { action: confirmLabel }) : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
