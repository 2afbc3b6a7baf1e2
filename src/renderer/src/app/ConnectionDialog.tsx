// Switch the console between the embedded cluster and an external one (`connection:*`).
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ConnectionInfo } from '../../../shared/console-types';
import { consoleClient } from '../api-client';
import { useFmt } from '../i18n/I18nProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { toErrorBody } from './errors';

const BOOTSTRAP = /^\s*[^\s,]+:\d{1,5}\s*(,\s*[^\s,]+:\d{1,5}\s*)*$/;

export function ConnectionDialog({ connection, onSwitched, onClose }: { connection: ConnectionInfo; onSwitched: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  const [bootstrap, setBootstrap] = useState(connection.kind === 'external' ? connection.bootstrap : '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const invalid = BOOTSTRAP.test(bootstrap) ? null : t('connection.bootstrap.invalid');

  const run = (call: () => Promise<unknown>): void => {
    setBusy(true);
    setError(null);
    call().then(
      () => {
        onSwitched();
        onClose();
      },
      (err: unknown) => {
        setError(toErrorBody(err));
        setBusy(false);
      },
    );
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setTouched(true);
    if (invalid || busy) return;
    run(() => consoleClient().call('connection:connect-external', { bootstrap: bootstrap.trim() }));
  };

  return (
    <Dialog title={t('connection.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="bootstrap">{t('connection.bootstrap.label')}</label>
          <input id="bootstrap" value={bootstrap} onChange={(e) => setBootstrap(e.target.value)} aria-invalid={touched && invalid !== null} aria-describedby="bootstrap-msg" autoFocus spellCheck={false} />
          <span id="bootstrap-msg" className={touched && invalid ? 'field-error' : 'field-help'}>
            {touched && invalid ? invalid : t('connection.bootstrap.help')}
          </span>
        </div>
        {error && <ErrorPanel error={error} title={t('connection.failed')} />}
        <div className="dialog-actions">
          {connection.embeddedAvailable && connection.kind === 'external' && (
            <button type="button" className="btn" disabled={busy} onClick={() => run(() => consoleClient().call('connection:use-embedded', {}))}>
              {t('connection.backToEmbedded')}
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('connection.connect')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
