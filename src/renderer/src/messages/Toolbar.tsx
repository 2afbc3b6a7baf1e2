// The Messages toolbar: partitions, start, limit, decoders, isolation level. Changes go to the
// route (replacing the history entry), which re-reads.
import { useState, type FormEvent, type JSX } from 'react';
import { DECODER_KINDS, ISOLATION_LEVELS, READ_ORDERS, type DecoderKind, type ReadOrder } from '../../../shared/messages-types';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { decoderSpec, MAX_LIMIT, parsePartitions, START_KINDS, type MessagesView, type SchemaChoice, type StartKind } from './view-state';

const START_LABEL: Record<StartKind, MessageId> = {
  newest: 'messages.start.newest',
  earliest: 'messages.start.earliest',
  offset: 'messages.start.offset',
  time: 'messages.start.time',
  group: 'messages.start.group',
};

/** datetime-local wants local time without zone: 2024-05-01T10:20:30. */
function localInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}

export function Toolbar({ topic, view, partitionCount, onChange }: { topic: string; view: MessagesView; partitionCount: number | null; onChange: (v: MessagesView) => void }): JSX.Element {
  const { t } = useFmt();
  const [remembered, setRemembered] = useState<'no' | 'yes' | ApiErrorBody>('no');
  // The engine host keeps the choice per topic (messages:decoders-set); a read without decoders uses it.
  const remember = (): void => {
    consoleClient()
      .call('messages:decoders-set', { topic, key: decoderSpec(view.keyDecoder, view.keySchema) ?? { kind: 'auto' }, value: decoderSpec(view.valueDecoder, view.valueSchema) ?? { kind: 'auto' } })
      .then(
        () => setRemembered('yes'),
        (err: unknown) => setRemembered(toErrorBody(err)),
      );
  };
  // The form edits a draft; "Read" applies it (typing an offset does not re-read per keystroke).
  const [draft, setDraft] = useState(() => ({
    partitions: view.partitions.join(','),
    start: view.start,
    newest: String(view.newest),
    offset: String(view.offset),
    time: localInput(view.time),
    group: view.group,
    limit: String(view.limit),
    keySchema: view.keySchema,
    valueSchema: view.valueSchema,
  }));
  const [checked, setChecked] = useState<{ which: 'keySchema' | 'valueSchema'; names?: string[]; error?: ApiErrorBody } | null>(null);
  // messages:check-schema parses the file on the engine host and names its types, before a read uses it.
  const checkSchema = (which: 'keySchema' | 'valueSchema', kind: 'avro' | 'protobuf'): void => {
    const c = draft[which];
    consoleClient()
      .call('messages:check-schema', { kind, schemaFile: c.file.trim(), ...(kind === 'protobuf' && c.messageType.trim() ? { messageType: c.messageType.trim() } : {}) })
      .then(
        (r) => setChecked({ which, names: r.names }),
        (err: unknown) => setChecked({ which, error: toErrorBody(err) }),
      );
  };
  const setSchema = (which: 'keySchema' | 'valueSchema', change: Partial<SchemaChoice>): void => setDraft((d) => ({ ...d, [which]: { ...d[which], ...change } }));
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    const time = draft.time ? new Date(draft.time).getTime() : null;
    onChange({
      ...view,
      partitions: parsePartitions(draft.partitions.replace(/\s/g, '')),
      start: draft.start,
      newest: Math.max(1, Math.min(MAX_LIMIT, Number(draft.newest) || view.newest)),
      offset: Math.max(0, Number(draft.offset) || 0),
      time: time !== null && Number.isFinite(time) ? time : null,
      group: draft.group.trim(),
      limit: Math.max(1, Math.min(MAX_LIMIT, Number(draft.limit) || view.limit)),
      keySchema: { ...draft.keySchema, file: draft.keySchema.file.trim(), messageType: draft.keySchema.messageType.trim() },
      valueSchema: { ...draft.valueSchema, file: draft.valueSchema.file.trim(), messageType: draft.valueSchema.messageType.trim() },
      live: false,
      selected: null,
    });
  };
  const decoderSelect = (which: 'keyDecoder' | 'valueDecoder', label: string): JSX.Element => (
    <label className="tool">
      <span>{label}</span>
      <select value={view[which] ?? ''} onChange={(e) => onChange({ ...view, [which]: (e.target.value || null) as DecoderKind | null })}>
        <option value="">{t('messages.decoder.remembered')}</option>
        {DECODER_KINDS.map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );

  // Avro and Protobuf need a schema file on the engine host's machine (and Protobuf a message type); applied with Read.
  const schemaFields = (which: 'keySchema' | 'valueSchema', kind: DecoderKind | null, what: string): JSX.Element | null => {
    if (kind === null) return null;
    const c = draft[which];
    return (
      <>
        {(kind === 'avro' || kind === 'protobuf') && (
          <label className="tool">
            <span>{t('messages.schemaFile', { what })}</span>
            <input value={c.file} onChange={(e) => setSchema(which, { file: e.target.value })} placeholder={t('messages.schemaFile.placeholder')} size={22} spellCheck={false} />
          </label>
        )}
        {kind === 'protobuf' && (
          <label className="tool">
            <span>{t('messages.messageType', { what })}</span>
            <input value={c.messageType} onChange={(e) => setSchema(which, { messageType: e.target.value })} size={14} spellCheck={false} />
          </label>
        )}
        {(kind === 'avro' || kind === 'protobuf') && (
          <button type="button" className="btn btn-small" aria-label={t('messages.checkSchema.name', { what })} disabled={!c.file.trim()} onClick={() => checkSchema(which, kind)}>
            {t('messages.checkSchema')}
          </button>
        )}
        {checked?.which === which && checked.names && (
          <span className="muted" role="status">
            {t('messages.checkSchema.ok', { names: checked.names.join(', ') })}
          </span>
        )}
        {checked?.which === which && checked.error && (
          <span className="field-error" role="alert">
            {checked.error.name}: {checked.error.message}
          </span>
        )}
        <label className="toggle">
          <input type="checkbox" checked={c.confluent} onChange={(e) => setSchema(which, { confluent: e.target.checked })} />
          {t('messages.confluent', { what })}
        </label>
      </>
    );
  };

  return (
    <form className="messages-toolbar" aria-label={t('messages.toolbar')} onSubmit={apply}>
      <label className="tool">
        <span>{t('messages.partitions')}</span>
        <input value={draft.partitions} onChange={set('partitions')} placeholder={partitionCount !== null ? t('messages.partitions.all', { count: partitionCount }) : t('messages.partitions.allShort')} size={10} inputMode="numeric" />
      </label>
      <label className="tool">
        <span>{t('messages.start')}</span>
        <select value={draft.start} onChange={(e) => setDraft((d) => ({ ...d, start: e.target.value as StartKind }))}>
          {START_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(START_LABEL[k])}
            </option>
          ))}
        </select>
      </label>
      {draft.start === 'newest' && (
        <label className="tool">
          <span>{t('messages.newestCount')}</span>
          <input value={draft.newest} onChange={set('newest')} inputMode="numeric" size={5} />
        </label>
      )}
      {draft.start === 'offset' && (
        <label className="tool">
          <span>{t('messages.offset')}</span>
          <input value={draft.offset} onChange={set('offset')} inputMode="numeric" size={8} />
        </label>
      )}
      {draft.start === 'time' && (
        <label className="tool">
          <span>{t('messages.time')}</span>
          <input type="datetime-local" step={1} value={draft.time} onChange={set('time')} />
        </label>
      )}
      {draft.start === 'group' && (
        <label className="tool">
          <span>{t('messages.group')}</span>
          <input value={draft.group} onChange={set('group')} size={12} spellCheck={false} />
        </label>
      )}
      <label className="tool">
        <span>{t('messages.limit')}</span>
        <input value={draft.limit} onChange={set('limit')} inputMode="numeric" size={5} />
      </label>
      {decoderSelect('keyDecoder', t('messages.keyDecoder'))}
      {schemaFields('keySchema', view.keyDecoder, t('messages.col.key'))}
      {decoderSelect('valueDecoder', t('messages.valueDecoder'))}
      {schemaFields('valueSchema', view.valueDecoder, t('messages.col.value'))}
      {(view.keyDecoder || view.valueDecoder) && (
        <button type="button" className="btn btn-small" title={t('messages.remember.hint')} onClick={remember}>
          {t('messages.remember')}
        </button>
      )}
      {remembered === 'yes' && (
        <span className="muted" role="status">
          {t('messages.remembered', { topic })}
        </span>
      )}
      {typeof remembered === 'object' && (
        <span className="field-error" role="alert">
          {remembered.name}: {remembered.message}
        </span>
      )}
      <label className="tool">
        <span>{t('messages.order')}</span>
        <select value={view.order} onChange={(e) => onChange({ ...view, order: e.target.value as ReadOrder })}>
          {READ_ORDERS.map((o) => (
            <option key={o} value={o}>
              {t(o === 'timestamp' ? 'messages.order.timestamp' : 'messages.order.partition')}
            </option>
          ))}
        </select>
      </label>
      <label className="tool">
        <span>{t('messages.isolation')}</span>
        <select value={view.isolation} onChange={(e) => onChange({ ...view, isolation: e.target.value as MessagesView['isolation'] })}>
          {ISOLATION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary">
        {t('messages.read')}
      </button>
    </form>
  );
}
