import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { WorkloadView } from '../../../shared/workload-types';
import { navigate } from '../app/useRoute';
import { displayColumn, numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatDateTime, formatRecordTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { ErrorPanel, Empty, Loading } from '../ui/StateViews';
import { CreateWorkloadDialog } from './CreateWorkloadDialog';
import { RateText } from './RateText';
import { WorkloadStateTag } from './StateTags';
import { TemplatePanel } from './TemplatePanel';
import { useWorkloadCommand, useWorkloads } from './useWorkloads';
import { KIND_LABEL, STATE_LABEL } from './workload-labels';
import { applyWorkload, reloadWorkloads } from './workloads-store';

const BY_CREATED: SortingState = [{ id: 'created', desc: true }];

/** Records per second: a group's members summed, a producer's acknowledged. */
export function rateOf(w: WorkloadView): number | null {
  if (w.group) return w.group.members.reduce((s, m) => s + m.ratePerSec, 0);
  return w.producer ? w.producer.ratePerSec : null;
}

/** Members in the group now (not left or crashed). */
export function liveMembers(w: WorkloadView): number | null {
  return w.group ? w.group.members.filter((m) => m.state === 'active' || m.state === 'joining').length : null;
}

export function WorkloadsList(): JSX.Element {
  const { t, locale } = useFmt();
  const wl = useWorkloads();
  const table = useRouteTableState('', BY_CREATED);
  const cmd = useWorkloadCommand();
  const [creating, setCreating] = useState(false);

  const columns = useMemo(
    (): ColumnDef<WorkloadView>[] => [
      textColumn<WorkloadView>('name', t('workloads.col.name'), (w) => w.name, {
        size: 200,
        render: (w) => (
          <a href={buildHash(['workloads', w.id])} title={w.name} data-truncate="">
            {w.name}
          </a>
        ),
      }),
      textColumn<WorkloadView>('kind', t('workloads.col.kind'), (w) => t(KIND_LABEL[w.spec.kind]), { size: 120 }),
      textColumn<WorkloadView>('topic', t('workloads.col.topic'), (w) => w.spec.topic, {
        size: 160,
        render: (w) => (
          <span title={w.spec.topic} data-truncate="">
            {w.spec.topic}
          </span>
        ),
      }),
      textColumn<WorkloadView>('state', t('workloads.col.state'), (w) => t(STATE_LABEL[w.state]), { size: 100, render: (w) => <WorkloadStateTag state={w.state} /> }),
      numberColumn<WorkloadView>('rate', t('workloads.col.rate'), rateOf, { size: 90, render: (v) => <RateText value={v} /> }),
      numberColumn<WorkloadView>('members', t('workloads.col.members'), liveMembers, { format: 'exact', size: 80, unknownText: t('workloads.notAGroup') }),
      numberColumn<WorkloadView>('lag', t('workloads.col.lag'), (w) => w.group?.totalLag ?? null, { format: 'exact', size: 80, unknownText: t('workloads.lagUnknown') }),
      numberColumn<WorkloadView>('created', t('workloads.col.created'), (w) => w.createdAt, {
        size: 100,
        render: (v) => (v === null ? null : <span title={formatDateTime(v, locale)}>{formatRecordTime(v, Date.now(), locale)}</span>),
      }),
      displayColumn<WorkloadView>(
        'actions',
        t('workloads.col.actions'),
        (w) => {
          const running = w.state === 'running' || w.state === 'stopping';
          const channel = running ? 'workloads:stop' : 'workloads:start';
          return (
            <button
              type="button"
              className="btn btn-small"
              disabled={cmd.busy !== null || w.state === 'stopping'}
              aria-label={t(running ? 'workloads.stop.name' : 'workloads.start.name', { name: w.name })}
              onClick={() => cmd.run(`${channel}-${w.id}`, channel, { id: w.id }, applyWorkload)}
            >
              {t(running ? 'workloads.stop' : 'workloads.start')}
            </button>
          );
        },
        90,
      ),
    ],
    [t, locale, cmd],
  );

  let body: JSX.Element;
  if (wl.workloads === null && wl.error) body = <ErrorPanel error={wl.error} title={t('workloads.error')} onRetry={reloadWorkloads} />;
  else if (wl.workloads === null) body = <Loading label={t('workloads.loading')} />;
  else
    body = (
      <>
        {wl.error && <ErrorPanel error={wl.error} title={t('workloads.staleError')} onRetry={reloadWorkloads} />}
        {cmd.error && <ErrorPanel error={cmd.error} title={t('workloads.commandError')} onRetry={cmd.clearError} />}
        <DataTable
          label={t('workloads.table')}
          data={wl.workloads}
          columns={columns}
          getRowId={(w) => w.id}
          sorting={table.sorting}
          onSortingChange={table.onSortingChange}
          filter={table.filter}
          onFilterChange={table.onFilterChange}
          filterLabel={t('workloads.filter')}
          empty={
            <Empty title={t('workloads.empty')}>
              <p className="muted">{t('workloads.empty.what')}</p>
            </Empty>
          }
        />
      </>
    );

  return (
    <>
      <div className="page-head">
        <h1>{t('nav.workloads')}</h1>
        <div className="page-actions">
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t('workloads.create.open')}
          </button>
        </div>
      </div>
      <TemplatePanel />
      <section className="section" aria-labelledby="wl-list-heading">
        <div className="section-head">
          <h2 id="wl-list-heading">{t('workloads.list.heading')}</h2>
        </div>
        {body}
      </section>
      {creating && (
        <CreateWorkloadDialog
          onCreated={(views) => {
            reloadWorkloads();
            if (views[0]) navigate(buildHash(['workloads', views[0].id]));
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
