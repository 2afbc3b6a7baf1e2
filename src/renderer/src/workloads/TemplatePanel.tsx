// The seed's six drawings, one click each: the template's topic and workloads start together and the
// page opens the workload that shows the drawing (its consumer group).
import type { JSX } from 'react';
import { WORKLOAD_TEMPLATE_IDS, type WorkloadCreateResponse, type WorkloadTemplateId } from '../../../shared/workload-types';
import { navigate } from '../app/useRoute';
import { useFmt } from '../i18n/I18nProvider';
import { buildHash } from '../routes';
import { ErrorPanel } from '../ui/StateViews';
import { useWorkloadCommand } from './useWorkloads';
import { TEMPLATE_TEXT } from './workload-labels';
import { reloadWorkloads } from './workloads-store';

/** The workload to open after a template starts: its first consumer group, else its first workload. */
export function landingWorkload(res: WorkloadCreateResponse): string | null {
  const group = res.workloads.find((w) => w.spec.kind === 'consumer-group');
  return (group ?? res.workloads[0])?.id ?? null;
}

export function TemplatePanel(): JSX.Element {
  const { t } = useFmt();
  const cmd = useWorkloadCommand();
  const start = (id: WorkloadTemplateId): void =>
    cmd.run(`template-${id}`, 'workloads:create', { template: id }, (res) => {
      reloadWorkloads();
      const open = landingWorkload(res);
      if (open) navigate(buildHash(['workloads', open]));
    });
  return (
    <section className="section" aria-labelledby="wl-templates-heading">
      <div className="section-head">
        <h2 id="wl-templates-heading">{t('workloads.templates.heading')}</h2>
        <p className="muted">{t('workloads.templates.what')}</p>
      </div>
      {cmd.error && <ErrorPanel error={cmd.error} title={t('workloads.templates.error')} onRetry={cmd.clearError} />}
      <ul className="wl-templates">
        {WORKLOAD_TEMPLATE_IDS.map((id) => {
          const text = TEMPLATE_TEXT[id];
          const title = t(text.title);
          const busy = cmd.busy === `template-${id}`;
          return (
            <li key={id} className="wl-template">
              <h3>{title}</h3>
              <p>{t(text.line)}</p>
              <button type="button" className="btn btn-primary btn-small" disabled={cmd.busy !== null} aria-label={t('workloads.templates.start.name', { template: title })} onClick={() => start(id)}>
                {busy ? t('workloads.templates.starting') : t('workloads.templates.start')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
