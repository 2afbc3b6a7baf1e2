// Every config of a topic with its value and source (default, static, dynamic), edited through
// topics:alter-configs (IncrementalAlterConfigs); Kafka's validation error is shown on the field.
import { useMemo, useState, type FormEvent, type JSX } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { isInvalidConfigError, type TopicConfigView } from '../../../shared/topic-admin-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';
import { toErrorBody } from '../app/errors';
import { useChannel } from '../app/useChannel';
import { displayColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Dialog } from '../ui/Dialog';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';

const SOURCE: Record<TopicConfigView['source'], MessageId> = {
  default: 'configs.source.default',
  static: 'configs.source.static',
  dynamic: 'configs.source.dynamic',
};

function EditConfigDialog({ topic, config, onDone, onClose }: { topic: string; config: TopicConfigView; onDone: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  const [value, setValue] = useState(config.value ?? '');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const run = (request: { set?: Record<string, string>; delete?: string[] }): void => {
    setBusy(true);
    setError(null);
    setFieldError(null);
    consoleClient()
      .call('topics:alter-configs', { name: topic, ...request })
      .then(
        () => {
          onDone();
          onClose();
        },
        (err: unknown) => {
          const body = toErrorBody(err);
          const onField = isInvalidConfigError(body) ? body.fields[config.name] : undefined;
          if (onField) setFieldError(onField);
          else setError(body);
          setBusy(false);
        },
      );
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    run({ set: { [config.name]: value } });
  };
  return (
    <Dialog title={t('configs.edit.title', { name: config.name })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="config-value">{config.name}</label>
          <input id="config-value" value={value} onChange={(e) => setValue(e.target.value)} autoFocus spellCheck={false} aria-invalid={Boolean(fieldError)} aria-describedby="config-value-msg" />
          <span id="config-value-msg" className={fieldError ? 'field-error' : 'field-help'}>
            {fieldError ?? config.documentation ?? t('configs.edit.help')}
          </span>
        </div>
        {error && <ErrorPanel error={error} title={t('configs.refused')} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {config.source === 'dynamic' && (
            <button type="button" className="btn" disabled={busy} onClick={() => run({ delete: [config.name] })}>
              {t('configs.reset')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('configs.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ConfigsTab({ topic }: { topic: string }): JSX.Element {
  const { t } = useFmt();
  const cluster = useCluster();
  const configs = useChannel('topics:configs', { name: topic }, [cluster.revision]);
  const table = useRouteTableState('cfg', [{ id: 'name', desc: false }]);
  const [editing, setEditing] = useState<TopicConfigView | null>(null);
  const columns = useMemo(
    (): ColumnDef<TopicConfigView>[] => [
      textColumn<TopicConfigView>('name', t('configs.col.name'), (c) => c.name, { size: 280, render: (c) => <code title={c.documentation ?? undefined}>{c.name}</code> }),
      textColumn<TopicConfigView>('value', t('configs.col.value'), (c) => (c.sensitive ? '' : c.value ?? ''), {
        size: 260,
        wrap: true,
        render: (c) => (c.sensitive ? <span className="muted">{t('configs.sensitive')}</span> : c.value === null ? <span className="muted">—</span> : <span>{c.value}</span>),
      }),
      textColumn<TopicConfigView>('source', t('configs.col.source'), (c) => c.source, {
        size: 220,
        render: (c) => (
          <span className={`badge tone-${c.source === 'dynamic' ? 'leader' : c.source === 'static' ? 'busy' : 'off'}`} title={c.kafkaSource}>
            {t(SOURCE[c.source])}
          </span>
        ),
      }),
      displayColumn<TopicConfigView>('edit', t('configs.col.actions'), (c) =>
        c.readOnly ? (
          <span className="muted">{t('configs.readOnly')}</span>
        ) : (
          <button type="button" className="btn btn-small" aria-label={t('configs.edit', { name: c.name })} onClick={() => setEditing(c)}>
            {t('configs.editShort')}
          </button>
        ),
      120),
    ],
    [t],
  );
  if (configs.loading) return <Loading label={t('configs.loading', { topic })} />;
  if (configs.error && !configs.data) return <ErrorPanel error={configs.error} title={t('configs.error', { topic })} onRetry={configs.reload} />;
  return (
    <section className="section" aria-labelledby="configs-heading">
      <div className="section-head">
        <h2 id="configs-heading">{t('configs.heading')}</h2>
      </div>
      <DataTable
        label={t('configs.table', { topic })}
        data={configs.data?.configs ?? []}
        columns={columns}
        getRowId={(c) => c.name}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        filter={table.filter}
        onFilterChange={table.onFilterChange}
        filterLabel={t('configs.filter')}
        empty={<Empty title={t('configs.none')} />}
      />
      {editing && <EditConfigDialog topic={topic} config={editing} onDone={configs.reload} onClose={() => setEditing(null)} />}
    </section>
  );
}
