// The fault switches of an embedded broker: how hard each is to undo (and so how it is confirmed),
// and in which broker states it makes sense.
import type { BrokerAction } from '../../../shared/engine-types';

export type BrokerActionId = BrokerAction | 'latency';

export interface BrokerActionDef {
  id: BrokerActionId;
  label: string;
  /** none: runs at once; click: a confirmation; type-id: the broker id must be typed. */
  confirm: 'none' | 'click' | 'type-id';
  /** The broker states in which it applies. */
  when: readonly string[];
  description: string;
}

/** What the Cluster page knows of a broker when choosing its switches. */
export interface BrokerCondition {
  state: string;
  /** Whether a network fault (isolation, latency, cut link) is on; null when the host does not say. */
  networkFaulted: boolean | null;
}

const DOWN = ['stopped', 'killed', 'failed', 'power-lost'];

export const BROKER_ACTIONS: readonly BrokerActionDef[] = [
  { id: 'stop', label: 'Stop', confirm: 'click', when: ['running', 'isolated'], description: 'Controlled shutdown: leadership moves away first' },
  { id: 'start', label: 'Start', confirm: 'none', when: DOWN, description: 'Start the broker process on its data folder' },
  { id: 'restart', label: 'Restart', confirm: 'click', when: ['running', 'isolated'], description: 'Controlled shutdown, then start' },
  { id: 'pause', label: 'Pause', confirm: 'none', when: ['running', 'isolated'], description: 'Freeze the process (SIGSTOP): it holds its sockets but answers nothing' },
  { id: 'resume', label: 'Resume', confirm: 'none', when: ['paused'], description: 'Continue a paused process (SIGCONT)' },
  { id: 'isolate', label: 'Isolate', confirm: 'none', when: ['running'], description: 'Blackhole every link: clients, replication and the controller' },
  { id: 'heal', label: 'Heal', confirm: 'none', when: ['isolated', 'running', 'paused', 'starting'], description: 'Remove the broker’s network faults (isolation, latency, cut links)' },
  { id: 'latency', label: 'Latency…', confirm: 'none', when: ['running', 'starting', 'isolated', 'paused'], description: 'Delay the broker’s traffic by a number of milliseconds' },
  { id: 'kill', label: 'Kill', confirm: 'type-id', when: ['running', 'starting', 'stopping', 'paused', 'isolated'], description: 'SIGKILL: no clean shutdown' },
  { id: 'power-loss', label: 'Power loss', confirm: 'type-id', when: ['running', 'paused', 'isolated'], description: 'Kill and cut its files back to what was fsynced' },
];

/** Why an action cannot run on a broker now; undefined when it can. */
export function actionBlockedBy(action: BrokerActionDef, broker: BrokerCondition): string | undefined {
  const name = action.label.replace('…', '');
  if (!action.when.includes(broker.state)) return `${name} does not apply to a ${broker.state} broker`;
  if (action.id === 'heal' && broker.state !== 'isolated' && broker.networkFaulted === false) return 'No network fault to heal';
  return undefined;
}
