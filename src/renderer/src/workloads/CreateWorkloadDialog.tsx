// Create a workload from a form: a producer (rate, keys, value size, acks, idempotence, compression,
// partitioner) or a consumer group (members, assignor, commit mode, processing time, failure rate).
// Errors show in place after the first submit and follow each keystroke; the engine's refusal, if
// any, shows below the form with nothing typed lost.
import { useState, type FormEvent, type JSX, type ReactNode } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { COMMIT_MODES, KEY_DISTRIBUTIONS, WORKLOAD_ASSIGNORS, WORKLOAD_COMPRESSIONS, WORKLOAD_PARTITIONERS, type WorkloadKind, type WorkloadView } from '../../../shared/workload-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { defaultForm, validateWorkloadForm, type WorkloadField, type WorkloadFormErrors, type WorkloadFormInput } from './workload-form';
import { COMMIT_MODE_LABEL } from './workload-labels';

const DISTRIBUTION_LABEL: Record<(typeof KEY_DISTRIBUTIONS)[number], MessageId> = {
  uniform: 'workloads.form.distribution.uniform',
  zipf: 'workloads.form.distribution.zipf',
  sequential: 'workloads.form.distribution.sequential',
};
const PARTITIONER_LABEL: Record<(typeof WORKLOAD_PARTITIONERS)[number], MessageId> = {
  default: 'workloads.form.partitioner.default',
  'round-robin': 'workloads.form.partitioner.roundRobin',
};
const ACKS_LABEL: Record<WorkloadFormInput['acks'], MessageId> = { '0': 'workloads.form.acks.0', '1': 'workloads.form.acks.1', '-1': 'workloads.form.acks.all' };
const FIELD_ORDER: WorkloadField[] = ['name', 'topic', 'ratePerSec', 'keySpace', 'valueBytes', 'idempotence', 'maxRecords', 'groupId', 'members', 'processingMs', 'failurePercent', 'sessionTimeoutSec'];

function Field({ id, label, help, error, children }: { id: string; label: string; help?: string; error?: string; children: (describedBy: string | undefined) => ReactNode }): JSX.Element {
  const describedBy = error || help ? `${id}-msg` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      {(error || help) && (
        <span id={describedBy} className={error ? 'field-error' : 'field-help'}>
          {error ?? help}
        </span>
      )}
    </div>
  );
}

export function CreateWorkloadDialog({ initialKind = 'producer', initialTopic = '', onCreated, onClose }: { initialKind?: WorkloadKind; initialTopic?: string; onCreated: (views: WorkloadView[]) => void; onClose: () => void }): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const cluster = useCluster();
  const topics = useChannel('topics:list', {}, [cluster.revision]);
  const [input, setInput] = useState<WorkloadFormInput>(() => defaultForm(initialKind, initialTopic));
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiErrorBody | null>(null);
  const topicNames = (topics.data?.topics ?? []).map((x) => x.name).filter((n) => !n.startsWith('__'));
  const validated = validateWorkloadForm(input, fmt, topics.data ? topicNames : null);
  const errors: WorkloadFormErrors = submitted ? validated.errors : {};
  const producer = input.kind === 'producer';

  const text = (k: keyof WorkloadFormInput) => (e: { target: { value: string } }) => setInput((i) => ({ ...i, [k]: e.target.value }));
  const inputProps = (k: WorkloadField & keyof WorkloadFormInput, describedBy: string | undefined) => ({
    id: `wl-${k}`,
    value: String(input[k]),
    onChange: text(k),
    'aria-invalid': Boolean(errors[k]),
    'aria-describedby': describedBy,
    autoComplete: 'off',
    spellCheck: false,
  });

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setSubmitted(true);
    if (!validated.spec || busy) {
      const first = FIELD_ORDER.find((k) => validated.errors[k]);
      if (first) document.getElementById(`wl-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setServerError(null);
    consoleClient()
      .call('workloads:create', { spec: validated.spec, ...(validated.name ? { name: validated.name } : {}), start: input.start })
      .then(
        (res) => {
          onCreated(res.workloads);
          onClose();
        },
        (err: unknown) => {
          setServerError(toErrorBody(err));
          setBusy(false);
        },
      );
  };

  return (
    <Dialog title={t('workloads.create.title')} onClose={onClose}>
      <form className="form wl-form" onSubmit={submit} noValidate>
        <fieldset className="radio-group wl-kind">
          <legend>{t('workloads.form.kind')}</legend>
          {(['producer', 'consumer-group'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="wl-kind" checked={input.kind === k} onChange={() => setInput((i) => ({ ...i, kind: k }))} />
              {t(k === 'producer' ? 'workloads.kind.producer' : 'workloads.kind.group')}
            </label>
          ))}
        </fieldset>
        <div className="field-row">
          <Field id="wl-topic" label={t('workloads.form.topic')} help={t('workloads.form.topic.help')} error={errors.topic}>
            {(d) => <input {...inputProps('topic', d)} list="wl-topic-list" autoFocus />}
          </Field>
          <Field id="wl-name" label={t('workloads.form.name')} help={t('workloads.form.name.help')} error={errors.name}>
            {(d) => <input {...inputProps('name', d)} />}
          </Field>
        </div>
        <datalist id="wl-topic-list">
          {topicNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        {producer ? (
          <>
            <div className="field-row">
              <Field id="wl-ratePerSec" label={t('workloads.form.rate')} error={errors.ratePerSec}>
                {(d) => <input {...inputProps('ratePerSec', d)} inputMode="numeric" />}
              </Field>
              <Field id="wl-valueBytes" label={t('workloads.form.valueBytes')} error={errors.valueBytes}>
                {(d) => <input {...inputProps('valueBytes', d)} inputMode="numeric" />}
              </Field>
              <Field id="wl-maxRecords" label={t('workloads.form.maxRecords')} help={t('workloads.form.maxRecords.help')} error={errors.maxRecords}>
                {(d) => <input {...inputProps('maxRecords', d)} inputMode="numeric" />}
              </Field>
            </div>
            <div className="field-row">
              <Field id="wl-keySpace" label={t('workloads.form.keySpace')} help={t('workloads.form.keySpace.help')} error={errors.keySpace}>
                {(d) => <input {...inputProps('keySpace', d)} inputMode="numeric" />}
              </Field>
              <Field id="wl-keyDistribution" label={t('workloads.form.distribution')}>
                {() => (
                  <select id="wl-keyDistribution" value={input.keyDistribution} onChange={text('keyDistribution')}>
                    {KEY_DISTRIBUTIONS.map((k) => (
                      <option key={k} value={k}>
                        {t(DISTRIBUTION_LABEL[k])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="wl-partitioner" label={t('workloads.form.partitioner')}>
                {() => (
                  <select id="wl-partitioner" value={input.partitioner} onChange={text('partitioner')}>
                    {WORKLOAD_PARTITIONERS.map((k) => (
                      <option key={k} value={k}>
                        {t(PARTITIONER_LABEL[k])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="field-row">
              <Field id="wl-acks" label={t('workloads.form.acks')}>
                {() => (
                  <select id="wl-acks" value={input.acks} onChange={text('acks')}>
                    {(['-1', '1', '0'] as const).map((k) => (
                      <option key={k} value={k}>
                        {t(ACKS_LABEL[k])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="wl-compression" label={t('workloads.form.compression')}>
                {() => (
                  <select id="wl-compression" value={input.compression} onChange={text('compression')}>
                    {WORKLOAD_COMPRESSIONS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <div className="field">
                <span>{t('workloads.form.idempotence')}</span>
                <label className="toggle">
                  <input
                    id="wl-idempotence"
                    type="checkbox"
                    checked={input.idempotence}
                    onChange={(e) => setInput((i) => ({ ...i, idempotence: e.target.checked }))}
                    aria-invalid={Boolean(errors.idempotence)}
                    aria-describedby={errors.idempotence ? 'wl-idempotence-msg' : undefined}
                  />
                  {t('workloads.form.idempotence.label')}
                </label>
                {errors.idempotence && (
                  <span id="wl-idempotence-msg" className="field-error">
                    {errors.idempotence}
                  </span>
                )}
              </div>
            </div>
          </>
        ) : (
          <>
            <div className="field-row">
              <Field id="wl-groupId" label={t('workloads.form.groupId')} error={errors.groupId}>
                {(d) => <input {...inputProps('groupId', d)} />}
              </Field>
              <Field id="wl-members" label={t('workloads.form.members')} error={errors.members}>
                {(d) => <input {...inputProps('members', d)} inputMode="numeric" />}
              </Field>
              <Field id="wl-assignor" label={t('workloads.form.assignor')}>
                {() => (
                  <select id="wl-assignor" value={input.assignor} onChange={text('assignor')}>
                    {WORKLOAD_ASSIGNORS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div className="field-row">
              <Field id="wl-commitMode" label={t('workloads.form.commitMode')} help={t('workloads.form.commitMode.help')}>
                {(d) => (
                  <select id="wl-commitMode" value={input.commitMode} onChange={text('commitMode')} aria-describedby={d}>
                    {COMMIT_MODES.map((k) => (
                      <option key={k} value={k}>
                        {t(COMMIT_MODE_LABEL[k])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="wl-autoOffsetReset" label={t('workloads.form.offsetReset')}>
                {() => (
                  <select id="wl-autoOffsetReset" value={input.autoOffsetReset} onChange={text('autoOffsetReset')}>
                    <option value="earliest">{t('workloads.form.offsetReset.earliest')}</option>
                    <option value="latest">{t('workloads.form.offsetReset.latest')}</option>
                  </select>
                )}
              </Field>
            </div>
            <div className="field-row">
              <Field id="wl-processingMs" label={t('workloads.form.processingMs')} error={errors.processingMs}>
                {(d) => <input {...inputProps('processingMs', d)} inputMode="numeric" />}
              </Field>
              <Field id="wl-failurePercent" label={t('workloads.form.failure')} help={t('workloads.form.failure.help')} error={errors.failurePercent}>
                {(d) => <input {...inputProps('failurePercent', d)} inputMode="decimal" />}
              </Field>
              <Field id="wl-sessionTimeoutSec" label={t('workloads.form.session')} help={t('workloads.form.session.help')} error={errors.sessionTimeoutSec}>
                {(d) => <input {...inputProps('sessionTimeoutSec', d)} inputMode="numeric" />}
              </Field>
            </div>
          </>
        )}
        <label className="toggle">
          <input type="checkbox" checked={input.start} onChange={(e) => setInput((i) => ({ ...i, start: e.target.checked }))} />
          {t('workloads.form.startNow')}
        </label>
        {serverError && <ErrorPanel error={serverError} title={t('workloads.create.error')} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('workloads.create.busy') : t('workloads.create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
