// One workload: start, stop, delete; for a consumer group its members (scale, stop, crash), the
// partitions × members grid, the rebalances, the delivery counts; for a producer its send outcomes;
// for both the live lag / throughput charts.
import { useState, type JSX } from 'react';
import type { ProducerStatus, WorkloadView } from '../../../shared/workload-types';
import { useChannel } from '../app/useChannel';
import { navigate } from '../app/useRoute';
import { formatDuration, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { consoleClient } from '../api-client';
import { AssignmentGridView } from './AssignmentGridView';
import { DeliveryCountsPanel, deliveryPeers, showsDelivery } from './DeliveryCountsPanel';
import { GroupMembers } from './GroupMembers';
import { RateText } from './RateText';
import { RebalanceTimeline } from './RebalanceTimeline';
import { WorkloadStateTag } from './StateTags';
import { TemplateRunPanel } from './TemplateRunPanel';
import { useWorkloadCommand, useWorkloads } from './useWorkloads';
import { WorkloadCharts } from './WorkloadCharts';
import { COMMIT_MODE_LABEL, KIND_LABEL } from './workload-labels';
import { applyWorkload, forgetWorkload, reloadWorkloads } from './workloads-store';
import { liveMembers, rateOf } from './WorkloadsList';

const DEFAULT_SESSION_MS = 10_000;

function ProducerCounts({ p }: { p: ProducerStatus }): JSX.Element {
  const { t, locale } = useFmt();
  const n = (v: number): string => formatExact(v, locale);
  return (
    <section className="section" aria-labelledby="wl-sends-heading">
      <div className="section-head">
        <h2 id="wl-sends-heading">{t('workloads.sends.heading')}</h2>
      </div>
      <dl className="summary" aria-label={t('workloads.sends.heading')}>
        <div className="card">
          <dt>{t('workloads.sends.sent')}</dt>
          <dd>{n(p.sent)}</dd>
        </div>
        <div className="card">
          <dt>{t('workloads.sends.acknowledged')}</dt>
          <dd>{n(p.acknowledged)}</dd>
        </div>
        <div className="card">
          <dt>{t('workloads.sends.pending')}</dt>
          <dd>{n(p.pending)}</dd>
        </div>
        <div className={p.failed > 0 ? 'card card-bad' : 'card'}>
          <dt>{t('workloads.sends.failed')}</dt>
          <dd>{n(p.failed)}</dd>
        </div>
        <div className={p.indeterminate > 0 ? 'card card-warn' : 'card'}>
          <dt>{t('workloads.sends.indeterminate')}</dt>
          <dd>{n(p.indeterminate)}</dd>
        </div>
      </dl>
      {p.lastError && (
        <p className="wl-alert" role="status">
          {t('workloads.sends.lastError')} <code lang="en">{p.lastError}</code>
        </p>
      )}
    </section>
  );
}

function SpecLine({ w }: { w: WorkloadView }): JSX.Element {
  const { t, locale } = useFmt();
  const s = w.spec;
  if (s.kind === 'producer') {
    return (
      <p className="muted wl-spec">
        {t('workloads.spec.producer', {
          rate: formatExact(s.ratePerSec, locale),
          keys: formatExact(s.keySpace, locale),
          distribution: s.keyDistribution,
          bytes: formatExact(s.valueBytes, locale),
          acks: s.acks === -1 ? 'all' : String(s.acks),
          idempotence: s.idempotence ? 'true' : 'false',
          compression: s.compression,
          partitioner: s.partitioner,
        })}
      </p>
    );
  }
  return (
    <p className="muted wl-spec">
      {t('workloads.spec.group', {
        assignor: s.assignor,
        commit: t(COMMIT_MODE_LABEL[s.commitMode]),
        processing: formatDuration(s.processingMs, locale),
        failure: formatExact(Math.round(s.failureRate * 10000) / 100, locale),
        session: formatDuration(s.sessionTimeoutMs ?? DEFAULT_SESSION_MS, locale),
        reset: s.autoOffsetReset,
      })}
    </p>
  );
}

export function WorkloadDetailView({ id }: { id: string }): JSX.Element {
  const { t, locale } = useFmt();
  const wl = useWorkloads();
  const cmd = useWorkloadCommand();
  const templates = useChannel('workloads:templates', {});
  const [deleting, setDeleting] = useState(false);
  const w = wl.workloads?.find((x) => x.id === id) ?? null;

  const back = (
    <nav aria-label={t('workloads.breadcrumb')} className="breadcrumb">
      <a href="#/workloads">{t('nav.workloads')}</a> <span aria-hidden="true">/</span> <span aria-current="page">{w?.name ?? id}</span>
    </nav>
  );

  if (!w) {
    let state: JSX.Element;
    if (wl.workloads === null && wl.error) state = <ErrorPanel error={wl.error} title={t('workloads.error')} onRetry={reloadWorkloads} />;
    else if (wl.workloads === null) state = <Loading label={t('workloads.loading')} />;
    else
      state = (
        <Empty title={t('workloads.detail.missing', { id })}>
          <a className="btn" href="#/workloads">
            {t('workloads.back')}
          </a>
        </Empty>
      );
    return (
      <>
        {back}
        <h1>{id}</h1>
        {state}
      </>
    );
  }

  const running = w.state === 'running' || w.state === 'stopping';
  const spec = w.spec;
  const template = templates.data?.templates.find((x) => x.id === w.template?.id) ?? null;
  return (
    <>
      {back}
      <div className="page-head">
        <h1>{w.name}</h1>
        <div className="page-actions">
          {running ? (
            <button type="button" className="btn" disabled={cmd.busy !== null || w.state === 'stopping'} onClick={() => cmd.run('stop', 'workloads:stop', { id }, applyWorkload)}>
              {cmd.busy === 'stop' ? t('workloads.stopping') : t('workloads.stop')}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" disabled={cmd.busy !== null} onClick={() => cmd.run('start', 'workloads:start', { id }, applyWorkload)}>
              {cmd.busy === 'start' ? t('workloads.starting') : t('workloads.start')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger"
            aria-label={t('workloads.delete.name', { name: w.name })}
            title={running ? t('workloads.delete.running') : undefined}
            aria-disabled={running || undefined}
            onClick={() => !running && setDeleting(true)}
          >
            {t('workloads.delete')}
          </button>
        </div>
      </div>
      {wl.error && <ErrorPanel error={wl.error} title={t('workloads.staleError')} onRetry={reloadWorkloads} />}
      {cmd.error && <ErrorPanel error={cmd.error} title={t('workloads.commandError')} onRetry={cmd.clearError} />}
      {w.error && (
        <p className="wl-alert" role="alert">
          {t('workloads.failedBecause')} <span lang="en">{w.error}</span>
        </p>
      )}
      <dl className="summary" aria-label={t('workloads.summary')}>
        <div className="card">
          <dt>{t('workloads.col.state')}</dt>
          <dd>
            <WorkloadStateTag state={w.state} />
          </dd>
        </div>
        <div className="card">
          <dt>{t('workloads.col.kind')}</dt>
          <dd>{t(KIND_LABEL[spec.kind])}</dd>
        </div>
        <div className="card card-wide">
          <dt>{t('workloads.col.topic')}</dt>
          <dd>
            <a href={buildHash(['topics', spec.topic])} className="wl-ellipsis" title={spec.topic}>
              {spec.topic}
            </a>
          </dd>
        </div>
        {spec.kind === 'consumer-group' && (
          <div className="card card-wide">
            <dt>{t('workloads.col.group')}</dt>
            <dd>
              <a href={buildHash(['groups', spec.groupId])} className="wl-ellipsis" title={spec.groupId}>
                {spec.groupId}
              </a>
            </dd>
          </div>
        )}
        <div className="card">
          <dt>{t('workloads.col.rate')}</dt>
          <dd>
            <RateText value={running ? rateOf(w) : null} />
          </dd>
        </div>
        {w.group && (
          <>
            <div className="card">
              <dt>{t('workloads.col.members')}</dt>
              <dd>{formatExact(liveMembers(w) ?? 0, locale)}</dd>
            </div>
            <div className="card">
              <dt>{t('workloads.col.lag')}</dt>
              <dd>{w.group.totalLag === null ? '—' : formatExact(w.group.totalLag, locale)}</dd>
            </div>
            <div className="card">
              <dt>{t('workloads.col.generation')}</dt>
              <dd>{w.group.generation >= 0 ? String(w.group.generation) : '—'}</dd>
            </div>
          </>
        )}
      </dl>
      <SpecLine w={w} />
      <TemplateRunPanel workload={w} all={wl.workloads ?? []} template={template} />
      {w.producer && <ProducerCounts p={w.producer} />}
      {w.group && spec.kind === 'consumer-group' && (
        <>
          <AssignmentGridView group={w.group} sessionTimeoutMs={spec.sessionTimeoutMs ?? DEFAULT_SESSION_MS} />
          <GroupMembers workload={w} cmd={cmd} />
          {showsDelivery(w) && <DeliveryCountsPanel peers={deliveryPeers(w, wl.workloads ?? [])} current={w.id} />}
        </>
      )}
      <WorkloadCharts workload={w} samples={wl.series.get(w.id) ?? []} now={wl.at ?? Date.now()} />
      {w.group && <RebalanceTimeline rebalances={w.group.rebalances} partitions={w.group.partitions} />}
      {deleting && (
        <ConfirmDialog
          title={t('workloads.delete.title', { name: w.name })}
          confirmLabel={t('workloads.delete')}
          typeToConfirm={w.name}
          onConfirm={() =>
            consoleClient()
              .call('workloads:delete', { id })
              .then(() => {
                forgetWorkload(id);
                navigate('#/workloads');
              })
          }
          onClose={() => setDeleting(false)}
        >
          <p>{t('workloads.delete.body')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
