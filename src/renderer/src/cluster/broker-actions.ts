// The fault switches of an embedded broker: how hard each is to undo (and so how it is confirmed),
// in which broker states it makes sense, and which ones sit in the row (the rest in its menu).
import type { BrokerAction } from '../../../shared/engine-types';
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';
import { stateWord } from './broker-states';

export type BrokerActionId = BrokerAction | 'latency';

export interface BrokerActionDef {
  id: BrokerActionId;
  /** The button's word ("Kill"). */
  label: MessageId;
  /** The accessible name with the broker ("Kill broker {id}"), also the confirm button. */
  name: MessageId;
  /** none: runs at once; click: a confirmation; type-id: the broker id must be typed. */
  confirm: 'none' | 'click' | 'type-id';
  /** The broker states in which it applies. */
  when: readonly string[];
  description: MessageId;
  /** Shown in the row as a button; the others are in the row's "More" menu. */
  inline: boolean;
}

/** What the Cluster page knows of a broker when choosing its switches. */
export interface BrokerCondition {
  state: string;
  /** Whether a network fault (isolation, latency, cut link) is on; null when the host does not say. */
  networkFaulted: boolean | null;
}

const DOWN = ['stopped', 'killed', 'failed', 'power-lost'];

// Start, stop and kill are the switches of every fault drill, and one of them applies in every
// state: they stay in the row, in fixed places. The rest open from the row's menu.
export const BROKER_ACTIONS: readonly BrokerActionDef[] = [
  { id: 'start', label: 'switch.start', name: 'switch.start.name', confirm: 'none', when: DOWN, description: 'switch.start.description', inline: true },
  { id: 'stop', label: 'switch.stop', name: 'switch.stop.name', confirm: 'click', when: ['running', 'isolated'], description: 'switch.stop.description', inline: true },
  {
    id: 'kill',
    label: 'switch.kill',
    name: 'switch.kill.name',
    confirm: 'type-id',
    when: ['running', 'starting', 'stopping', 'paused', 'isolated'],
    description: 'switch.kill.description',
    inline: true,
  },
  { id: 'restart', label: 'switch.restart', name: 'switch.restart.name', confirm: 'click', when: ['running', 'isolated'], description: 'switch.restart.description', inline: false },
  { id: 'pause', label: 'switch.pause', name: 'switch.pause.name', confirm: 'none', when: ['running', 'isolated'], description: 'switch.pause.description', inline: false },
  { id: 'resume', label: 'switch.resume', name: 'switch.resume.name', confirm: 'none', when: ['paused'], description: 'switch.resume.description', inline: false },
  { id: 'isolate', label: 'switch.isolate', name: 'switch.isolate.name', confirm: 'none', when: ['running'], description: 'switch.isolate.description', inline: false },
  {
    id: 'heal',
    label: 'switch.heal',
    name: 'switch.heal.name',
    confirm: 'none',
    when: ['isolated', 'running', 'paused', 'starting'],
    description: 'switch.heal.description',
    inline: false,
  },
  {
    id: 'latency',
    label: 'switch.latency',
    name: 'switch.latency.name',
    confirm: 'none',
    when: ['running', 'starting', 'isolated', 'paused'],
    description: 'switch.latency.description',
    inline: false,
  },
  { id: 'power-loss', label: 'switch.powerLoss', name: 'switch.powerLoss.name', confirm: 'type-id', when: ['running', 'paused', 'isolated'], description: 'switch.powerLoss.description', inline: false },
];

/** Why an action cannot run on a broker now; undefined when it can. */
export function actionBlockedBy(action: BrokerActionDef, broker: BrokerCondition, fmt: Fmt): string | undefined {
  if (!action.when.includes(broker.state)) return fmt.t('switch.blocked.state', { action: fmt.t(action.label), state: stateWord(broker.state, fmt) });
  if (action.id === 'heal' && broker.state !== 'isolated' && broker.networkFaulted === false) return fmt.t('switch.blocked.nothingToHeal');
  return undefined;
}
