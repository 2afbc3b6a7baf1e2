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
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import type { MessageId } from '../i18n/messages';
import { MessagesView } from '../messages/MessagesView';
import { ConfigsTab } from './ConfigsTab';
import { DeleteTopicDialog } from './DeleteTopicDialog';
import { AddPartitionsDialog, DeleteRecordsDialog } from './PartitionActions';
import { ReplicaSizes } from './ReplicaSizes';
import { TopicGroups } from './TopicGroups';

const BY_PARTITION: SortingState = [{ id: 'partition', desc: false }];

function idList(ids: readonly number[]): string {
  return ids.length ? ids.join(', ') : '—';
}

export type TopicTab = 'partitions' | 'messages' | 'configs';

const TABS: ReadonlyArray<{ tab: TopicTab; label: MessageId }> = [
  { tab: 'partitions', label: 'topic.tab.partitions' },
  { tab: 'messages', label: 'topic.tab.messages' },
  { tab: 'configs', label: 'topic.tab.configs' },
];

export function TopicDetail({ name, partition, tab }: { name: string; partition: number | null; tab: TopicTab }): JSX.Element {
  const { t, locale } = useFmt();
  const cluster = useCluster();
  const detail = useChannel('topics:describe', { name }, [cluster.revision]);
  const table = useRouteTableState('', BY_PARTITION);
  const [deleting, setDeleting] = useState(false);
  const [adding, setAdding] = useState(false);
  const [deletingRecords, setDeletingRecords] = useState(false);

  const columns = useMemo(
    (): ColumnDef<PartitionView>[] => [
      numberColumn<PartitionView>('partition', t('partitions.col.partition'), (p) => p.partition, {
        format: 'exact',
        size: 100,
        render: (v, p) => (
          <a href={buildHash(['topics', name, 'partitions', String(p.partition)])} aria-label={t('topic.partition.name', { partition: v ?? '' })}>
            {v}
          </a>
        ),
      }),
      numberColumn<PartitionView>('leader', t('partitions.col.leader'), (p) => (p.leader >= 0 ? p.leader : null), { format: 'exact', size: 90, unknownText: t('partitions.noLeader') }),
      numberColumn<PartitionView>('epoch', t('partitions.col.epoch'), (p) => p.leaderEpoch, { format: 'exact', size: 80 }),
      {
        id: 'replicas',
        header: t('topic.col.replicas'),
        size: 150,
        enableSorting: false,
        accessorFn: (p) => p.replicas.join(' '),
        cell: (c) => {
          const p = c.row.original;
          return <ReplicaList replicas={p.replicas} leader={p.leader} isr={p.isr} offlineReplicas={p.offlineReplicas} />;
        },
      },
      textColumn<PartitionView>('isr', t('partitions.col.isr'), (p) => idList(p.isr), { size: 100, filter: false }),
      textColumn<PartitionView>('offline', t('topic.col.offlineReplicas'), (p) => idList(p.offlineReplicas), { size: 130, filter: false }),
      numberColumn<PartitionView>('logStart', t('topic.col.logStart'), (p) => p.logStartOffset, { format: 'exact', size: 100 }),
      numberColumn<PartitionView>('hw', t('partitions.col.hw'), (p) => p.highWatermark, { format: 'exact', size: 140 }),
      numberColumn<PartitionView>('records', t('topic.col.records'), (p) => (p.highWatermark !== null && p.logStartOffset !== null ? p.highWatermark - p.logStartOffset : null), { size: 90 }),
    ],
    [name, t],
  );

  const back = (
    <nav aria-label={t('topic.breadcrumb')} className="breadcrumb">
      <a href="#/topics">{t('nav.topics')}</a> <span aria-hidden="true">/</span> <span aria-current="page">{name}</span>
      {partition !== null && <span> / {t('topic.partition.crumb', { partition })}</span>}
    </nav>
  );

  let body: JSX.Element;
  if (detail.loading) body = <Loading label={t('topic.loading', { name })} />;
  else if (detail.error && !detail.data)
    body = (
      <ErrorPanel error={detail.error} title={t('topic.error', { name })} onRetry={detail.reload}>
        <a className="btn" href="#/topics">
          {t('topic.back')}
        </a>
      </ErrorPanel>
    );
  else if (!detail.data) body = <Empty title={t('topic.none')} />;
  else {
    const topic = detail.data;
    const rf = topic.partitions.reduce((m, p) => Math.max(m, p.replicas.length), 0);
    const urp = topic.partitions.filter((p) => p.leader >= 0 && p.isr.length < p.replicas.length).length;
    const offline = topic.partitions.filter((p) => p.leader < 0).length;
    body = (
      <>
        <dl className="summary" aria-label={t('topic.summary')}>
          <div className="card">
            <dt>{t('topics.col.partitions')}</dt>
            <dd>{formatExact(topic.partitions.length, locale)}</dd>
          </div>
          <div className="card">
            <dt>{t('topics.col.rf')}</dt>
            <dd>{formatExact(rf, locale)}</dd>
          </div>
          <div className={`card${urp ? ' card-warn' : ''}`}>
            <dt>{t('topics.col.underReplicated')}</dt>
            <dd>{formatExact(urp, locale)}</dd>
          </div>
          <div className={`card${offline ? ' card-bad' : ''}`}>
            <dt>{t('topics.col.offline')}</dt>
            <dd>{formatExact(offline, locale)}</dd>
          </div>
          <div className="card card-wide">
            <dt>{t('topic.id')}</dt>
            <dd>
              <code>{topic.topicId ?? t('common.notReported')}</code>
              {topic.internal && <span className="card-note">{t('topic.internal')}</span>}
            </dd>
          </div>
        </dl>
        {topic.offsetsError && <ErrorPanel error={topic.offsetsError} title={t('topic.offsetsError')} onRetry={detail.reload} />}
        <section aria-labelledby="partitions-heading" className="section">
          <div className="section-head">
            <h2 id="partitions-heading">{t('partitions.heading')}</h2>
            <button type="button" className="btn btn-small" onClick={detail.reload}>
              {t('topic.refresh')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
              {t('addPartitions.open')}
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => setDeletingRecords(true)}>
              {t('deleteRecords.open')}
            </button>
          </div>
          <DataTable
            label={t('topic.table', { name })}
            data={topic.partitions}
            columns={columns}
            getRowId={(p) => String(p.partition)}
            sorting={table.sorting}
            onSortingChange={table.onSortingChange}
            rowClassName={(p) => [p.partition === partition ? 'row-selected' : '', p.leader < 0 ? 'row-bad' : p.isr.length < p.replicas.length ? 'row-warn' : ''].join(' ').trim() || undefined}
            empty={<Empty title={t('topic.noPartitions')} />}
          />
        </section>
        <TopicGroups topic={name} />
        <ReplicaSizes topic={name} />
        {adding && <AddPartitionsDialog topic={name} current={topic.partitions.length} onDone={detail.reload} onClose={() => setAdding(false)} />}
        {deletingRecords && <DeleteRecordsDialog topic={name} partitions={topic.partitions.length} onDone={detail.reload} onClose={() => setDeletingRecords(false)} />}
      </>
    );
  }
  const tabs = (
    <div role="tablist" aria-label={t('topic.tabs', { name })} className="tabs">
      {TABS.map((x) => (
        <a key={x.tab} role="tab" aria-selected={x.tab === tab} className="tab" href={buildHash(x.tab === 'partitions' ? ['topics', name] : ['topics', name, x.tab])}>
          {t(x.label)}
        </a>
      ))}
    </div>
  );
  if (tab === 'messages') body = detail.data ? <MessagesView topic={name} /> : body;
  else if (tab === 'configs') body = detail.data ? <ConfigsTab topic={name} /> : body;

  return (
    <>
      {back}
      <div className="page-head">
        <h1>{name}</h1>
        {detail.data && (
          <button type="button" className="btn btn-danger" aria-label={t('topics.delete.name', { name })} onClick={() => setDeleting(true)}>
            {t('deleteTopic.confirm')}
          </button>
        )}
      </div>
      {tabs}
      <div role="tabpanel" aria-label={t(TABS.find((x) => x.tab === tab)!.label)}>
        {body}
      </div>
      {deleting && <DeleteTopicDialog name={name} onDeleted={() => navigate('#/topics')} onClose={() => setDeleting(false)} />}
    </>
  );
}
