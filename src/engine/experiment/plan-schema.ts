// The plan schema: every field, its type, its default, and the cross-checks between sections
// (a workload's topic is a plan topic, a `$name` target was named by an earlier step, a step fires
// within the duration). Problems are collected with their path, not thrown one at a time.
import {
  CHECK_NAMES,
  FAULT_ACTIONS,
  type CheckName,
  type CheckPlan,
  type ExperimentPlan,
  type FaultAction,
  type FaultStep,
  type FaultTarget,
  type TopicPlan,
  type WorkloadPlan,
} from '../../shared/experiment-types';
import { isStepName, parseDuration, parseTarget, PlanValueError, targetText } from './plan-values';
import { BROKER_CONFIGS_BY_NAME } from '../controller/broker-configs';

export type Path = Array<string | number>;
export type Issues = Array<{ path: Path; message: string }>;

type Obj = Record<string, unknown>;

class Reader {
  constructor(
    readonly issues: Issues,
    readonly path: Path,
    readonly value: Obj,
    private readonly known: readonly string[],
  ) {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) issues.push({ path: [...path, key], message: `unknown field; this section takes ${known.join(', ')}` });
    }
  }

  private fail(key: string, message: string): undefined {
    this.issues.push({ path: [...this.path, key], message });
    return undefined;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  str(key: string, fallback?: string, pattern?: RegExp): string | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback ?? this.fail(key, 'is required');
    if (typeof v !== 'string' || v.length === 0) return this.fail(key, `must be a non-empty string, got ${JSON.stringify(v)}`);
    if (pattern && !pattern.test(v)) return this.fail(key, `${JSON.stringify(v)} is not a valid name (letters, digits, . _ -)`);
    return v;
  }

  int(key: string, min: number, max: number, fallback?: number): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback ?? this.fail(key, 'is required');
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(key, `must be a whole number, got ${JSON.stringify(v)}`);
    if (v < min || v > max) return this.fail(key, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  bool(key: string, fallback: boolean): boolean | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') return this.fail(key, `must be true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  duration(key: string, fallback?: number): number | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback ?? this.fail(key, 'is required');
    try {
      return parseDuration(v);
    } catch (err) {
      return this.fail(key, (err as Error).message);
    }
  }

  oneOf<T extends string>(key: string, values: readonly T[], fallback?: T): T | undefined {
    const v = this.value[key];
    if (v === undefined || v === null) return fallback ?? this.fail(key, `is required: one of ${values.join(', ')}`);
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) return this.fail(key, `must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`);
    return v as T;
  }

  list(key: string, required: boolean): unknown[] {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.fail(key, 'is required (a list)');
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(key, 'must be a list');
      return [];
    }
    return v;
  }

  child(key: string, known: readonly string[], required = false): Reader | null {
    const v = this.value[key];
    if (v === undefined || v === null) {
      if (required) this.fail(key, 'is required');
      return null;
    }
    return objectAt(this.issues, [...this.path, key], v, known);
  }
}

function objectAt(issues: Issues, path: Path, v: unknown, known: readonly string[]): Reader | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    issues.push({ path, message: `must be a mapping of fields (${known.join(', ')})` });
    return null;
  }
  return new Reader(issues, path, v as Obj, known);
}

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const CONFIG_VALUE = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function readTopic(issues: Issues, path: Path, raw: unknown, brokers: number): TopicPlan | null {
  const r = objectAt(issues, path, raw, ['name', 'partitions', 'replicationFactor', 'minInsyncReplicas', 'uncleanLeaderElection', 'flushMessages']);
  if (!r) return null;
  const name = r.str('name', undefined, TOPIC_NAME);
  const partitions = r.int('partitions', 1, 1000, 1);
  const replicationFactor = r.int('replicationFactor', 1, 16, Math.min(3, brokers));
  const minInsyncReplicas = r.int('minInsyncReplicas', 1, 16, Math.min(2, replicationFactor ?? 1));
  const uncleanLeaderElection = r.bool('uncleanLeaderElection', false);
  const flushMessages = r.has('flushMessages') ? r.int('flushMessages', 1, 1_000_000_000) : null;
  if (replicationFactor !== undefined && replicationFactor > brokers) issues.push({ path: [...path, 'replicationFactor'], message: `is ${replicationFactor}, more than the cluster's ${brokers} broker(s)` });
  if (replicationFactor !== undefined && minInsyncReplicas !== undefined && minInsyncReplicas > replicationFactor) {
    issues.push({ path: [...path, 'minInsyncReplicas'], message: `is ${minInsyncReplicas}, more than the replication factor ${replicationFactor}: no acks=all write could succeed` });
  }
  if (name === undefined || partitions === undefined || replicationFactor === undefined || minInsyncReplicas === undefined || uncleanLeaderElection === undefined || flushMessages === undefined) return null;
  return { name, partitions, replicationFactor, minInsyncReplicas, uncleanLeaderElection, flushMessages };
}

const PRODUCER_FIELDS = ['type', 'name', 'topic', 'rate', 'acks', 'idempotence', 'retries', 'deliveryTimeout', 'requestTimeout', 'maxInFlight', 'partitions'];
const CONSUMER_FIELDS = ['type', 'name', 'topic', 'group', 'members', 'commit', 'crashAt'];

function readWorkload(issues: Issues, path: Path, raw: unknown): WorkloadPlan | null {
  const probe = objectAt(issues, path, raw, [...new Set([...PRODUCER_FIELDS, ...CONSUMER_FIELDS])]);
  if (!probe) return null;
  const type = probe.oneOf('type', ['producer', 'consumer'] as const);
  if (type === undefined) return null;
  // Fields of the other workload type are named as such (unknown ones were reported above).
  const known = type === 'producer' ? PRODUCER_FIELDS : CONSUMER_FIELDS;
  for (const key of Object.keys(probe.value)) {
    if (!known.includes(key) && [...PRODUCER_FIELDS, ...CONSUMER_FIELDS].includes(key)) issues.push({ path: [...path, key], message: `is not a field of a ${type} workload (it takes ${known.join(', ')})` });
  }
  const own = new Reader(issues, path, Object.fromEntries(Object.entries(probe.value).filter(([k]) => known.includes(k))), known);
  const name = own.str('name', undefined, /^[A-Za-z0-9._-]{1,64}$/);
  const topic = own.str('topic', undefined, TOPIC_NAME);
  if (type === 'producer') {
    const acksRaw = own.value['acks'] ?? 'all';
    const acks = acksRaw === 'all' || acksRaw === -1 ? -1 : acksRaw === 1 ? 1 : acksRaw === 0 ? 0 : undefined;
    if (acks === undefined) issues.push({ path: [...path, 'acks'], message: `must be all, 1 or 0, got ${JSON.stringify(acksRaw)}` });
    const idempotence = own.bool('idempotence', acks === -1);
    if (idempotence && acks !== undefined && acks !== -1) issues.push({ path: [...path, 'idempotence'], message: 'needs acks: all, as Kafka requires' });
    const rate = own.int('rate', 0, 100_000, 200);
    const retries = own.int('retries', 0, 2_147_483_647, 2_147_483_647);
    const deliveryTimeoutMs = own.duration('deliveryTimeout', 30_000);
    const requestTimeoutMs = own.duration('requestTimeout', 5_000);
    const maxInFlight = own.int('maxInFlight', 1, 100, 5);
    if (idempotence && maxInFlight !== undefined && maxInFlight > 5) issues.push({ path: [...path, 'maxInFlight'], message: 'must be at most 5 with idempotence, as Kafka requires' });
    let partitions: number[] | null = null;
    if (own.has('partitions')) {
      const list = own.list('partitions', false);
      if (list.length === 0 || !list.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0)) issues.push({ path: [...path, 'partitions'], message: 'must be a non-empty list of partition numbers' });
      else partitions = list as number[];
    }
    if ([name, topic, acks, idempotence, rate, retries, deliveryTimeoutMs, requestTimeoutMs, maxInFlight].includes(undefined)) return null;
    return { type, name: name!, topic: topic!, ratePerSec: rate!, acks: acks!, idempotence: idempotence!, retries: retries!, deliveryTimeoutMs: deliveryTimeoutMs!, requestTimeoutMs: requestTimeoutMs!, maxInFlight: maxInFlight!, partitions };
  }
  const group = own.str('group', undefined, /^[A-Za-z0-9._-]{1,249}$/);
  const members = own.int('members', 1, 16, 1);
  const commit = own.oneOf('commit', ['auto', 'at-least-once', 'at-most-once'] as const, 'auto');
  const crashAtMs = own.has('crashAt') ? own.duration('crashAt') : null;
  if ([name, topic, group, members, commit, crashAtMs].includes(undefined)) return null;
  return { type, name: name!, topic: topic!, group: group!, members: members!, commit: commit!, crashAtMs: crashAtMs! };
}

const STEP_FIELDS = ['at', 'do', 'target', 'peers', 'ms', 'count', 'mode', 'as'];

function readStep(issues: Issues, path: Path, raw: unknown, named: Set<string>): FaultStep | null {
  const r = objectAt(issues, path, raw, STEP_FIELDS);
  if (!r) return null;
  const atMs = r.duration('at');
  const action = r.oneOf('do', FAULT_ACTIONS) as FaultAction | undefined;
  const target = (key: string, v: unknown, p: Path): FaultTarget | undefined => {
    try {
      const t = parseTarget(v);
      if (t.kind === 'named' && !named.has(t.name)) throw new PlanValueError(`"$${t.name}" was not named by an earlier step's \`as\``);
      if (t.kind === 'controller') {
        throw new PlanValueError('"controller" cannot be hit: Brokerlab\'s controller runs inside the engine host and faults act on brokers (docs/decisions.md, "Experiment targets")');
      }
      return t;
    } catch (err) {
      issues.push({ path: p, message: (err as Error).message });
      void key;
      return undefined;
    }
  };
  const t = r.has('target') ? target('target', r.value['target'], [...path, 'target']) : (issues.push({ path: [...path, 'target'], message: 'is required' }), undefined);
  let peers: FaultTarget[] | null = null;
  if (r.has('peers')) {
    if (action !== 'cut-links' && action !== 'heal-links') issues.push({ path: [...path, 'peers'], message: 'applies to cut-links and heal-links only' });
    const v = r.value['peers'];
    if (v !== 'all') {
      const list = Array.isArray(v) ? v : [v];
      peers = list.map((p, i) => target('peers', p, [...path, 'peers', i])).filter((p): p is FaultTarget => p !== undefined);
    }
  }
  const latencyMs = r.has('ms') ? r.duration('ms') : null;
  if (action === 'latency' && latencyMs === null) issues.push({ path: [...path, 'ms'], message: 'is required for latency (the delay per direction; 0 removes it)' });
  if (action !== 'latency' && r.has('ms')) issues.push({ path: [...path, 'ms'], message: 'applies to latency only' });
  const count = r.has('count') ? r.int('count', 1, 1000) : null;
  if (action === 'drop-produce-responses' && count === null) issues.push({ path: [...path, 'count'], message: 'is required for drop-produce-responses (how many responses to drop)' });
  if (action !== 'drop-produce-responses' && r.has('count')) issues.push({ path: [...path, 'count'], message: 'applies to drop-produce-responses only' });
  const mode = r.oneOf('mode', ['blackhole', 'reset'] as const, 'blackhole');
  let as: string | null = null;
  if (r.has('as')) {
    const v = r.value['as'];
    if (typeof v !== 'string' || !isStepName(v)) issues.push({ path: [...path, 'as'], message: 'must be a name: letters, digits, _ and -, starting with a letter' });
    else as = v;
  }
  if (as) named.add(as);
  if (atMs === undefined || action === undefined || t === undefined || latencyMs === undefined || count === undefined || mode === undefined) return null;
  return { atMs, action, target: t, targetText: targetText(t), peers, latencyMs, count, mode, as };
}

function readCheck(issues: Issues, path: Path, raw: unknown): CheckPlan | null {
  if (typeof raw === 'string') raw = { name: raw };
  const r = objectAt(issues, path, raw, ['name', 'expect', 'max']);
  if (!r) return null;
  const name = r.oneOf('name', CHECK_NAMES) as CheckName | undefined;
  const expect = r.oneOf('expect', ['hold', 'violated'] as const, 'hold');
  const thresholdMs = name === 'max-unavailability' ? r.duration('max') : null;
  if (name !== 'max-unavailability' && r.has('max')) issues.push({ path: [...path, 'max'], message: 'applies to max-unavailability only' });
  if (name === undefined || expect === undefined || thresholdMs === undefined) return null;
  return { name, expect, thresholdMs };
}

export function validatePlan(value: unknown, issues: Issues): ExperimentPlan | null {
  const root = objectAt(issues, [], value, ['name', 'description', 'duration', 'settle', 'cluster', 'topics', 'workloads', 'schedule', 'checks']);
  if (!root) return null;
  const name = root.str('name');
  const description = root.str('description', '');
  const durationMs = root.duration('duration');
  const settleMs = root.duration('settle', 5_000);
  if (durationMs !== undefined && (durationMs < 1000 || durationMs > 24 * 3600_000)) issues.push({ path: ['duration'], message: `must be between 1s and 24h, got ${durationMs} ms` });
  const cluster = root.child('cluster', ['brokers', 'config', 'fsync']);
  const brokers = cluster?.int('brokers', 1, 16, 3) ?? 3;
  const config: Record<string, string> = {};
  const configReader = cluster?.value['config'];
  if (configReader !== undefined && configReader !== null) {
    if (typeof configReader !== 'object' || Array.isArray(configReader)) issues.push({ path: ['cluster', 'config'], message: 'must be a mapping of broker config names to values' });
    else {
      for (const [k, v] of Object.entries(configReader as Obj)) {
        if (!BROKER_CONFIGS_BY_NAME.has(k)) issues.push({ path: ['cluster', 'config', k], message: 'is not a broker config Brokerlab knows (see `brokerlab up --config`)' });
        else if (!CONFIG_VALUE(v)) issues.push({ path: ['cluster', 'config', k], message: 'must be a string, number or boolean' });
        else config[k] = String(v);
      }
    }
  }
  // fsync: true makes every broker fsync each append (log.flush.interval.messages=1).
  if (cluster?.bool('fsync', false)) config['log.flush.interval.messages'] = '1';

  const topics = root.list('topics', true).map((t, i) => readTopic(issues, ['topics', i], t, brokers));
  const topicNames = new Set(topics.flatMap((t) => (t ? [t.name] : [])));
  const workloads = root.list('workloads', true).map((w, i) => readWorkload(issues, ['workloads', i], w));
  const names = new Set<string>();
  workloads.forEach((w, i) => {
    if (!w) return;
    if (!topicNames.has(w.topic)) issues.push({ path: ['workloads', i, 'topic'], message: `"${w.topic}" is not one of the plan's topics (${[...topicNames].join(', ') || 'none'})` });
    if (names.has(w.name)) issues.push({ path: ['workloads', i, 'name'], message: `"${w.name}" names two workloads` });
    names.add(w.name);
  });
  const named = new Set<string>();
  const rawSchedule = root.list('schedule', false);
  const schedule = rawSchedule.map((s, i) => readStep(issues, ['schedule', i], s, named));
  schedule.forEach((s, i) => {
    const before = schedule[i - 1];
    if (s && before && s.atMs < before.atMs) issues.push({ path: ['schedule', i, 'at'], message: `is ${s.atMs} ms, before the previous step (${before.atMs} ms): list steps in time order` });
    if (s && durationMs !== undefined && s.atMs > durationMs) issues.push({ path: ['schedule', i, 'at'], message: `is ${s.atMs} ms, after the duration (${durationMs} ms)` });
    if (s && s.target.kind === 'leader' && !topicNames.has(s.target.topic)) issues.push({ path: ['schedule', i, 'target'], message: `"${s.targetText}": ${s.target.topic} is not one of the plan's topics` });
    if (s?.target.kind === 'broker' && s.target.id > 1000) issues.push({ path: ['schedule', i, 'target'], message: `broker ${s.target.id} is not a broker id of this cluster` });
  });
  const checks = root.list('checks', true).map((c, i) => readCheck(issues, ['checks', i], c));
  if (issues.length > 0 || name === undefined || description === undefined || durationMs === undefined || settleMs === undefined) return null;
  return {
    name,
    description,
    durationMs,
    settleMs,
    cluster: { brokers, config },
    topics: topics as TopicPlan[],
    workloads: workloads as WorkloadPlan[],
    schedule: schedule as FaultStep[],
    checks: checks as CheckPlan[],
  };
}
