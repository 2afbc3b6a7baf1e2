import type { JSX } from 'react';
import type { GroupResetResult, NonEmptyGroupErrorBody, PlanChangedErrorBody, ResetPlanRow } from '../../../shared/groups-types';
import { formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';

function Offset({ value }: { value: number | null }): JSX.Element {
  const { locale } = useFmt();
  return value === null ? <span className="muted">—</span> : <>{formatExact(value, locale)}</>;
}

function Row({ row, label }: { row: ResetPlanRow; label?: string }): JSX.Element {
  const { t, locale } = useFmt();
  const delta = row.currentOffset === null ? null : row.targetOffset - row.currentOffset;
  return (
    <tr className={row.clamped ? 'row-warn' : undefined}>
      {label !== undefined && <td>{label}</td>}
      <td>
        <code>{row.topic}</code>
      </td>
      <td className="numeric">{formatExact(row.partition, locale)}</td>
      <td className="numeric">
        <Offset value={row.currentOffset} />
      </td>
      <td className="numeric">
        <strong>{formatExact(row.targetOffset, locale)}</strong>
      </td>
      <td className="numeric">{delta === null ? <span className="muted">—</span> : `${delta > 0 ? '+' : ''}${formatExact(delta, locale)}`}</td>
      <td>
        {row.clamped && (
          <span className="count-warn" title={t('groups.reset.clamped.why', { requested: formatExact(row.requestedOffset, locale), start: formatExact(row.logStartOffset, locale), end: formatExact(row.logEndOffset, locale) })}>
            <span aria-hidden="true">▲ </span>
            {row.clamped === 'start' ? t('groups.reset.clamped.start') : t('groups.reset.clamped.end')}
          </span>
        )}
      </td>
    </tr>
  );
}

function Head({ extra }: { extra?: string }): JSX.Element {
  const { t } = useFmt();
  return (
    <thead>
      <tr>
        {extra !== undefined && <th scope="col">{extra}</th>}
        <th scope="col">{t('groups.col.topic')}</th>
        <th scope="col" className="numeric">
          {t('groups.col.partition')}
        </th>
        <th scope="col" className="numeric">
          {t('groups.reset.col.current')}
        </th>
        <th scope="col" className="numeric">
          {t('groups.reset.col.new')}
        </th>
        <th scope="col" className="numeric">
          {t('groups.reset.col.delta')}
        </th>
        <th scope="col">{t('groups.reset.col.clamped')}</th>
      </tr>
    </thead>
  );
}

export function PreviewTable({ plan }: { plan: GroupResetResult }): JSX.Element {
  const { t } = useFmt();
  const clamped = plan.rows.filter((r) => r.clamped).length;
  return (
    <section aria-label={t('groups.reset.preview.heading')}>
      <h3 className="subhead">{t('groups.reset.preview.heading')}</h3>
      <p className="muted">{t('groups.reset.preview.summary', { count: plan.rows.length, clamped })}</p>
      <div className="plain-table-wrap preview-wrap">
        <table className="plain-table" aria-label={t('groups.reset.preview.heading')}>
          <Head />
          <tbody>
            {plan.rows.map((r) => (
              <Row key={`${r.topic}:${r.partition}`} row={r} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RefusedGroup({ error }: { error: NonEmptyGroupErrorBody }): JSX.Element {
  const { t } = useFmt();
  return (
    <section className="refused" aria-label={t('groups.reset.refused.heading')}>
      <p>
        <strong>{t('groups.reset.refused.heading')}</strong> {t('groups.reset.refused.why', { state: error.group.state, count: error.group.members.length })}
      </p>
      <ul>
        {error.group.members.map((m) => (
          <li key={m.memberId}>
            <code>{m.clientId}</code> — {m.clientHost} — <code className="wrap-anywhere">{m.memberId}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PlanChangedRows({ error }: { error: PlanChangedErrorBody }): JSX.Element {
  const { t } = useFmt();
  return (
    <section className="refused" aria-label={t('groups.reset.changed.heading')}>
      <p>
        <strong>{t('groups.reset.changed.heading')}</strong> {t('groups.reset.changed.why')}
      </p>
      <div className="plain-table-wrap preview-wrap">
        <table className="plain-table" aria-label={t('groups.reset.changed.heading')}>
          <Head extra={t('groups.reset.changed.which')} />
          <tbody>
            {error.rows.flatMap((r, i) => [
              r.previewed ? <Row key={`p${i}`} row={r.previewed} label={t('groups.reset.changed.previewed')} /> : null,
              r.now ? <Row key={`n${i}`} row={r.now} label={t('groups.reset.changed.now')} /> : null,
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
