// Sends one record through messages:produce: key, value, headers, partition or partitioner,
// compression, acks. JSON is checked before sending; Kafka's refusal is shown by its name.
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { ACKS_VALUES, COMPRESSION_NAMES, PARTITIONERS, type MessagesProduceResponse } from '../../../shared/messages-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { formatDateTime, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { emptySchema, FORM_FORMATS, usesSchema, validateProduce, type FormErrors, type FormFormat, type PayloadInput, type ProduceForm, type SchemaInput } from './produce-form';

const FORMAT_HELP: Record<FormFormat, MessageId> = {
  text: 'produce.help.text',
  json: 'produce.help.json',
  base64: 'produce.help.base64',
  hex: 'produce.help.hex',
  avro: 'produce.help.avro',
  protobuf: 'produce.help.protobuf',
};

function SchemaFields({ id, format, schema, onChange }: { id: string; format: FormFormat; schema: SchemaInput; onChange: (s: SchemaInput) => void }): JSX.Element {
  const { t } = useFmt();
  return (
    <div className="field-row schema-fields">
      <label className="field">
        <span>{t('produce.schemaFile')}</span>
        <input id={`${id}-schema`} value={schema.file} spellCheck={false} placeholder={format === 'avro' ? t('produce.schemaFile.avro') : t('produce.schemaFile.protobuf')} onChange={(e) => onChange({ ...schema, file: e.target.value })} />
      </label>
      {format === 'protobuf' && (
        <label className="field">
          <span>{t('produce.messageType')}</span>
          <input value={schema.messageType} spellCheck={false} onChange={(e) => onChange({ ...schema, messageType: e.target.value })} />
        </label>
      )}
      <label className="toggle">
        <input type="checkbox" checked={schema.confluent} onChange={(e) => onChange({ ...schema, confluent: e.target.checked })} />
        {t('produce.confluent')}
      </label>
      {schema.confluent && (
        <label className="field">
          <span>{t('produce.schemaId')}</span>
          <input inputMode="numeric" value={schema.schemaId} onChange={(e) => onChange({ ...schema, schemaId: e.target.value })} />
        </label>
      )}
    </div>
  );
}

function PayloadField({ id, label, absentLabel, input, error, onChange }: { id: string; label: string; absentLabel: string; input: PayloadInput; error?: string; onChange: (p: PayloadInput) => void }): JSX.Element {
  const { t } = useFmt();
  return (
    <div className="field">
      <div className="payload-head">
        <label htmlFor={id}>{label}</label>
        <select aria-label={t('produce.format', { what: label })} value={input.format} onChange={(e) => onChange({ ...input, format: e.target.value as FormFormat })} disabled={!input.present}>
          {FORM_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
        <label className="toggle">
          <input type="checkbox" checked={!input.present} onChange={(e) => onChange({ ...input, present: !e.target.checked })} />
          {absentLabel}
        </label>
      </div>
      {input.present && usesSchema(input.format) && (
        <SchemaFields id={id} format={input.format} schema={input.schema ?? emptySchema()} onChange={(schema) => onChange({ ...input, schema })} />
      )}
      <textarea id={id} rows={3} value={input.data} disabled={!input.present} spellCheck={false} aria-invalid={Boolean(error)} aria-describedby={`${id}-msg`} onChange={(e) => onChange({ ...input, data: e.target.value })} />
      <span id={`${id}-msg`} className={error ? 'field-error' : 'field-help'}>
        {error ?? t(FORMAT_HELP[input.format])}
      </span>
    </div>
  );
}

export function ProduceDialog({ topic, partitions, initial, onProduced, onClose }: {
  topic: string;
  partitions: number | null;
  initial: ProduceForm;
  onProduced: (r: MessagesProduceResponse) => void;
  onClose: () => void;
}): JSX.Element {
  const fmt = useFmt();
  const { t, locale } = fmt;
  const [form, setForm] = useState<ProduceForm>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<ApiErrorBody | null>(null);
  const [answer, setAnswer] = useState<MessagesProduceResponse | null>(null);
  const validated = validateProduce(topic, form, partitions, fmt);
  const errors: FormErrors = submitted ? validated.errors : {};

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setSubmitted(true);
    if (!validated.request || busy) return;
    setBusy(true);
    setServerError(null);
    setAnswer(null);
    consoleClient()
      .call('messages:produce', validated.request)
      .then(
        (r) => {
          setAnswer(r);
          onProduced(r);
        },
        (err: unknown) => setServerError(toErrorBody(err)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <Dialog title={t('produce.title', { topic })} onClose={onClose}>
      <form className="form produce-form" onSubmit={submit} noValidate>
        <PayloadField id="produce-key" label={t('produce.key')} absentLabel={t('produce.noKey')} input={form.key} error={errors.key} onChange={(key) => setForm((f) => ({ ...f, key }))} />
        <PayloadField id="produce-value" label={t('produce.value')} absentLabel={t('produce.tombstone')} input={form.value} error={errors.value} onChange={(value) => setForm((f) => ({ ...f, value }))} />
        <fieldset className="headers-field">
          <legend>{t('produce.headers')}</legend>
          {form.headers.map((h, i) => (
            <div className="header-row" key={i}>
              <input aria-label={t('produce.headerKey', { n: i + 1 })} value={h.key} spellCheck={false} onChange={(e) => setForm((f) => ({ ...f, headers: f.headers.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)) }))} />
              <input aria-label={t('produce.headerValue', { n: i + 1 })} value={h.value.data} spellCheck={false} onChange={(e) => setForm((f) => ({ ...f, headers: f.headers.map((x, j) => (j === i ? { ...x, value: { ...x.value, data: e.target.value } } : x)) }))} />
              <button type="button" className="btn btn-small" aria-label={t('produce.removeHeader', { n: i + 1 })} onClick={() => setForm((f) => ({ ...f, headers: f.headers.filter((_, j) => j !== i) }))}>
                {t('produce.remove')}
              </button>
              {errors[`header${i}`] && <span className="field-error">{errors[`header${i}`]}</span>}
            </div>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setForm((f) => ({ ...f, headers: [...f.headers, { key: '', value: { present: true, format: 'text', data: '' } }] }))}>
            {t('produce.addHeader')}
          </button>
        </fieldset>
        <div className="field-row">
          <div className="field">
            <label htmlFor="produce-partition">{t('produce.partition')}</label>
            <input id="produce-partition" inputMode="numeric" value={form.partition} placeholder={t('produce.partition.auto')} aria-invalid={Boolean(errors.partition)} aria-describedby="produce-partition-msg" onChange={(e) => setForm((f) => ({ ...f, partition: e.target.value }))} />
            <span id="produce-partition-msg" className={errors.partition ? 'field-error' : 'field-help'}>
              {errors.partition ?? (partitions !== null ? t('produce.partition.help', { max: partitions - 1 }) : '')}
            </span>
          </div>
          <label className="field">
            <span>{t('produce.partitioner')}</span>
            <select value={form.partitioner} disabled={form.partition.trim() !== ''} onChange={(e) => setForm((f) => ({ ...f, partitioner: e.target.value as ProduceForm['partitioner'] }))}>
              {PARTITIONERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('produce.compression')}</span>
            <select value={form.compression} onChange={(e) => setForm((f) => ({ ...f, compression: e.target.value as ProduceForm['compression'] }))}>
              {COMPRESSION_NAMES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('produce.acks')}</span>
            <select value={String(form.acks)} onChange={(e) => setForm((f) => ({ ...f, acks: Number(e.target.value) as ProduceForm['acks'] }))}>
              {ACKS_VALUES.map((a) => (
                <option key={a} value={String(a)}>
                  {a === -1 ? t('produce.acks.all') : String(a)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {serverError && <ErrorPanel error={serverError} title={t('produce.refused')} />}
        {answer && (
          <p className="result" role="status">
            {answer.offset >= 0
              ? t('produce.done', { partition: answer.partition, offset: formatExact(answer.offset, locale), time: formatDateTime(answer.timestamp, locale) })
              : t('produce.doneNoOffset', { partition: answer.partition })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('produce.sending') : t('produce.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
