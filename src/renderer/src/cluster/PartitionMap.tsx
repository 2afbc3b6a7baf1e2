// Every partition as the controller sees it, with each replica's role and log end offset: where a
// kill or an isolation shows first (ISR shrinking, a replica falling behind).
import { useMemo, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { EngineClusterState, EnginePartitionStatus } from '../../../shared/engine-types';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatExact } from '../format';
import { buildHash } from '../routes';
import { Empty } from '../ui/StateViews';
import { ReplicaList } from './ReplicaList';

const BY_NAME: SortingState = [
  { id: 'topic', desc: false },
  { id: 'partition', desc: false },
];

function replicaDetail(p: EnginePartitionStatus): (id: number) => string | null {
  return (id) => {
    const r = p.replicaStatus.find((s) => s.brokerId === id);
    if (!r || r.logEndOffset === null) return null;
    return `LEO ${formatExact(r.logEndOffset)}`;
  };
}

export function PartitionMap({ state, showInternal }: { state: EngineClusterState; showInternal: boolean }): JSX.Element {
  const table = useRouteTableState('p', BY_NAME);
  const data = useMemo(() => state.partitions.filter((p) => showInternal || !p.topic.startsWith('__')), [state.partitions, showInternal]);
  const columns = useMemo(
    (): ColumnDef<EnginePartitionStatus>[] => [
      textColumn<EnginePartitionStatus>('topic', 'Topic', (p) => p.topic, {
        size: 180,
        render: (p) => <a href={buildHash(['topics', p.topic])}>{p.topic}</a>,
      }),
      numberColumn<EnginePartitionStatus>('partition', 'Partition', (p) => p.partition, { format: 'exact', size: 100 }),
      numberColumn<EnginePartitionStatus>('leader', 'Leader', (p) => (p.leader >= 0 ? p.leader : null), { format: 'exact', size: 90, unknownText: 'no leader: offline' }),
      numberColumn<EnginePartitionStatus>('epoch', 'Epoch', (p) => p.leaderEpoch, { format: 'exact', size: 80 }),
      {
        id: 'replicas',
        header: 'Replicas (log end offset)',
        size: 270,
        enableSorting: false,
        accessorFn: (p) => p.replicas.join(' '),
        cell: (c) => {
          const p = c.row.original;
          return <ReplicaList replicas={p.replicas} leader={p.leader} isr={p.isr} detail={replicaDetail(p)} />;
        },
      },
      numberColumn<EnginePartitionStatus>('isr', 'ISR', (p) => p.isr.length, { format: 'exact', size: 70 }),
      numberColumn<EnginePartitionStatus>('hw', 'High watermark', (p) => p.highWatermark, { format: 'exact', size: 140 }),
    ],
    [],
  );
  return (
    <section aria-labelledby="partitions-heading" className="section">
      <div className="section-head">
        <h2 id="partitions-heading">Partitions</h2>
        <p className="muted">The controller’s view, with each replica’s last reported log end offset.</p>
      </div>
      <DataTable
        label="Partitions"
        data={data}
        columns={columns}
        getRowId={(p) => `${p.topic}/${p.partition}`}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        filter={table.filter}
        onFilterChange={table.onFilterChange}
        filterLabel="Filter partitions by topic"
        rowClassName={(p) => (p.leader < 0 ? 'row-bad' : p.isr.length < p.replicas.length ? 'row-warn' : undefined)}
        empty={
          <Empty title="No partitions yet.">
            <a href="#/topics">Create a topic</a>
          </Empty>
        }
      />
    </section>
  );
}
