// The timeline's and the switches' sentences, composed here from the event's structured fields in
// the console's language rather than shown as the engine host's English `message`. The few facts
// that travel only inside a fault's one-line `detail` (a pid, file counts, delays) are read from
// the detail's known forms (src/engine/host/cluster-supervisor.ts, broker-membership.ts); a detail
// in a form this console does not know is shown as the engine wrote it (English), never dropped.
import type { EngineEvent, FaultMode } from '../../../shared/engine-types';
import type { Fmt } from '../i18n/fmt';
import type { MessageId } from '../i18n/messages';
import { formatIds } from '../format';
import { stateWord } from './broker-states';

type FaultAction = Extract<EngineEvent, { kind: 'fault' }>['action'];

const FAULT_WORDS: Record<FaultAction, MessageId> = {
  kill: 'fault.word.kill',
  stop: 'fault.word.stop',
  start: 'fault.word.start',
  restart: 'fault.word.restart',
  pause: 'fault.word.pause',
  resume: 'fault.word.resume',
  isolate: 'fault.word.isolate',
  heal: 'fault.word.heal',
  'power-loss': 'fault.word.powerLoss',
  latency: 'fault.word.latency',
  add: 'fault.word.add',
  remove: 'fault.word.remove',
  'link-cut': 'fault.word.linkCut',
  'link-heal': 'fault.word.linkHeal',
};

/** The one word of a fault's badge ("kill", "link cut"). */
export function faultWord(action: FaultAction, fmt: Fmt): string {
  const id = FAULT_WORDS[action];
  return id ? fmt.t(id) : action;
}

const SIMULATED = /^simulated/;
const PID = /\bpid (\d+)\b/;
const POWER_CUT = /(\d+) files? truncated and (\d+) removed/;
const LATENCY = /^in (\d+) ms, out (\d+) ms$/;
const PORT = /^port (\d+)$/;
const MOVED = /^(\d+) replica\(s\) moved/;
const MODE = /^(blackhole|reset)\b/;

function modeWord(mode: string, fmt: Fmt): string {
  return mode === 'reset' ? fmt.t('links.mode.reset.word') : mode === 'blackhole' ? fmt.t('links.mode.blackhole.word') : mode;
}

/**
 * One fault in a sentence: the action on its broker(s), with the facts of its detail. Used by the
 * timeline and by the line a switch leaves after it ran.
 */
export function faultSentence(action: FaultAction, brokers: readonly number[], detail: string | null, fmt: Fmt): string {
  const id = brokers[0] ?? -1;
  const d = detail ?? '';
  const { t } = fmt;
  let m: RegExpExecArray | null;
  switch (action) {
    case 'kill':
      return t('fault.sentence.kill', { id });
    case 'stop':
      return t('fault.sentence.stop', { id });
    case 'start':
    case 'restart':
      m = PID.exec(d);
      if (m) return t(action === 'start' ? 'fault.sentence.startPid' : 'fault.sentence.restartPid', { id, pid: Number(m[1]) });
      break;
    case 'pause':
      return t(SIMULATED.test(d) ? 'fault.sentence.pauseSimulated' : 'fault.sentence.pause', { id });
    case 'resume':
      return t(SIMULATED.test(d) ? 'fault.sentence.resumeSimulated' : 'fault.sentence.resume', { id });
    case 'isolate':
      m = MODE.exec(d);
      if (m) return t('fault.sentence.isolate', { id, mode: modeWord(m[1]!, fmt) });
      break;
    case 'heal':
      return t('fault.sentence.heal', { id });
    case 'power-loss':
      m = POWER_CUT.exec(d);
      if (m) return t('fault.sentence.powerLoss', { id, truncated: Number(m[1]), removed: Number(m[2]) });
      break;
    case 'latency':
      m = LATENCY.exec(d);
      if (m) return Number(m[1]) === 0 && Number(m[2]) === 0 ? t('fault.sentence.latencyOff', { id }) : t('fault.sentence.latency', { id, inMs: Number(m[1]), outMs: Number(m[2]) });
      break;
    case 'add':
      m = PORT.exec(d);
      if (m) return t('fault.sentence.add', { id, port: Number(m[1]) });
      break;
    case 'remove':
      m = MOVED.exec(d);
      if (m) return t('fault.sentence.remove', { id, moved: Number(m[1]) });
      break;
    case 'link-cut':
      m = MODE.exec(d);
      if (m) return t('fault.sentence.linkCut', { a: brokers[0], b: brokers[1], mode: modeWord(m[1]!, fmt) });
      break;
    case 'link-heal':
      return t(d === 'was not cut' ? 'fault.sentence.linkHealNoop' : 'fault.sentence.linkHeal', { a: brokers[0], b: brokers[1] });
  }
  return t('fault.sentence.other', { brokers: formatIds(brokers), action: faultWord(action, fmt), detail: d || '—' });
}

/** The sentence of a timeline event, in the console's language. */
export function eventSentence(e: EngineEvent, fmt: Fmt): string {
  const { t } = fmt;
  switch (e.kind) {
    case 'leader-change': {
      const tp = { topic: e.topic, partition: e.partition, epoch: e.leaderEpoch };
      if (e.to < 0) return t('event.sentence.leaderLost', { ...tp, from: e.from });
      if (e.from < 0) return t('event.sentence.leaderElected', { ...tp, to: e.to });
      return t('event.sentence.leaderChange', { ...tp, from: e.from, to: e.to });
    }
    case 'isr-shrink':
      return t('event.sentence.isrShrink', { topic: e.topic, partition: e.partition, isr: formatIds(e.isr) || t('event.none'), changed: formatIds(e.changed) });
    case 'isr-expand':
      return t('event.sentence.isrExpand', { topic: e.topic, partition: e.partition, isr: formatIds(e.isr) || t('event.none'), changed: formatIds(e.changed) });
    case 'broker-state':
      return t('event.sentence.brokerState', { id: e.brokerId, from: stateWord(e.from, fmt), to: stateWord(e.to, fmt) });
    case 'broker-fenced':
      return t('event.sentence.fenced', { id: e.brokerId, epoch: e.brokerEpoch });
    case 'broker-unfenced':
      return t('event.sentence.unfenced', { id: e.brokerId, epoch: e.brokerEpoch });
    case 'broker-registered':
      return t('event.sentence.registered', { id: e.brokerId, epoch: e.brokerEpoch });
    case 'rebalance':
      return t('event.sentence.rebalance', { group: e.groupId, generation: e.generation, members: e.assignment.length });
    case 'fault':
      return faultSentence(e.action, e.brokers, e.detail, fmt);
  }
}

/** A fault mode's word, for the link matrix and its dialog. */
export function faultModeWord(mode: FaultMode, fmt: Fmt): string {
  return modeWord(mode, fmt);
}
