// Every partition as the controller sees it, with each replica's role and log end offset: where a
// kill or an isolation shows first (ISR shrinking, a replica falling behind).
import { useMemo, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { EngineClusterState, EnginePartitionStatus } from '../../../shared/engine-types';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatExact } from '../format';
import type { Fmt } from '../i18n/fmt';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { Empty } from '../ui/StateViews';
import { ReplicaList } from './ReplicaList';

const BY_NAME: SortingState = [
  { id: 'topic', desc: false },
  { id: 'partition', desc: false },
];

function replicaDetail(p: EnginePartitionStatus, fmt: Fmt): (id: number) => string | null {
  return (id) => {
    const r = p.replicaStatus.find((s) => s.brokerId === id);
    if (!r || r.logEndOffset === null) return null;
    return fmt.t('partitions.leo', { offset: formatExact(r.logEndOffset, fmt.locale) });
  };
}

export function PartitionMap({ state, showInternal }: { state: EngineClusterState; showInternal: boolean }): JSX.Element {
  const fmt = useFmt();
  const { t } = fmt;
  const table = useRouteTableState('p', BY_NAME);
  const data = useMemo(() => state.partitions.filter((p) => showInternal || !p.topic.startsWith('__')), [state.partitions, showInternal]);
  const columns = useMemo(
    (): ColumnDef<EnginePartitionStatus>[] => [
      textColumn<EnginePartitionStatus>('topic', t('partitions.col.topic'), (p) => p.topic, {
        size: 180,
        // A long topic name is user data, not a translated word: it is cut with its full name in the tooltip.
        render: (p) => (
          <a href={buildHash(['topics', p.topic])} title={p.topic} data-truncate="">
            {p.topic}
          </a>
        ),
      }),
      numberColumn<EnginePartitionStatus>('partition', t('partitions.col.partition'), (p) => p.partition, { format: 'exact', size: 100 }),
      numberColumn<EnginePartitionStatus>('leader', t('partitions.col.leader'), (p) => (p.leader >= 0 ? p.leader : null), { format: 'exact', size: 90, unknownText: t('partitions.noLeader') }),
      numberColumn<EnginePartitionStatus>('epoch', t('partitions.col.epoch'), (p) => p.leaderEpoch, { format: 'exact', size: 80 }),
      {
        id: 'replicas',
        header: t('partitions.col.replicasLeo'),
        size: 270,
        enableSorting: false,
        accessorFn: (p) => p.replicas.join(' '),
        cell: (c) => {
          const p = c.row.original;
          return <ReplicaList replicas={p.replicas} leader={p.leader} isr={p.isr} detail={replicaDetail(p, fmt)} />;
        },
      },
      numberColumn<EnginePartitionStatus>('isr', t('partitions.col.isr'), (p) => p.isr.length, { format: 'exact', size: 70 }),
      numberColumn<EnginePartitionStatus>('hw', t('partitions.col.hw'), (p) => p.highWatermark, { format: 'exact', size: 140 }),
    ],
    [fmt, t],
  );
  return (
    <section aria-labelledby="partitions-heading" className="section">
      <div className="section-head">
        <h2 id="partitions-heading">{t('partitions.heading')}</h2>
        <p className="muted">{t('partitions.subtitle')}</p>
      </div>
      <DataTable
        label={t('partitions.table')}
        data={data}
        columns={columns}
        getRowId={(p) => `${p.topic}/${p.partition}`}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        filter={table.filter}
        onFilterChange={table.onFilterChange}
        filterLabel={t('partitions.filter')}
        rowClassName={(p) => (p.leader < 0 ? 'row-bad' : p.isr.length < p.replicas.length ? 'row-warn' : undefined)}
        empty={
          <Empty title={t('partitions.empty')}>
            <a href="#/topics">{t('partitions.empty.next')}</a>
          </Empty>
        }
      />
    </section>
  );
}
