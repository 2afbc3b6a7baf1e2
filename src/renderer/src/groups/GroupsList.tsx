import { useMemo, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { GroupListing } from '../../../shared/groups-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate, useRoute } from '../app/useRoute';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatAgo } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash, withParams } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { TimeLag } from './TimeLag';

const BY_ID: SortingState = [{ id: 'groupId', desc: false }];

export function GroupsList(): JSX.Element {
  const route = useRoute();
  const { t, locale } = useFmt();
  const cluster = useCluster();
  const groups = useChannel('groups:list', {}, [cluster.revision]);
  const table = useRouteTableState('', BY_ID);
  const hideEmpty = route.params['empty'] === 'hide';

  const all = groups.data?.groups ?? [];
  const visible = useMemo(() => all.filter((g) => !hideEmpty || g.state !== 'Empty'), [all, hideEmpty]);
  const hidden = all.length - visible.length;

  const columns = useMemo(
    (): ColumnDef<GroupListing>[] => [
      textColumn<GroupListing>('groupId', t('groups.col.groupId'), (g) => g.groupId, {
        size: 200,
        render: (g) => (
          <a href={buildHash(['groups', g.groupId])} title={g.groupId} data-truncate="">
            {g.groupId}
          </a>
        ),
      }),
      textColumn<GroupListing>('state', t('groups.col.state'), (g) => g.state, { size: 120, render: (g) => <StateTag state={g.state} /> }),
      textColumn<GroupListing>('protocol', t('groups.col.protocol'), (g) => [g.protocolType, g.protocol].filter(Boolean).join(' / '), { size: 150 }),
      numberColumn<GroupListing>('members', t('groups.col.members'), (g) => g.members, { format: 'exact', size: 80 }),
      numberColumn<GroupListing>('coordinator', t('groups.col.coordinator'), (g) => g.coordinatorId, { format: 'id', size: 100 }),
      textColumn<GroupListing>('topics', t('groups.col.topics'), (g) => g.topics.join(', '), { size: 180, wrap: true }),
      numberColumn<GroupListing>('totalLag', t('groups.col.totalLag'), (g) => g.totalLag, { size: 100, unknownText: t('groups.noCommits') }),
      numberColumn<GroupListing>('maxTimeLag', t('groups.col.maxTimeLag'), (g) => g.maxTimeLagMs, { size: 120, render: (v) => <TimeLag ms={v} /> }),
    ],
    [t],
  );

  const toolbar = (
    <label className="toggle">
      <input type="checkbox" checked={hideEmpty} onChange={(e) => navigate(withParams(route, { empty: e.target.checked ? 'hide' : undefined }), { replace: true })} />
      {hideEmpty && hidden > 0 ? t('groups.hideEmpty.hidden', { count: hidden }) : t('groups.hideEmpty')}
    </label>
  );

  let body: JSX.Element;
  if (groups.loading) body = <Loading label={t('groups.loading')} />;
  else if (groups.error && !groups.data) body = <ErrorPanel error={groups.error} title={t('groups.error')} onRetry={groups.reload} />;
  else {
    const data = groups.data!;
    body = (
      <>
        {groups.error && <ErrorPanel error={groups.error} title={t('groups.staleError')} onRetry={groups.reload} />}
        {data.brokerErrors.length > 0 && (
          <p className="result result-warn" role="alert">
            {t('groups.brokerErrors', { brokers: data.brokerErrors.map((e) => e.nodeId).join(', ') })}
          </p>
        )}
        {data.groupErrors.length > 0 && (
          <p className="result result-warn" role="alert">
            {t('groups.groupErrors', { groups: data.groupErrors.map((e) => `${e.groupId} (${e.error.name})`).join(', ') })}
          </p>
        )}
        <p className="muted">
          {data.lagSampledAt === null ? t('groups.sampledNever') : t('groups.sampledAt', { ago: formatAgo(data.lagSampledAt, Date.now(), locale) })}{' '}
          <button type="button" className="btn btn-small" onClick={groups.reload}>
            {t('groups.refresh')}
          </button>
        </p>
        <DataTable
          label={t('groups.table')}
          data={visible}
          columns={columns}
          getRowId={(g) => g.groupId}
          sorting={table.sorting}
          onSortingChange={table.onSortingChange}
          filter={table.filter}
          onFilterChange={table.onFilterChange}
          filterLabel={t('groups.filter')}
          toolbar={toolbar}
          empty={
            <Empty title={hidden ? t('groups.empty.hidden', { count: hidden }) : t('groups.empty')}>
              <p className="muted">{t('groups.empty.what')}</p>
            </Empty>
          }
        />
      </>
    );
  }

  return (
    <>
      <h1>{t('nav.groups')}</h1>
      {body}
    </>
  );
}

/** Kafka's state name with a shape, so state is never told by colour alone. */
export function StateTag({ state }: { state: string }): JSX.Element {
  const tone = state === 'Stable' ? 'ok' : state === 'Empty' ? 'muted' : state === 'Dead' ? 'bad' : 'warn';
  const icon = tone === 'ok' ? '●' : tone === 'muted' ? '○' : tone === 'bad' ? '✕' : '▲';
  return (
    <span className={`group-state group-state-${tone}`}>
      <span aria-hidden="true">{icon} </span>
      {state}
    </span>
  );
}
