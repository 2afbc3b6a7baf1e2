// A topic's consumer groups with their lag (issue 13 §1): per group its state, total lag, largest
// time lag and lag per partition, as the sampler last saw them.
import { useMemo, useState, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { TopicGroupLag } from '../../../shared/groups-history-types';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { formatDuration, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { useTopicGroups } from './useTopicGroups';

const BY_LAG: SortingState = [{ id: 'lag', desc: true }];

export function TopicGroups({ topic }: { topic: string }): JSX.Element {
  const { t, locale } = useFmt();
  const res = useTopicGroups(topic);
  const [sorting, setSorting] = useState<SortingState>(BY_LAG);
  const groups = res.data?.topics.find((x) => x.topic === topic)?.groups ?? [];
  const columns = useMemo(
    (): ColumnDef<TopicGroupLag>[] => [
      textColumn<TopicGroupLag>('group', t('charts.topicGroups.col.group'), (g) => g.groupId, {
        size: 240,
        render: (g) => (
          <a href={buildHash(['groups', g.groupId])} title={g.groupId} data-truncate="">
            {g.groupId}
          </a>
        ),
      }),
      textColumn<TopicGroupLag>('state', t('charts.topicGroups.col.state'), (g) => g.state, { size: 130 }),
      numberColumn<TopicGroupLag>('lag', t('charts.topicGroups.col.lag'), (g) => g.lag, { format: 'exact', size: 110, unknownText: t('charts.topicGroups.noCommit') }),
      numberColumn<TopicGroupLag>('timeLag', t('charts.topicGroups.col.timeLag'), (g) => g.maxTimeLagMs, {
        size: 120,
        render: (v) => (v === null ? t('charts.topicGroups.noCommit') : formatDuration(v, locale)),
      }),
      textColumn<TopicGroupLag>(
        'partitions',
        t('charts.topicGroups.col.partitions'),
        (g) =>
          g.partitions
            .map((p) => t('charts.topicGroups.partitionLag', { partition: p.partition, lag: p.lag === null ? t('charts.topicGroups.noCommit') : formatExact(p.lag, locale) }))
            .join(', '),
        { size: 320, wrap: true, filter: false },
      ),
    ],
    [t, locale],
  );
  let body: JSX.Element;
  if (res.error && !res.data) body = <ErrorPanel error={res.error} title={t('charts.topicGroups.error')} onRetry={res.reload} />;
  else if (!res.data) body = <Loading label={t('charts.topicGroups.loading')} />;
  else
    body = (
      <DataTable
        label={t('charts.topicGroups.table', { topic })}
        data={groups}
        columns={columns}
        getRowId={(g) => g.groupId}
        sorting={sorting}
        onSortingChange={setSorting}
        empty={<Empty title={res.data.sampledAt === null ? t('charts.topicGroups.notSampled') : t('charts.topicGroups.none')} />}
      />
    );
  return (
    <section aria-labelledby="topic-groups-heading" className="section">
      <div className="section-head">
        <h2 id="topic-groups-heading">{t('charts.topicGroups.heading')}</h2>
      </div>
      {body}
    </section>
  );
}
