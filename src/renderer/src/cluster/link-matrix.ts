// The link matrix as data: what each pair of brokers' link looks like, from `cluster:state`. An
// explicit cut (links:action) is a property of the pair; isolation and a down broker also keep two
// brokers apart, and are shown as such so a "connected" cell never lies.
import type { EngineBrokerStatus, EngineClusterState, FaultMode, LinkAction } from '../../../shared/engine-types';
import { formatIds } from '../format';
import type { Fmt } from '../i18n/fmt';
import { faultModeWord } from './event-sentences';

export type LinkStatus =
  | { kind: 'self' }
  | { kind: 'cut'; mode: FaultMode }
  | { kind: 'isolated'; brokers: number[] }
  | { kind: 'down'; brokers: number[] }
  | { kind: 'connected' };

export interface LinkLook {
  label: string;
  icon: string;
  tone: 'ok' | 'isolated' | 'off' | 'busy';
}

const UP = new Set(['running', 'starting', 'paused', 'isolated']);

export function linkStatus(a: number, b: number, state: Pick<EngineClusterState, 'brokers' | 'links'>): LinkStatus {
  if (a === b) return { kind: 'self' };
  const [lo, hi] = a < b ? [a, b] : [b, a];
  const cut = state.links.find((l) => l.a === lo && l.b === hi);
  if (cut) return { kind: 'cut', mode: cut.mode };
  const pair = state.brokers.filter((s: EngineBrokerStatus) => s.id === lo || s.id === hi);
  const isolated = pair.filter((s) => s.network.isolation !== null || s.state === 'isolated').map((s) => s.id);
  if (isolated.length) return { kind: 'isolated', brokers: isolated };
  const down = pair.filter((s) => !UP.has(s.state)).map((s) => s.id);
  if (down.length) return { kind: 'down', brokers: down };
  return { kind: 'connected' };
}

export function linkLook(s: LinkStatus, fmt: Fmt): LinkLook {
  switch (s.kind) {
    case 'self':
      return { label: '—', icon: '', tone: 'off' };
    case 'cut':
      return { label: fmt.t('links.status.cut', { mode: faultModeWord(s.mode, fmt) }), icon: '✂', tone: 'isolated' };
    case 'isolated':
      return { label: fmt.t('links.status.isolated', { brokers: formatIds(s.brokers), count: s.brokers.length }), icon: '⊘', tone: 'isolated' };
    case 'down':
      return { label: fmt.t('links.status.down', { brokers: formatIds(s.brokers), count: s.brokers.length }), icon: '■', tone: 'off' };
    case 'connected':
      return { label: fmt.t('links.status.connected'), icon: '●', tone: 'ok' };
  }
}

/** The accessible name of a link switch: "Cut link between broker 1 and broker 2". */
export function linkSwitchLabel(action: LinkAction, a: number, b: number, fmt: Fmt): string {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return fmt.t(action === 'cut' ? 'links.cut.name' : 'links.heal.name', { a: lo, b: hi });
}

/** The switch a cell offers: heal an explicit cut, else cut. */
export function linkSwitch(s: LinkStatus): LinkAction | null {
  if (s.kind === 'self') return null;
  return s.kind === 'cut' ? 'heal' : 'cut';
}
