// Every rebalance the workload's members went through, newest first: when, which generation, why,
// who held what after it, and the partitions that moved.
import type { JSX } from 'react';
import type { WorkloadRebalanceView } from '../../../shared/workload-types';
import { formatClock, formatDateTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { rebalanceEntries } from './rebalance-history';

export function RebalanceTimeline({ rebalances, partitions }: { rebalances: readonly WorkloadRebalanceView[]; partitions: number }): JSX.Element {
  const { t, locale } = useFmt();
  const newest = rebalanceEntries(rebalances, partitions).reverse();
  return (
    <section className="section panel" aria-labelledby="wl-rebalances-heading">
      <div className="section-head">
        <h2 id="wl-rebalances-heading">{t('workloads.rebalances.heading')}</h2>
      </div>
      {newest.length === 0 ? (
        <p className="muted">{t('workloads.rebalances.none')}</p>
      ) : (
        <ol className="timeline wl-timeline" aria-label={t('workloads.rebalances.heading')}>
          {newest.map((r) => (
            <li key={r.generation} className="event wl-rebalance" data-generation={r.generation}>
              <time className="event-time" dateTime={new Date(r.at).toISOString()} title={formatDateTime(r.at, locale)}>
                {formatClock(r.at, locale)}
              </time>
              <span className="event-kind">{t('workloads.rebalances.generation', { generation: r.generation })}</span>
              <span className="event-message">
                <span lang="en">{r.reasons.join('; ')}</span>
                <span className="wl-rebalance-assignment">
                  {r.assignment.length === 0
                    ? t('workloads.rebalances.nobody')
                    : r.assignment
                        .map((a) => (a.partitions.length ? t('workloads.rebalances.holds', { index: a.member, partitions: a.partitions.join(', ') }) : t('workloads.rebalances.holdsNothing', { index: a.member })))
                        .join(' · ')}
                </span>
                {r.moved && r.moved.length > 0 && (
                  <span className="wl-rebalance-moved">
                    {r.moved
                      .map((m) =>
                        m.from === null
                          ? t('workloads.rebalances.movedFromNobody', { partition: m.partition, to: m.to ?? '' })
                          : m.to === null
                            ? t('workloads.rebalances.movedToNobody', { partition: m.partition, from: m.from })
                            : t('workloads.rebalances.moved', { partition: m.partition, from: m.from, to: m.to }),
                      )
                      .join(' · ')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
