// One colour, one icon and one word per broker state — the same everywhere, explained in the legend,
// never colour alone. Unknown states (a newer host) still render, as themselves.
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';

export interface StateLook {
  label: string;
  icon: string;
  /** CSS class carrying the colour (tone-ok, tone-warn…), defined once in styles. */
  tone: 'ok' | 'warn' | 'isolated' | 'off' | 'bad' | 'power' | 'busy';
  description: string;
}

interface StateDef {
  label: MessageId;
  description: MessageId;
  icon: string;
  tone: StateLook['tone'];
}

const LOOKS: Record<string, StateDef> = {
  running: { label: 'brokerState.running', description: 'brokerState.running.description', icon: '●', tone: 'ok' },
  online: { label: 'brokerState.online', description: 'brokerState.online.description', icon: '●', tone: 'ok' },
  starting: { label: 'brokerState.starting', description: 'brokerState.starting.description', icon: '◐', tone: 'busy' },
  stopping: { label: 'brokerState.stopping', description: 'brokerState.stopping.description', icon: '◑', tone: 'busy' },
  paused: { label: 'brokerState.paused', description: 'brokerState.paused.description', icon: '‖', tone: 'warn' },
  isolated: { label: 'brokerState.isolated', description: 'brokerState.isolated.description', icon: '⊘', tone: 'isolated' },
  stopped: { label: 'brokerState.stopped', description: 'brokerState.stopped.description', icon: '■', tone: 'off' },
  killed: { label: 'brokerState.killed', description: 'brokerState.killed.description', icon: '✕', tone: 'bad' },
  'power-lost': { label: 'brokerState.powerLost', description: 'brokerState.powerLost.description', icon: 'ϟ', tone: 'power' },
  failed: { label: 'brokerState.failed', description: 'brokerState.failed.description', icon: '!', tone: 'bad' },
};

/** The states shown in the legend, in the order a user meets them. */
export const LEGEND_STATES = ['running', 'paused', 'isolated', 'stopped', 'killed', 'power-lost', 'starting', 'failed'] as const;

export function stateLook(state: string, fmt: Fmt): StateLook {
  const def = LOOKS[state];
  if (!def) return { label: state, icon: '?', tone: 'busy', description: fmt.t('brokerState.unknown.description', { state }) };
  return { label: fmt.t(def.label), icon: def.icon, tone: def.tone, description: fmt.t(def.description) };
}

/** A state's word alone ("running" / "실행 중"), e.g. inside a sentence. */
export function stateWord(state: string, fmt: Fmt): string {
  return stateLook(state, fmt).label;
}
