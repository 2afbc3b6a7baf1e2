// The members of a consumer-group workload, live: state, generation, partitions, rate, lag, and
// what happened to it; stop one (LeaveGroup: the group rebalances at once) or crash one (no
// LeaveGroup: the group waits for the session timeout); scale the group to N members.
import { useMemo, useState, type FormEvent, type JSX } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { WorkloadMemberView, WorkloadView } from '../../../shared/workload-types';
import { MAX_WORKLOAD_MEMBERS } from '../../../shared/workload-validators';
import { displayColumn, numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { useFmt } from '../i18n/I18nProvider';
import { ActionButton } from '../ui/ActionButton';
import { Empty } from '../ui/StateViews';
import { RateText } from './RateText';
import { MemberStateTag } from './StateTags';
import type { WorkloadCommand } from './useWorkloads';
import { MEMBER_STATE_LABEL } from './workload-labels';
import { applyWorkload } from './workloads-store';

const BY_INDEX: SortingState = [{ id: 'index', desc: false }];

function Scale({ workload, cmd }: { workload: WorkloadView; cmd: WorkloadCommand }): JSX.Element {
  const { t } = useFmt();
  const live = workload.group!.members.filter((m) => m.state === 'active' || m.state === 'joining').length;
  const [wanted, setWanted] = useState(String(live));
  const n = Number(wanted.trim());
  const valid = /^\d+$/.test(wanted.trim()) && n >= 0 && n <= MAX_WORKLOAD_MEMBERS;
  const running = workload.state === 'running';
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!valid || !running) return;
    cmd.run('scale', 'workloads:scale', { id: workload.id, members: n }, applyWorkload);
  };
  return (
    <form className="wl-scale" onSubmit={submit} noValidate>
      <label className="inline-field" htmlFor="wl-scale-input">
        {t('workloads.scale.label')}
      </label>
      <input id="wl-scale-input" className="wl-scale-input" inputMode="numeric" value={wanted} onChange={(e) => setWanted(e.target.value)} aria-invalid={!valid} aria-describedby="wl-scale-msg" />
      <button type="submit" className="btn btn-small" disabled={!valid || !running || cmd.busy !== null}>
        {cmd.busy === 'scale' ? t('workloads.scale.busy') : t('workloads.scale.apply')}
      </button>
      <span id="wl-scale-msg" className={valid ? 'field-help' : 'field-error'}>
        {!valid ? t('workloads.form.error.range', { min: 0, max: MAX_WORKLOAD_MEMBERS }) : running ? t('workloads.scale.help', { live }) : t('workloads.scale.notRunning')}
      </span>
    </form>
  );
}

export function GroupMembers({ workload, cmd }: { workload: WorkloadView; cmd: WorkloadCommand }): JSX.Element {
  const { t } = useFmt();
  const table = useRouteTableState('m', BY_INDEX);
  const group = workload.group!;
  const running = workload.state === 'running';

  const columns = useMemo((): ColumnDef<WorkloadMemberView>[] => {
    const canAct = (m: WorkloadMemberView): string | undefined => (!running ? t('workloads.member.notRunning') : m.state === 'active' || m.state === 'joining' ? undefined : t('workloads.member.gone'));
    return [
      numberColumn<WorkloadMemberView>('index', t('workloads.col.member'), (m) => m.index, { size: 90, render: (v) => t('workloads.member.name', { index: v ?? 0 }) }),
      textColumn<WorkloadMemberView>('state', t('workloads.col.state'), (m) => t(MEMBER_STATE_LABEL[m.state]), {
        size: 110,
        render: (m) => <MemberStateTag state={m.state} idle={m.state === 'active' && m.assignment.length === 0} />,
      }),
      numberColumn<WorkloadMemberView>('generation', t('workloads.col.generation'), (m) => (m.generation >= 0 ? m.generation : null), { format: 'id', size: 90 }),
      textColumn<WorkloadMemberView>('partitions', t('workloads.col.partitions'), (m) => m.assignment.map((a) => a.partition).sort((a, b) => a - b).join(', '), {
        size: 110,
        render: (m) => (m.assignment.length ? m.assignment.map((a) => a.partition).sort((a, b) => a - b).join(', ') : <span className="muted">{t('workloads.member.none')}</span>),
      }),
      numberColumn<WorkloadMemberView>('rate', t('workloads.col.rate'), (m) => (m.state === 'active' ? m.ratePerSec : null), { size: 90, render: (v) => <RateText value={v} /> }),
      numberColumn<WorkloadMemberView>('processed', t('workloads.col.processed'), (m) => m.processed, { size: 100 }),
      numberColumn<WorkloadMemberView>('lag', t('workloads.col.lag'), (m) => m.lag, { format: 'exact', size: 80, unknownText: t('workloads.lagUnknown') }),
      textColumn<WorkloadMemberView>('detail', t('workloads.col.detail'), (m) => m.detail ?? m.memberId, {
        size: 190,
        render: (m) => (
          <span title={m.memberId ? `${m.memberId}${m.detail ? ` — ${m.detail}` : ''}` : undefined} data-truncate="" lang="en">
            {m.detail ?? m.memberId}
          </span>
        ),
      }),
      displayColumn<WorkloadMemberView>(
        'actions',
        t('workloads.col.actions'),
        (m) => (
          <span className="wl-member-actions">
            <ActionButton
              label={t('workloads.member.stop.name', { index: m.index })}
              hint={t('workloads.member.stop.hint')}
              unavailable={canAct(m) ?? (cmd.busy !== null ? t('workloads.busy') : undefined)}
              onClick={() => cmd.run(`stop-${m.index}`, 'workloads:member-stop', { id: workload.id, member: m.index }, applyWorkload)}
            >
              {t('workloads.member.stop')}
            </ActionButton>
            <ActionButton
              variant="danger"
              label={t('workloads.member.crash.name', { index: m.index })}
              hint={t('workloads.member.crash.hint')}
              unavailable={canAct(m) ?? (cmd.busy !== null ? t('workloads.busy') : undefined)}
              onClick={() => cmd.run(`crash-${m.index}`, 'workloads:member-crash', { id: workload.id, member: m.index }, applyWorkload)}
            >
              {t('workloads.member.crash')}
            </ActionButton>
          </span>
        ),
        170,
      ),
    ];
  }, [t, cmd, running, workload.id]);

  return (
    <section className="section" aria-labelledby="wl-members-heading">
      <div className="section-head">
        <h2 id="wl-members-heading">{t('workloads.members.heading')}</h2>
        <Scale key={workload.state} workload={workload} cmd={cmd} />
      </div>
      <DataTable
        label={t('workloads.members.table')}
        data={group.members}
        columns={columns}
        getRowId={(m) => String(m.index)}
        sorting={table.sorting}
        onSortingChange={table.onSortingChange}
        rowClassName={(m) => (m.state === 'left' || m.state === 'crashed' ? 'wl-row-gone' : undefined)}
        empty={<Empty title={t('workloads.members.none')} />}
      />
    </section>
  );
}
