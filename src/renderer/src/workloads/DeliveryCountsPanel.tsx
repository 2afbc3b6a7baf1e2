// At-least-once beside at-most-once: for every consumer-group workload of the same template run (or
// this one alone), the records processed twice and the records never processed, from each
// workload's own history.
import type { JSX } from 'react';
import type { WorkloadView } from '../../../shared/workload-types';
import { formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { COMMIT_MODE_LABEL } from './workload-labels';

/** The groups whose counts are compared: this one and its run's other consumer groups. */
export function deliveryPeers(workload: WorkloadView, all: readonly WorkloadView[]): WorkloadView[] {
  const run = workload.template?.runId;
  const peers = run ? all.filter((w) => w.template?.runId === run && w.group) : [workload];
  return peers.filter((w) => w.group).sort((a, b) => a.name.localeCompare(b.name));
}

/** Shown for groups that commit around processing or inject failures: where the counts say something. */
export function showsDelivery(workload: WorkloadView): boolean {
  const spec = workload.spec;
  return spec.kind === 'consumer-group' && (spec.commitMode !== 'auto' || spec.failureRate > 0);
}

export function DeliveryCountsPanel({ peers, current }: { peers: readonly WorkloadView[]; current: string }): JSX.Element {
  const { t, locale } = useFmt();
  const n = (v: number): string => formatExact(v, locale);
  return (
    <section className="section" aria-labelledby="wl-delivery-heading">
      <div className="section-head">
        <h2 id="wl-delivery-heading">{t('workloads.delivery.heading')}</h2>
        <p className="muted">{t('workloads.delivery.what')}</p>
      </div>
      <div className="plain-table-wrap">
        <table className="plain-table wl-delivery" aria-label={t('workloads.delivery.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('workloads.col.name')}</th>
              <th scope="col">{t('workloads.delivery.mode')}</th>
              <th scope="col" className="numeric">
                {t('workloads.delivery.processed')}
              </th>
              <th scope="col" className="numeric">
                {t('workloads.delivery.failures')}
              </th>
              <th scope="col" className="numeric">
                {t('workloads.delivery.twice')}
              </th>
              <th scope="col" className="numeric">
                {t('workloads.delivery.never')}
              </th>
              <th scope="col" className="numeric" title={t('workloads.delivery.refused.hint')}>
                {t('workloads.delivery.refused')}
              </th>
            </tr>
          </thead>
          <tbody>
            {peers.map((w) => {
              const c = w.group!.counts;
              const mode = w.spec.kind === 'consumer-group' ? w.spec.commitMode : 'auto';
              return (
                <tr key={w.id} aria-current={w.id === current ? 'true' : undefined} data-workload={w.name}>
                  <td>
                    <a href={buildHash(['workloads', w.id])} title={w.name} data-truncate="">
                      {w.name}
                    </a>
                  </td>
                  <td>{t(COMMIT_MODE_LABEL[mode])}</td>
                  <td className="numeric" title={t('workloads.delivery.distinct', { distinct: n(c.distinct) })}>
                    {n(c.processed)}
                  </td>
                  <td className="numeric">{n(c.failuresInjected)}</td>
                  <td className={`numeric${c.duplicates > 0 ? ' count-warn' : ''}`} data-count="duplicates">
                    {n(c.duplicates)}
                  </td>
                  <td className={`numeric${c.skipped > 0 ? ' count-bad' : ''}`} data-count="skipped">
                    {n(c.skipped)}
                  </td>
                  <td className="numeric">{n(c.commitsRefused)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
