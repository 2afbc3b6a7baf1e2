/**
 * Arguments of `brokerlab groups`, with kafka-consumer-groups.sh's flag names. Two spellings of the
 * action: a subcommand (`groups reset GROUP …`) or Kafka's action flag (`groups --reset-offsets
 * --group GROUP …`). Pure: the plan file is read later, by the command.
 */
import { parseArgs } from 'node:util';
import { OffsetResetError, parseResetDateTime, parseResetDuration, parseTopicScope, type OffsetResetScope, type OffsetResetSpec, type TopicScope } from '../engine/group/offset-reset-plan';
import { parseIntFlag } from './parse-flags';
import { UsageError } from './usage';

export const DEFAULT_BOOTSTRAP = '127.0.0.1:9092';

/** A reset spec before the plan file is read: from-file carries the path. */
export type ResetSpecArg = Exclude<OffsetResetSpec, { kind: 'from-file' }> | { kind: 'from-file'; path: string };

interface Common {
  bootstrap: string;
  timeoutMs: number;
}

export type GroupsInvocation =
  | (Common & { action: 'list'; showState: boolean; stateFilter: string[] })
  | (Common & { action: 'describe'; group: string; view: 'offsets' | 'members' | 'state' })
  | (Common & { action: 'reset'; group: string; spec: ResetSpecArg; scope: OffsetResetScope | null; execute: boolean; exportCsv: boolean })
  | (Common & { action: 'delete'; group: string })
  | (Common & { action: 'delete-offsets'; group: string; topics: TopicScope[] });

const OPTIONS = {
  'bootstrap-server': { type: 'string' },
  group: { type: 'string' },
  timeout: { type: 'string' },
  list: { type: 'boolean' },
  describe: { type: 'boolean' },
  'reset-offsets': { type: 'boolean' },
  delete: { type: 'boolean' },
  'delete-offsets': { type: 'boolean' },
  members: { type: 'boolean' },
  state: { type: 'boolean' },
  offsets: { type: 'boolean' },
  'to-earliest': { type: 'boolean' },
  'to-latest': { type: 'boolean' },
  'to-current': { type: 'boolean' },
  'to-offset': { type: 'string' },
  'to-datetime': { type: 'string' },
  'by-duration': { type: 'string' },
  'shift-by': { type: 'string' },
  'from-file': { type: 'string' },
  'all-topics': { type: 'boolean' },
  topic: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  execute: { type: 'boolean' },
  export: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>['values'];

const SCENARIOS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'to-datetime', 'by-duration', 'shift-by', 'from-file'] as const;
const RESET_ONLY = [...SCENARIOS, 'all-topics', 'dry-run', 'execute', 'export'] as const;
const ACTION_FLAGS = { list: 'list', describe: 'describe', 'reset-offsets': 'reset', delete: 'delete', 'delete-offsets': 'delete-offsets' } as const;
const SUBCOMMANDS: Record<string, GroupsInvocation['action']> = { list: 'list', describe: 'describe', reset: 'reset', delete: 'delete' };
const STRING_OPTIONS = new Set(Object.entries(OPTIONS).filter(([, o]) => o.type === 'string').map(([n]) => `--${n}`));

/**
 * Kafka's tool takes `--shift-by -10`; parseArgs would read "-10" as a flag, so a value-taking
 * flag is glued to its value first.
 */
function glueValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (STRING_OPTIONS.has(a) && i + 1 < args.length) out.push(`${a}=${args[++i]}`);
    else out.push(a);
  }
  return out;
}

function given(values: Values, names: readonly string[]): string[] {
  return names.filter((n) => (values as Record<string, unknown>)[n] !== undefined && (values as Record<string, unknown>)[n] !== false);
}

function onlyWith(values: Values, names: readonly string[], action: string): void {
  const stray = given(values, names);
  if (stray.length > 0) throw new UsageError(`--${stray[0]} is only valid with ${action}`);
}

function wholeNumber(flag: string, raw: string): number {
  if (!/^[-+]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new UsageError(`--${flag} must be a whole number, got '${raw}'`);
  return Number(raw);
}

function resetSpec(values: Values): ResetSpecArg {
  const chosen = given(values, SCENARIOS);
  if (chosen.length !== 1) {
    throw new UsageError(chosen.length === 0 ? `reset needs one of ${SCENARIOS.map((s) => `--${s}`).join(', ')}` : `choose one reset scenario, got --${chosen.join(' and --')}`);
  }
  const v = values as Record<string, string>;
  switch (chosen[0]) {
    case 'to-offset':
      return { kind: 'to-offset', offset: wholeNumber('to-offset', v['to-offset']!) };
    case 'shift-by':
      return { kind: 'shift-by', shift: wholeNumber('shift-by', v['shift-by']!) };
    case 'to-datetime':
      parseResetDateTime(v['to-datetime']!);
      return { kind: 'to-datetime', datetime: v['to-datetime']! };
    case 'by-duration':
      parseResetDuration(v['by-duration']!);
      return { kind: 'by-duration', duration: v['by-duration']! };
    case 'from-file':
      return { kind: 'from-file', path: v['from-file']! };
    default:
      return { kind: chosen[0] as 'to-earliest' | 'to-latest' | 'to-current' };
  }
}

function topicScopes(values: Values): TopicScope[] {
  return (values.topic ?? []).map((t) => parseTopicScope(t));
}

function pickAction(values: Values, positionals: string[]): { action: GroupsInvocation['action']; rest: string[] } {
  const flags = given(values, Object.keys(ACTION_FLAGS));
  const sub = positionals[0] !== undefined ? SUBCOMMANDS[positionals[0]] : undefined;
  if (flags.length > 1 || (flags.length === 1 && sub !== undefined)) throw new UsageError('give exactly one action: list, describe, reset, delete');
  if (flags.length === 1) return { action: ACTION_FLAGS[flags[0] as keyof typeof ACTION_FLAGS], rest: positionals };
  if (sub === undefined) {
    throw new UsageError(positionals[0] === undefined ? 'groups needs an action: list, describe, reset or delete' : `unknown groups action '${positionals[0]}'`);
  }
  return { action: sub, rest: positionals.slice(1) };
}

function groupOf(values: Values, rest: string[], action: string): string {
  if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
  const [positional] = rest;
  if (positional !== undefined && values.group !== undefined && positional !== values.group) {
    throw new UsageError(`two groups given: '${positional}' and --group '${values.group}'`);
  }
  const group = positional ?? values.group;
  if (group === undefined || group === '') throw new UsageError(`${action} needs a group: ${action} GROUP or --group GROUP`);
  return group;
}

export function parseGroupsArgs(args: readonly string[], env: Record<string, string | undefined> = {}): GroupsInvocation {
  const { values, positionals } = parseArgs({ args: glueValues(args), options: OPTIONS, allowPositionals: true, strict: true });
  const common: Common = {
    bootstrap: values['bootstrap-server'] ?? env['BROKERLAB_BOOTSTRAP'] ?? DEFAULT_BOOTSTRAP,
    timeoutMs: parseIntFlag('timeout', values.timeout, 5000, 1, 600_000),
  };
  try {
    const { action, rest } = pickAction(values, positionals);
    if (action !== 'reset') onlyWith(values, RESET_ONLY, 'reset');
    if (action !== 'describe') onlyWith(values, ['members', 'offsets'], 'describe');
    switch (action) {
      case 'list': {
        onlyWith(values, ['group', 'topic'], 'describe, reset or delete');
        if (rest.length > 0 && !values.state) throw new UsageError(`unexpected argument '${rest[0]}'`);
        if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
        return { ...common, action, showState: values.state === true, stateFilter: rest[0]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [] };
      }
      case 'describe': {
        onlyWith(values, ['topic'], 'reset or delete');
        const views = given(values, ['members', 'state', 'offsets']);
        if (views.length > 1) throw new UsageError(`choose one of --members, --state, --offsets`);
        return { ...common, action, group: groupOf(values, rest, 'describe'), view: (views[0] as 'members' | 'state' | undefined) ?? 'offsets' };
      }
      case 'reset': {
        onlyWith(values, ['state'], 'list or describe');
        const group = groupOf(values, rest, 'reset');
        const spec = resetSpec(values);
        if (values['all-topics'] && values.topic) throw new UsageError('choose --all-topics or --topic, not both');
        const scope: OffsetResetScope | null = values['all-topics'] ? { allTopics: true } : values.topic ? { topics: topicScopes(values) } : null;
        if (scope === null && spec.kind !== 'from-file') throw new UsageError('reset needs a scope: --all-topics or --topic TOPIC[:P,…]');
        if (values['dry-run'] && values.execute) throw new UsageError('choose --dry-run or --execute, not both');
        return { ...common, action, group, spec, scope, execute: values.execute === true, exportCsv: values.export === true };
      }
      case 'delete':
      case 'delete-offsets': {
        onlyWith(values, ['state'], 'list or describe');
        const group = groupOf(values, rest, 'delete');
        const topics = topicScopes(values);
        if (action === 'delete-offsets' && topics.length === 0) throw new UsageError('--delete-offsets needs --topic TOPIC[:P,…]');
        return topics.length > 0 ? { ...common, action: 'delete-offsets', group, topics } : { ...common, action: 'delete', group };
      }
    }
  } catch (e) {
    if (e instanceof OffsetResetError) throw new UsageError(e.message);
    throw e;
  }
}
