// Switch the console between the embedded cluster and an external one (`connection:*`).
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { ConnectionInfo } from '../../../shared/console-types';
import { consoleClient } from '../api-client';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { toErrorBody } from './errors';

const BOOTSTRAP = /^\s*[^\s,]+:\d{1,5}\s*(,\s*[^\s,]+:\d{1,5}\s*)*$/;

export function ConnectionDialog({ connection, onSwitched, onClose }: { connection: ConnectionInfo; onSwitched: () => void; onClose: () => void }): JSX.Element {
  const [bootstrap, setBootstrap] = useState(connection.kind === 'external' ? connection.bootstrap : '');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const invalid = BOOTSTRAP.test(bootstrap) ? null : 'Enter host:port, separated by commas (e.g. localhost:9092,localhost:9093).';

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
    <Dialog title="Connect to a cluster" onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="bootstrap">Bootstrap servers of an external cluster</label>
          <input id="bootstrap" value={bootstrap} onChange={(e) => setBootstrap(e.target.value)} aria-invalid={touched && invalid !== null} aria-describedby="bootstrap-msg" autoFocus spellCheck={false} />
          <span id="bootstrap-msg" className={touched && invalid ? 'field-error' : 'field-help'}>
            {touched && invalid ? invalid : 'The console reads it over the Kafka protocol; fault switches exist only for the embedded cluster.'}
          </span>
        </div>
        {error && <ErrorPanel error={error} title="Could not connect" />}
        <div className="dialog-actions">
          {connection.embeddedAvailable && connection.kind === 'external' && (
            <button type="button" className="btn" disabled={busy} onClick={() => run(() => consoleClient().call('connection:use-embedded', {}))}>
              Back to the embedded cluster
            </button>
          )}
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Connect
          </button>
        </div>
      </form>
    </Dialog>
  );
}
