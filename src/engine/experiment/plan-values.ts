// Small readers for plan values: durations ("500ms", "10s", "2m" or a number of ms) and fault
// targets ("2", "broker 2", "leader of orders-0", "coordinator of group g1", "controller", "$name").
import type { FaultTarget } from '../../shared/experiment-types';

export class PlanValueError extends Error {}

/** A duration in ms from a number (ms) or a string with ms / s / m. */
export function parseDuration(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new PlanValueError(`must be a duration ≥ 0 (a number of ms or a string like "500ms", "10s", "2m"), got ${value}`);
    return Math.round(value);
  }
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(value);
    if (m) return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000));
  }
  throw new PlanValueError(`must be a duration (a number of ms or a string like "500ms", "10s", "2m"), got ${JSON.stringify(value)}`);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;

/** A target as the plan writes it; resolved to a broker only when its step fires. */
export function parseTarget(value: unknown): FaultTarget {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'broker', id: value };
  if (typeof value !== 'string') throw new PlanValueError(`must be a broker id or one of "broker N", "leader of TOPIC-PARTITION", "coordinator of group GROUP", "controller", "$name"; got ${JSON.stringify(value)}`);
  const text = value.trim();
  let m = /^(?:broker\s+)?(\d{1,9})$/.exec(text);
  if (m) return { kind: 'broker', id: Number(m[1]) };
  m = /^leader\s+of\s+(.+)-(\d{1,6})$/.exec(text);
  if (m) return { kind: 'leader', topic: m[1]!, partition: Number(m[2]) };
  m = /^coordinator\s+of\s+(?:group\s+)?(.+)$/.exec(text);
  if (m) return { kind: 'coordinator', group: m[1]!.trim() };
  if (text === 'controller') return { kind: 'controller' };
  m = /^\$(.+)$/.exec(text);
  if (m) {
    if (!NAME.test(m[1]!)) throw new PlanValueError(`"${text}": a step name is letters, digits, _ and -, starting with a letter`);
    return { kind: 'named', name: m[1]! };
  }
  throw new PlanValueError(`"${text}" is not a target: use a broker id, "broker N", "leader of TOPIC-PARTITION", "coordinator of group GROUP", "controller" or "$name"`);
}

export function isStepName(value: string): boolean {
  return NAME.test(value);
}

export function targetText(target: FaultTarget): string {
  switch (target.kind) {
    case 'broker':
      return `broker ${target.id}`;
    case 'leader':
      return `leader of ${target.topic}-${target.partition}`;
    case 'coordinator':
      return `coordinator of group ${target.group}`;
    case 'controller':
      return 'controller';
    case 'named':
      return `$${target.name}`;
  }
}
