// The partitions × members grid: one row per partition, one column per member in the group. The
// owner's cell is filled and names the member; an idle member's column is hatched and says "idle";
// a partition with no owner (mid-rebalance) or with two (never once stable) is flagged in words.
import type { JSX } from 'react';
import type { ConsumerGroupStatus } from '../../../shared/workload-types';
import { useFmt } from '../i18n/I18nProvider';
import { assignmentGrid } from './assignment-grid';
import { MemberStateTag } from './StateTags';

export function AssignmentGridView({ group, sessionTimeoutMs }: { group: ConsumerGroupStatus; sessionTimeoutMs: number }): JSX.Element {
  const { t } = useFmt();
  const grid = assignmentGrid(group);
  const crashed = grid.members.filter((m) => m.state === 'crashed');
  return (
    <section className="section" aria-labelledby="wl-grid-heading">
      <div className="section-head">
        <h2 id="wl-grid-heading">{t('workloads.grid.heading')}</h2>
        <p className="muted" aria-live="polite">
          {grid.idle.length > 0 ? t('workloads.grid.idleSummary', { count: grid.idle.length, members: grid.idle.join(', ') }) : t('workloads.grid.noIdle')}
        </p>
      </div>
      {grid.members.length === 0 || grid.rows.length === 0 ? (
        <p className="muted">{grid.members.length === 0 ? t('workloads.grid.noMembers') : t('workloads.grid.noPartitions')}</p>
      ) : (
        <div className="wl-grid-wrap">
          <table className="wl-grid" aria-label={t('workloads.grid.table')}>
            <thead>
              <tr>
                <th scope="col">{t('workloads.grid.partition')}</th>
                {grid.members.map((m) => (
                  <th key={m.index} scope="col" className={m.idle ? 'wl-idle' : m.state === 'crashed' ? 'wl-crashed' : undefined} data-member={m.index}>
                    <span className="wl-grid-member">{t('workloads.member.name', { index: m.index })}</span>
                    <MemberStateTag state={m.state} idle={m.idle} />
                  </th>
                ))}
                <th scope="col">{t('workloads.grid.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((r) => (
                <tr key={r.partition} data-partition={r.partition}>
                  <th scope="row">{t('workloads.grid.partitionName', { partition: r.partition })}</th>
                  {grid.members.map((m) => {
                    const owns = r.owners.includes(m.index);
                    return (
                      <td key={m.index} className={owns ? `wl-owns wl-owner-${m.index % 10}${m.state === 'crashed' ? ' wl-owns-crashed' : ''}` : m.idle ? 'wl-idle' : undefined}>
                        {owns ? <span aria-label={t('workloads.grid.owns', { index: m.index, partition: r.partition })}>■</span> : <span className="sr-only">{t('workloads.grid.notOwned')}</span>}
                      </td>
                    );
                  })}
                  <td className={r.owners.length === 1 ? 'wl-owner-cell' : 'wl-owner-cell wl-warn'}>
                    {r.owners.length === 0
                      ? t('workloads.grid.unowned')
                      : r.owners.length > 1
                        ? t('workloads.grid.shared', { members: r.owners.join(', ') })
                        : t('workloads.member.name', { index: r.owners[0]! })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {crashed.length > 0 && (
        <p className="wl-note" role="note">
          {t('workloads.grid.crashedNote', { members: crashed.map((m) => m.index).join(', '), timeout: Math.round(sessionTimeoutMs / 1000) })}
        </p>
      )}
    </section>
  );
}
