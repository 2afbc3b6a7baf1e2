import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { CreatedTopicView } from '../../../shared/console-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { validateCreateTopic, type CreateTopicErrors, type CreateTopicInput } from './topic-validation';

function Field({ id, label, help, error, children }: { id: string; label: string; help: string; error?: string; children: (describedBy: string) => JSX.Element }): JSX.Element {
  const describedBy = `${id}-msg`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      <span id={describedBy} className={error ? 'field-error' : 'field-help'}>
        {error ?? help}
      </span>
    </div>
  );
}

export function CreateTopicDialog({ existing, brokersUp, onCreated, onClose }: {
  existing: readonly string[];
  brokersUp: number | null;
  onCreated: (topic: CreatedTopicView) => void;
  onClose: () => void;
}): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const [input, setInput] = useState<CreateTopicInput>({ name: '', partitions: '', replicationFactor: '' });
  // Errors show after the first submit, then follow each keystroke.
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiErrorBody | null>(null);
  const validated = validateCreateTopic(input, { existing, brokersUp }, fmt);
  const errors: CreateTopicErrors = submitted ? validated.errors : {};

  const set = (k: keyof CreateTopicInput) => (e: { target: { value: string } }) => setInput((i) => ({ ...i, [k]: e.target.value }));

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setSubmitted(true);
    const request = validated.request;
    if (!request || busy) {
      const first = (['name', 'partitions', 'replicationFactor'] as const).find((k) => validated.errors[k]);
      if (first) document.getElementById(`topic-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setServerError(null);
    consoleClient()
      .call('topics:create', request)
      .then(
        (created) => {
          onCreated(created);
          onClose();
        },
        (err: unknown) => {
          setServerError(toErrorBody(err));
          setBusy(false);
        },
      );
  };

  return (
    <Dialog title={t('createTopic.title')} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field id="topic-name" label={t('createTopic.name')} help={t('createTopic.name.help', { max: 249 })} error={errors.name}>
          {(d) => <input id="topic-name" value={input.name} onChange={set('name')} aria-invalid={Boolean(errors.name)} aria-describedby={d} autoFocus autoComplete="off" spellCheck={false} />}
        </Field>
        <div className="field-row">
          <Field id="topic-partitions" label={t('createTopic.partitions')} help={t('createTopic.partitions.help')} error={errors.partitions}>
            {(d) => <input id="topic-partitions" inputMode="numeric" value={input.partitions} onChange={set('partitions')} aria-invalid={Boolean(errors.partitions)} aria-describedby={d} placeholder={t('createTopic.default')} />}
          </Field>
          <Field id="topic-replicationFactor" label={t('createTopic.rf')} help={t('createTopic.rf.help')} error={errors.replicationFactor}>
            {(d) => (
              <input id="topic-replicationFactor" inputMode="numeric" value={input.replicationFactor} onChange={set('replicationFactor')} aria-invalid={Boolean(errors.replicationFactor)} aria-describedby={d} placeholder={t('createTopic.default')} />
            )}
          </Field>
        </div>
        {serverError && <ErrorPanel error={serverError} title={t('createTopic.refused')} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('createTopic.creating') : t('createTopic.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
