import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { GroupDetail, GroupMemberView, GroupPartitionLag } from '../../../shared/groups-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate } from '../app/useRoute';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatDateTime, formatExact, formatRecordTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { DeleteGroupDialog, DeleteOffsetsDialog } from './DeleteGroupDialogs';
import { StateTag } from './GroupsList';
import { ResetWizard } from './ResetWizard';
import { Sparkline } from './Sparkline';
import { TimeLag } from './TimeLag';

const BY_PARTITION: SortingState = [
  { id: 'topic', desc: false },
  { id: 'partition', desc: false },
];

function assignmentText(m: GroupMemberView): string {
  const byTopic = new Map<string, number[]>();
  for (const a of m.assignment) byTopic.set(a.topic, [...(byTopic.get(a.topic) ?? []), a.partition]);
  return [...byTopic].map(([topic, ps]) => `${topic} [${ps.sort((a, b) => a - b).join(', ')}]`).join('; ');
}

export function GroupDetailView({ groupId }: { groupId: string }): JSX.Element {
  const { t, locale } = useFmt();
  const cluster = useCluster();
  const detail = useChannel('groups:describe', { group: groupId }, [cluster.revision]);
  const table = useRouteTableState('p', BY_PARTITION);
  const [dialog, setDialog] = useState<{ kind: 'reset' } | { kind: 'delete' } | { kind: 'delete-offsets'; topic: string } | null>(null);
  const [notice, setNotice] = useState<{ deletedOffsets: string } | { reset: number } | null>(null);

  const columns = useMemo(
    (): ColumnDef<GroupPartitionLag>[] => [
      textColumn<GroupPartitionLag>('topic', t('groups.col.topic'), (p) => p.topic, {
        size: 180,
        // Topic names run to 249 characters: cut to the column, the whole name in the tooltip.
        render: (p) => (
          <span title={p.topic} data-truncate="">
            {p.topic}
          </span>
        ),
      }),
      numberColumn<GroupPartitionLag>('partition', t('groups.col.partition'), (p) => p.partition, { format: 'exact', size: 90 }),
      numberColumn<GroupPartitionLag>('committed', t('groups.col.committed'), (p) => p.committedOffset, { format: 'exact', size: 120, unknownText: t('groups.notCommitted') }),
      numberColumn<GroupPartitionLag>('logEnd', t('groups.col.logEnd'), (p) => (p.logEndOffset >= 0 ? p.logEndOffset : null), { format: 'exact', size: 110 }),
      numberColumn<GroupPartitionLag>('lag', t('groups.col.lag'), (p) => p.lag, { format: 'exact', size: 90 }),
      numberColumn<GroupPartitionLag>('timeLag', t('groups.col.timeLag'), (p) => p.timeLagMs, { size: 110, render: (v) => <TimeLag ms={v} /> }),
      textColumn<GroupPartitionLag>('owner', t('groups.col.owner'), (p) => (p.memberId ? `${p.clientId ?? ''} ${p.memberId}` : ''), {
        size: 260,
        render: (p) =>
          p.memberId ? (
            <span title={`${p.memberId} ${p.host ?? ''}`} data-truncate="">
              {p.clientId ?? p.memberId}
            </span>
          ) : (
            <span className="muted">{t('groups.noOwner')}</span>
          ),
      }),
    ],
    [t],
  );

  const back = (
    <nav aria-label={t('groups.breadcrumb')} className="breadcrumb">
      <a href="#/groups">{t('nav.groups')}</a> <span aria-hidden="true">/</span> <span aria-current="page">{groupId}</span>
    </nav>
  );

  let body: JSX.Element;
  if (detail.loading) body = <Loading label={t('groups.detail.loading', { group: groupId })} />;
  else if (detail.error && !detail.data)
    body = (
      <ErrorPanel error={detail.error} title={t('groups.detail.error', { group: groupId })} onRetry={detail.reload}>
        <a className="btn" href="#/groups">
          {t('groups.back')}
        </a>
      </ErrorPanel>
    );
  else {
    const g: GroupDetail = detail.data!;
    const topics = [...new Set(g.partitions.map((p) => p.topic))].sort();
    body = (
      <>
        {detail.error && <ErrorPanel error={detail.error} title={t('groups.staleError')} onRetry={detail.reload} />}
        <dl className="summary" aria-label={t('groups.summary')}>
          <div className="card">
            <dt>{t('groups.col.state')}</dt>
            <dd>
              <StateTag state={g.state} />
            </dd>
          </div>
          <div className="card">
            <dt>{t('groups.col.protocol')}</dt>
            <dd>{[g.protocolType, g.protocol].filter(Boolean).join(' / ') || '—'}</dd>
          </div>
          <div className="card">
            <dt>{t('groups.col.members')}</dt>
            <dd>{formatExact(g.members.length, locale)}</dd>
          </div>
          <div className="card">
            <dt>{t('groups.col.coordinator')}</dt>
            <dd>{String(g.coordinatorId)}</dd>
          </div>
          <div className="card">
            <dt>{t('groups.col.totalLag')}</dt>
            <dd>{g.totalLag === null ? '—' : formatExact(g.totalLag, locale)}</dd>
          </div>
        </dl>
        {notice && (
          <p className="result" role="status">
            {'reset' in notice ? t('groups.reset.done', { count: notice.reset }) : t('groups.deleteOffsets.done', { topic: notice.deletedOffsets })}
          </p>
        )}
        {g.lagSparklines.length > 0 && (
          <section aria-labelledby="spark-heading" className="section">
            <h2 id="spark-heading">{t('groups.spark.heading')}</h2>
            <div className="sparks">
              {g.lagSparklines.map((s) => (
                <Sparkline key={s.topic} topic={s.topic} points={s.points} />
              ))}
            </div>
          </section>
        )}
        <section aria-labelledby="members-heading" className="section">
          <h2 id="members-heading">{t('groups.members.heading')}</h2>
          {g.members.length === 0 ? (
            <Empty title={t('groups.members.none')} />
          ) : (
            <div className="plain-table-wrap">
              <table className="plain-table" aria-label={t('groups.members.heading')}>
                <thead>
                  <tr>
                    <th scope="col">{t('groups.col.memberId')}</th>
                    <th scope="col">{t('groups.col.instanceId')}</th>
                    <th scope="col">{t('groups.col.clientId')}</th>
                    <th scope="col">{t('groups.col.host')}</th>
                    <th scope="col">{t('groups.col.assignment')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.members.map((m) => (
                    <tr key={m.memberId}>
                      <td className="wrap-anywhere">
                        <code>{m.memberId}</code>
                      </td>
                      <td>{m.groupInstanceId ?? <span className="muted">—</span>}</td>
                      <td>{m.clientId}</td>
                      <td>{m.clientHost}</td>
                      <td className="wrap-anywhere">{assignmentText(m) || <span className="muted">{t('groups.members.noAssignment')}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section aria-labelledby="partitions-heading" className="section">
          <div className="section-head">
            <h2 id="partitions-heading">{t('groups.partitions.heading')}</h2>
            <button type="button" className="btn btn-small" onClick={detail.reload}>
              {t('groups.refresh')}
            </button>
            {topics.map((topic) => (
              <button key={topic} type="button" className="btn btn-small btn-danger" onClick={() => setDialog({ kind: 'delete-offsets', topic })}>
                {t('groups.deleteOffsets.open', { topic })}
              </button>
            ))}
          </div>
          <DataTable
            label={t('groups.partitions.table', { group: groupId })}
            data={g.partitions}
            columns={columns}
            getRowId={(p) => `${p.topic}:${p.partition}`}
            sorting={table.sorting}
            onSortingChange={table.onSortingChange}
            filter={table.filter}
            onFilterChange={table.onFilterChange}
            filterLabel={t('groups.partitions.filter')}
            empty={<Empty title={t('groups.partitions.none')} />}
          />
        </section>
        <section aria-labelledby="rebalances-heading" className="section">
          <h2 id="rebalances-heading">{t('groups.rebalances.heading')}</h2>
          {g.rebalances.length === 0 ? (
            <Empty title={t('groups.rebalances.none')} />
          ) : (
            <div className="plain-table-wrap">
              <table className="plain-table" aria-label={t('groups.rebalances.heading')}>
                <thead>
                  <tr>
                    <th scope="col">{t('groups.col.observed')}</th>
                    <th scope="col">{t('groups.col.when')}</th>
                    <th scope="col">{t('groups.col.state')}</th>
                    <th scope="col" className="numeric">
                      {t('groups.col.members')}
                    </th>
                    <th scope="col">{t('groups.col.joined')}</th>
                    <th scope="col">{t('groups.col.left')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[...g.rebalances].reverse().map((r) => (
                    <tr key={r.observed}>
                      <td>{r.generation === null ? `#${r.observed}` : t('groups.rebalances.generation', { observed: r.observed, generation: r.generation })}</td>
                      <td title={formatDateTime(r.at, locale)}>{formatRecordTime(r.at, Date.now(), locale)}</td>
                      <td>
                        <StateTag state={r.state} />
                      </td>
                      <td className="numeric">{formatExact(r.members, locale)}</td>
                      <td className="wrap-anywhere">{r.joined.join(', ') || '—'}</td>
                      <td className="wrap-anywhere">{r.left.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </>
    );
  }

  return (
    <>
      {back}
      <div className="page-head">
        <h1>{groupId}</h1>
        {detail.data && (
          <div className="page-actions">
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'reset' })}>
              {t('groups.reset.open')}
            </button>
            <button type="button" className="btn btn-danger" aria-label={t('groups.delete.name', { group: groupId })} onClick={() => setDialog({ kind: 'delete' })}>
              {t('groups.delete.confirm')}
            </button>
          </div>
        )}
      </div>
      {body}
      {dialog?.kind === 'delete' && <DeleteGroupDialog group={groupId} onDeleted={() => navigate('#/groups')} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete-offsets' && (
        <DeleteOffsetsDialog
          group={groupId}
          topic={dialog.topic}
          onDeleted={() => {
            setNotice({ deletedOffsets: dialog.topic });
            detail.reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'reset' && detail.data && (
        <ResetWizard
          group={groupId}
          topics={[...new Set(detail.data.partitions.map((p) => p.topic))].sort()}
          partitions={detail.data.partitions.map((p) => ({ topic: p.topic, partition: p.partition }))}
          onExecuted={(n) => {
            setNotice({ reset: n });
            detail.reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
