// Message ids for the contract's names (states, kinds, modes, templates): the catalogs say them in
// the console's language, the tag shapes say state without colour.
import type { CommitMode, WorkloadKind, WorkloadMemberState, WorkloadState, WorkloadTemplateId } from '../../../shared/workload-types';
import type { MessageId } from '../i18n/messages';

export const STATE_LABEL: Record<WorkloadState, MessageId> = {
  created: 'workloads.state.created',
  running: 'workloads.state.running',
  stopping: 'workloads.state.stopping',
  stopped: 'workloads.state.stopped',
  failed: 'workloads.state.failed',
};

export const MEMBER_STATE_LABEL: Record<WorkloadMemberState, MessageId> = {
  joining: 'workloads.member.state.joining',
  active: 'workloads.member.state.active',
  stopping: 'workloads.member.state.stopping',
  left: 'workloads.member.state.left',
  crashed: 'workloads.member.state.crashed',
};

export const KIND_LABEL: Record<WorkloadKind, MessageId> = {
  producer: 'workloads.kind.producer',
  'consumer-group': 'workloads.kind.group',
};

export const COMMIT_MODE_LABEL: Record<CommitMode, MessageId> = {
  auto: 'workloads.commit.auto',
  'at-least-once': 'workloads.commit.atLeastOnce',
  'at-most-once': 'workloads.commit.atMostOnce',
};

export const TEMPLATE_TEXT: Record<WorkloadTemplateId, { title: MessageId; line: MessageId }> = {
  'partitions-4-members-2': { title: 'workloads.template.p4m2.title', line: 'workloads.template.p4m2.line' },
  'partitions-4-members-4': { title: 'workloads.template.p4m4.title', line: 'workloads.template.p4m4.line' },
  'partitions-4-members-6': { title: 'workloads.template.p4m6.title', line: 'workloads.template.p4m6.line' },
  'two-groups-one-topic': { title: 'workloads.template.twoGroups.title', line: 'workloads.template.twoGroups.line' },
  'member-crash': { title: 'workloads.template.crash.title', line: 'workloads.template.crash.line' },
  'delivery-semantics': { title: 'workloads.template.delivery.title', line: 'workloads.template.delivery.line' },
};

export type Tone = 'ok' | 'warn' | 'bad' | 'muted' | 'busy';

export const STATE_TONE: Record<WorkloadState, Tone> = { created: 'muted', running: 'ok', stopping: 'warn', stopped: 'muted', failed: 'bad' };
export const MEMBER_TONE: Record<WorkloadMemberState, Tone> = { joining: 'busy', active: 'ok', stopping: 'warn', left: 'muted', crashed: 'bad' };

/** A shape per tone so state is never told by colour alone. */
export const TONE_ICON: Record<Tone, string> = { ok: '●', warn: '▲', bad: '✕', muted: '○', busy: '◐' };
