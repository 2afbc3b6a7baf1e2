import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { PartitionView } from '../../../shared/console-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate } from '../app/useRoute';
import { ReplicaList } from '../cluster/ReplicaList';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatExact } from '../format';
import { buildHash } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { DeleteTopicDialog } from './DeleteTopicDialog';

const BY_PARTITION: SortingState = [{ id: 'partition', desc: false }];

function idList(ids: readonly number[]): string {
  return ids.length ? ids.join(', ') : '—';
}

export function TopicDetail({ name, partition }: { name: string; partition: number | null }): JSX.Element {
  const cluster = useCluster();
  const detail = useChannel('topics:describe', { name }, [cluster.revision]);
  const table = useRouteTableState('', BY_PARTITION);
  const [deleting, setDeleting] = useState(false);

  const columns = useMemo(
    (): ColumnDef<PartitionView>[] => [
      numberColumn<PartitionView>('partition', 'Partition', (p) => p.partition, {
        format: 'exact',
        size: 100,
        render: (v, p) => (
          <a href={buildHash(['topics', name, 'partitions', String(p.partition)])} aria-label={`Partition ${v}`}>
            {v}
          </a>
        ),
      }),
      numberColumn<PartitionView>('leader', 'Leader', (p) => (p.leader >= 0 ? p.leader : null), { format: 'exact', size: 90, unknownText: 'no leader: the partition is offline' }),
      numberColumn<PartitionView>('epoch', 'Epoch', (p) => p.leaderEpoch, { format: 'exact', size: 80 }),
      {
        id: 'replicas',
        header: 'Replicas',
        size: 150,
        enableSorting: false,
        accessorFn: (p) => p.replicas.join(' '),
        cell: (c) => {
          const p = c.row.original;
          return <ReplicaList replicas={p.replicas} leader={p.leader} isr={p.isr} offlineReplicas={p.offlineReplicas} />;
        },
      },
      textColumn<PartitionView>('isr', 'ISR', (p) => idList(p.isr), { size: 100, filter: false }),
      textColumn<PartitionView>('offline', 'Offline replicas', (p) => idList(p.offlineReplicas), { size: 130, filter: false }),
      numberColumn<PartitionView>('logStart', 'Log start', (p) => p.logStartOffset, { format: 'exact', size: 100 }),
      numberColumn<PartitionView>('hw', 'High watermark', (p) => p.highWatermark, { format: 'exact', size: 140 }),
      numberColumn<PartitionView>('records', 'Records', (p) => (p.highWatermark !== null && p.logStartOffset !== null ? p.highWatermark - p.logStartOffset : null), { size: 90 }),
    ],
    [name],
  );

  const back = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href="#/topics">Topics</a> <span aria-hidden="true">/</span> <span aria-current="page">{name}</span>
      {partition !== null && <span> / partition {partition}</span>}
    </nav>
  );

  let body: JSX.Element;
  if (detail.loading) body = <Loading label={`Describing ${name}…`} />;
  else if (detail.error && !detail.data)
    body = (
      <ErrorPanel error={detail.error} title={`Topic ${name} could not be described`} onRetry={detail.reload}>
        <a className="btn" href="#/topics">
          Back to topics
        </a>
      </ErrorPanel>
    );
  else if (!detail.data) body = <Empty title="No such topic." />;
  else {
    const t = detail.data;
    const rf = t.partitions.reduce((m, p) => Math.max(m, p.replicas.length), 0);
    const urp = t.partitions.filter((p) => p.leader >= 0 && p.isr.length < p.replicas.length).length;
    const offline = t.partitions.filter((p) => p.leader < 0).length;
    body = (
      <>
        <dl className="summary" aria-label="Topic summary">
          <div className="card">
            <dt>Partitions</dt>
            <dd>{formatExact(t.partitions.length)}</dd>
          </div>
          <div className="card">
            <dt>Replication factor</dt>
            <dd>{rf}</dd>
          </div>
          <div className={`card${urp ? ' card-warn' : ''}`}>
            <dt>Under-replicated</dt>
            <dd>{urp}</dd>
          </div>
          <div className={`card${offline ? ' card-bad' : ''}`}>
            <dt>Offline</dt>
            <dd>{offline}</dd>
          </div>
          <div className="card card-wide">
            <dt>Topic ID</dt>
            <dd>
              <code>{t.topicId ?? 'not reported'}</code>
              {t.internal && <span className="card-note">internal topic</span>}
            </dd>
          </div>
        </dl>
        {t.offsetsError && <ErrorPanel error={t.offsetsError} title="Log start and high watermark could not be read" onRetry={detail.reload} />}
        <section aria-labelledby="partitions-heading" className="section">
          <div className="section-head">
            <h2 id="partitions-heading">Partitions</h2>
            <button type="button" className="btn btn-small" onClick={detail.reload}>
              Refresh offsets
            </button>
          </div>
          <DataTable
            label={`Partitions of ${name}`}
            data={t.partitions}
            columns={columns}
            getRowId={(p) => String(p.partition)}
            sorting={table.sorting}
            onSortingChange={table.onSortingChange}
            rowClassName={(p) => [p.partition === partition ? 'row-selected' : '', p.leader < 0 ? 'row-bad' : p.isr.length < p.replicas.length ? 'row-warn' : ''].join(' ').trim() || undefined}
            empty={<Empty title="The topic has no partitions." />}
          />
        </section>
      </>
    );
  }

  return (
    <>
      {back}
      <div className="page-head">
        <h1>{name}</h1>
        {detail.data && (
          <button type="button" className="btn btn-danger" aria-label={`Delete topic ${name}`} onClick={() => setDeleting(true)}>
            Delete topic
          </button>
        )}
      </div>
      {body}
      {deleting && <DeleteTopicDialog name={name} onDeleted={() => navigate('#/topics')} onClose={() => setDeleting(false)} />}
    </>
  );
}
