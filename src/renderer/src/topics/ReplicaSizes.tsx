// The topic's size per replica (DescribeLogDirs): broker, folder, partition, bytes, lag.
import { useMemo, type JSX } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ReplicaSizeView } from '../../../shared/topic-admin-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatBytes } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';

export function ReplicaSizes({ topic }: { topic: string }): JSX.Element {
  const { t, locale } = useFmt();
  const cluster = useCluster();
  const dirs = useChannel('topics:log-dirs', { name: topic }, [cluster.revision]);
  const table = useRouteTableState('rep', [{ id: 'partition', desc: false }]);
  const columns = useMemo(
    (): ColumnDef<ReplicaSizeView>[] => [
      numberColumn<ReplicaSizeView>('partition', t('sizes.col.partition'), (r) => r.partition, { format: 'exact', size: 90 }),
      numberColumn<ReplicaSizeView>('broker', t('sizes.col.broker'), (r) => r.broker, { format: 'exact', size: 90 }),
      numberColumn<ReplicaSizeView>('size', t('sizes.col.size'), (r) => r.size, { format: 'bytes', size: 100 }),
      numberColumn<ReplicaSizeView>('lag', t('sizes.col.lag'), (r) => (r.offsetLag < 0 ? null : r.offsetLag), { format: 'exact', size: 100 }),
      textColumn<ReplicaSizeView>('dir', t('sizes.col.dir'), (r) => r.logDir + (r.future ? ` (${t('sizes.future')})` : ''), { size: 360, wrap: true }),
    ],
    [t],
  );
  let body: JSX.Element;
  if (dirs.loading) body = <Loading label={t('sizes.loading')} />;
  else if (dirs.error && !dirs.data) body = <ErrorPanel error={dirs.error} onRetry={dirs.reload} />;
  else
    body = (
      <>
        {(dirs.data?.brokerErrors ?? []).map((b) => (
          <ErrorPanel key={b.broker} error={b.error} title={t('sizes.brokerError', { broker: b.broker })} />
        ))}
        <DataTable
          label={t('sizes.table', { topic })}
          data={dirs.data?.replicas ?? []}
          columns={columns}
          getRowId={(r) => `${r.broker}/${r.partition}/${r.logDir}/${r.future ? 'f' : ''}`}
          sorting={table.sorting}
          onSortingChange={table.onSortingChange}
          empty={<Empty title={t('sizes.none')} />}
        />
      </>
    );
  return (
    <section className="section" aria-labelledby="sizes-heading">
      <div className="section-head">
        <h2 id="sizes-heading">{t('sizes.heading')}</h2>
        {dirs.data && <p>{t('sizes.total', { size: formatBytes(dirs.data.totalBytes, locale) })}</p>}
        <button type="button" className="btn btn-small" onClick={dirs.reload}>
          {t('sizes.refresh')}
        </button>
      </div>
      {body}
    </section>
  );
}
