import type { JSX } from 'react';
import type { WorkloadMemberState, WorkloadState } from '../../../shared/workload-types';
import { useFmt } from '../i18n/I18nProvider';
import { MEMBER_STATE_LABEL, MEMBER_TONE, STATE_LABEL, STATE_TONE, TONE_ICON, type Tone } from './workload-labels';

function Tag({ tone, text }: { tone: Tone; text: string }): JSX.Element {
  return (
    <span className={`wl-tag wl-tone-${tone}`}>
      <span aria-hidden="true">{TONE_ICON[tone]} </span>
      {text}
    </span>
  );
}

export function WorkloadStateTag({ state }: { state: WorkloadState }): JSX.Element {
  const { t } = useFmt();
  return <Tag tone={STATE_TONE[state]} text={t(STATE_LABEL[state])} />;
}

/** A member's state; an active member holding nothing says "idle" instead. */
export function MemberStateTag({ state, idle }: { state: WorkloadMemberState; idle?: boolean }): JSX.Element {
  const { t } = useFmt();
  if (idle) return <Tag tone="muted" text={t('workloads.member.idle')} />;
  return <Tag tone={MEMBER_TONE[state]} text={t(MEMBER_STATE_LABEL[state])} />;
}
