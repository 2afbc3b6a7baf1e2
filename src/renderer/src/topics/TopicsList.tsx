import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { CreatedTopicView, TopicSummary } from '../../../shared/console-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate, useRoute } from '../app/useRoute';
import { displayColumn, NumberText, numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash, withParams } from '../routes';
import { ActionButton } from '../ui/ActionButton';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { CreateTopicDialog } from './CreateTopicDialog';
import { useTopicGroups } from './useTopicGroups';
import { DeleteTopicDialog } from './DeleteTopicDialog';

const BY_NAME: SortingState = [{ id: 'name', desc: false }];

function warnCount(n: number, tone: 'warn' | 'bad'): JSX.Element {
  return <span className={n > 0 ? `count-${tone}` : undefined}>{n > 0 && <span aria-hidden="true">{tone === 'bad' ? '✕ ' : '▲ '}</span>}<NumberText value={n} format="exact" /></span>;
}

export function TopicsList(): JSX.Element {
  const route = useRoute();
  const { t: tr, locale } = useFmt();
  const t = tr;
  const cluster = useCluster();
  const topics = useChannel('topics:list', {}, [cluster.revision]);
  const readers = useTopicGroups();
  const table = useRouteTableState('', BY_NAME);
  const showInternal = route.params['internal'] === '1';
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  // Kept as data and worded at render time, so it follows a change of language.
  const [notice, setNotice] = useState<{ created: CreatedTopicView } | { deleted: string } | null>(null);

  const all = topics.data?.topics ?? [];
  const visible = useMemo(() => all.filter((t) => showInternal || !t.internal), [all, showInternal]);
  const hiddenInternal = all.length - visible.length;
  const groupsByTopic = useMemo(() => new Map((readers.data?.topics ?? []).map((x) => [x.topic, x.groups])), [readers.data]);

  const columns = useMemo(
    (): ColumnDef<TopicSummary>[] => [
      textColumn<TopicSummary>('name', tr('topics.col.name'), (t) => t.name, {
        size: 250,
        render: (t) => (
          <>
            <a href={buildHash(['topics', t.name])} title={t.name} data-truncate="">
              {t.name}
            </a>
            {t.internal && <span className="tag">{tr('topics.internal')}</span>}
          </>
        ),
      }),
      numberColumn<TopicSummary>('partitions', tr('topics.col.partitions'), (t) => t.partitions, { size: 110 }),
      numberColumn<TopicSummary>('rf', tr('topics.col.rf'), (t) => t.replicationFactor, { size: 150 }),
      numberColumn<TopicSummary>('urp', tr('topics.col.underReplicated'), (t) => t.underReplicatedPartitions, { size: 150, render: (v) => warnCount(v ?? 0, 'warn') }),
      numberColumn<TopicSummary>('offline', tr('topics.col.offline'), (t) => t.offlinePartitions, { size: 100, render: (v) => warnCount(v ?? 0, 'bad') }),
      textColumn<TopicSummary>('groups', tr('charts.topics.col.groups'), (t) => (groupsByTopic.get(t.name) ?? []).map((g) => g.groupId).join(' '), {
        size: 200,
        render: (t) => {
          const groups = groupsByTopic.get(t.name) ?? [];
          if (groups.length === 0) return <span className="muted">{tr('charts.topics.noGroups')}</span>;
          const title = groups.map((g) => tr('charts.topics.groupLag', { group: g.groupId, lag: g.lag === null ? tr('charts.topicGroups.noCommit') : formatExact(g.lag, locale) })).join('\n');
          return (
            <span className="topic-readers" title={title} data-truncate="">
              {groups.map((g) => (
                <span key={g.groupId} className="topic-reader">
                  <a href={buildHash(['groups', g.groupId])}>{g.groupId}</a> <NumberText value={g.lag} format="count" unknownText={tr('charts.topicGroups.noCommit')} />
                </span>
              ))}
            </span>
          );
        },
      }),
      displayColumn<TopicSummary>(
        'actions',
        tr('topics.col.actions'),
        (t) => (
          <ActionButton label={tr('topics.delete.name', { name: t.name })} variant="danger" className="btn-small" onClick={() => setDeleting(t.name)}>
            {tr('topics.delete')}
          </ActionButton>
        ),
        110,
      ),
    ],
    [tr, locale, groupsByTopic],
  );

  const toolbar = (
    <>
      <label className="toggle">
        <input type="checkbox" checked={showInternal} onChange={(e) => navigate(withParams(route, { internal: e.target.checked ? '1' : undefined }), { replace: true })} />
        {hiddenInternal > 0 && !showInternal ? t('topics.showInternal.hidden', { count: hiddenInternal }) : t('topics.showInternal')}
      </label>
      <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
        {t('topics.create')}
      </button>
    </>
  );

  let body: JSX.Element;
  if (topics.loading) body = <Loading label={t('topics.loading')} />;
  else if (topics.error && !topics.data) body = <ErrorPanel error={topics.error} title={t('topics.error')} onRetry={topics.reload} />;
  else
    body = (
      <>
        {topics.error && <ErrorPanel error={topics.error} title={t('topics.staleError')} onRetry={topics.reload} />}
        <DataTable
          label={t('topics.table')}
          data={visible}
          columns={columns}
          getRowId={(t) => t.name}
          sorting={table.sorting}
          onSortingChange={table.onSortingChange}
          filter={table.filter}
          onFilterChange={table.onFilterChange}
          filterLabel={t('topics.filter')}
          toolbar={toolbar}
          rowClassName={(t) => (t.offlinePartitions ? 'row-bad' : t.underReplicatedPartitions ? 'row-warn' : undefined)}
          empty={
            <Empty title={hiddenInternal ? t('topics.empty.hidden', { count: hiddenInternal }) : t('topics.empty')}>
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                {t('topics.createFirst')}
              </button>
            </Empty>
          }
        />
      </>
    );

  return (
    <>
      <h1>{t('nav.topics')}</h1>
      {notice && (
        <p className="result" role="status">
          {'created' in notice
            ? t('topics.created', { name: notice.created.name, partitions: notice.created.partitions, rf: notice.created.replicationFactor })
            : t('topics.deleted', { name: notice.deleted })}
        </p>
      )}
      {body}
      {creating && (
        <CreateTopicDialog
          existing={all.map((t) => t.name)}
          brokersUp={cluster.view ? cluster.view.health.brokersUp : null}
          onCreated={(t) => {
            setNotice({ created: t });
            topics.reload();
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {deleting && (
        <DeleteTopicDialog
          name={deleting}
          onDeleted={() => {
            setNotice({ deleted: deleting });
            topics.reload();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </>
  );
}
