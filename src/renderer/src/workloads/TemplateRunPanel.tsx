// A workload a template started: what the seed's drawing predicts for it (partitions per member,
// idle members) beside what the group shows now, the run's other workloads, and the template's later
// workloads (the third group that reads from the beginning) one click away.
import type { JSX } from 'react';
import type { WorkloadTemplate, WorkloadView } from '../../../shared/workload-types';
import { navigate } from '../app/useRoute';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { ErrorPanel } from '../ui/StateViews';
import { assignmentGrid, spreadNow } from './assignment-grid';
import { WorkloadStateTag } from './StateTags';
import { useWorkloadCommand } from './useWorkloads';
import { TEMPLATE_TEXT } from './workload-labels';
import { reloadWorkloads } from './workloads-store';

export function TemplateRunPanel({ workload, all, template }: { workload: WorkloadView; all: readonly WorkloadView[]; template: WorkloadTemplate | null }): JSX.Element | null {
  const { t } = useFmt();
  const cmd = useWorkloadCommand();
  const run = workload.template;
  if (!run) return null;
  const text = TEMPLATE_TEXT[run.id];
  const siblings = all.filter((w) => w.template?.runId === run.runId && w.id !== workload.id);
  const predicted = template?.expect.partitionsPerMember[run.role];
  const idlePredicted = template?.expect.idleMembers[run.role];
  const grid = workload.group ? assignmentGrid(workload.group) : null;
  const now = grid ? spreadNow(grid) : null;
  const matches = predicted && now ? predicted.length === now.length && predicted.every((n, i) => n === now[i]) : false;
  const started = new Set(all.filter((w) => w.template?.runId === run.runId).map((w) => w.template!.role));
  const later = (template?.later ?? []).filter((l) => !started.has(l.role));

  return (
    <section className="section panel wl-run" aria-labelledby="wl-run-heading">
      <div className="section-head">
        <h2 id="wl-run-heading">{t('workloads.run.heading', { template: t(text.title) })}</h2>
      </div>
      <p>{t(text.line)}</p>
      {predicted && now && predicted.length !== now.length && (
        <p className="wl-expect wl-expect-changed" data-matches="false">
          {t('workloads.run.changed', { predicted: predicted.join(', '), idle: idlePredicted ?? 0, members: predicted.length, now: now.length })}
        </p>
      )}
      {predicted && now && predicted.length === now.length && (
        <p className={matches ? 'wl-expect wl-expect-ok' : 'wl-expect'} data-matches={matches}>
          <span aria-hidden="true">{matches ? '✓ ' : '… '}</span>
          {t('workloads.run.expect', { predicted: predicted.join(', '), idle: idlePredicted ?? 0, now: now.join(', ') || '—', idleNow: grid!.idle.length })}{' '}
          {t(matches ? 'workloads.run.matches' : 'workloads.run.notYet')}
        </p>
      )}
      {siblings.length > 0 && (
        <ul className="wl-siblings" aria-label={t('workloads.run.siblings')}>
          {siblings.map((s) => (
            <li key={s.id}>
              <a href={buildHash(['workloads', s.id])}>{s.name}</a> <WorkloadStateTag state={s.state} />
            </li>
          ))}
        </ul>
      )}
      {cmd.error && <ErrorPanel error={cmd.error} title={t('workloads.run.laterError')} onRetry={cmd.clearError} />}
      {later.map((l) => (
        <button
          key={l.role}
          type="button"
          className="btn"
          disabled={cmd.busy !== null}
          onClick={() =>
            cmd.run(`later-${l.role}`, 'workloads:create', { template: run.id, runId: run.runId, role: l.role }, (res) => {
              reloadWorkloads();
              if (res.workloads[0]) navigate(buildHash(['workloads', res.workloads[0].id]));
            })
          }
        >
          {t('workloads.run.later', { role: l.role })}
        </button>
      ))}
    </section>
  );
}
