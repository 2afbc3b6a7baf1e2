// The wizard's form as data, turned into a groups:reset request: the same request the CLI sends,
// so the engine's one reset planner does the work. Pure, so it is tested without a browser.
import type { GroupResetScope, GroupResetSpec, TopicPartitionView } from '../../../shared/groups-types';
import { parseResetPlanCsv } from '../../../shared/reset-plan-csv';

export type ScopeKind = 'all' | 'topics' | 'partitions';
export type StrategyKind = GroupResetSpec['kind'];

export interface ResetForm {
  scope: ScopeKind;
  topics: string[];
  /** `topic:partition` keys. */
  partitions: string[];
  strategy: StrategyKind;
  offset: string;
  shift: string;
  /** A datetime-local value, YYYY-MM-DDTHH:mm[:ss]. */
  datetime: string;
  timeZone: string;
  duration: string;
  csv: string;
  fromGroup: string;
}

export function partitionKey(p: TopicPartitionView): string {
  return `${p.topic}:${p.partition}`;
}

/** Why the form cannot be previewed yet, as a message id; null when it can. */
export type FormProblem = 'scope' | 'offset' | 'shift' | 'datetime' | 'duration' | 'csv' | 'fromGroup';

export function scopeOf(form: ResetForm): GroupResetScope | null {
  if (form.scope === 'all') return { allTopics: true };
  if (form.scope === 'topics') return form.topics.length ? { topics: form.topics.map((topic) => ({ topic })) } : null;
  const byTopic = new Map<string, number[]>();
  for (const key of form.partitions) {
    const i = key.lastIndexOf(':');
    const topic = key.slice(0, i);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(key.slice(i + 1))]);
  }
  return byTopic.size ? { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a - b) })) } : null;
}

/** The scenario the form describes, or the field that is not right yet (the engine checks again). */
export function specOf(form: ResetForm, group: string): { spec: GroupResetSpec } | { problem: FormProblem; detail?: string } {
  const integer = (s: string): number | null => (/^-?\d+$/.test(s.trim()) && Number.isSafeInteger(Number(s.trim())) ? Number(s.trim()) : null);
  switch (form.strategy) {
    case 'to-earliest':
    case 'to-latest':
    case 'to-current':
      return { spec: { kind: form.strategy } };
    case 'to-offset': {
      const n = integer(form.offset);
      return n === null || n < 0 ? { problem: 'offset' } : { spec: { kind: 'to-offset', offset: n } };
    }
    case 'shift-by': {
      const n = integer(form.shift);
      return n === null ? { problem: 'shift' } : { spec: { kind: 'shift-by', shift: n } };
    }
    case 'to-datetime': {
      const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/.exec(form.datetime.trim());
      if (!m) return { problem: 'datetime' };
      return { spec: { kind: 'to-datetime', datetime: m[2] ? form.datetime.trim() : `${m[1]}:00`, timeZone: form.timeZone } };
    }
    case 'by-duration':
      return form.duration.trim() ? { spec: { kind: 'by-duration', duration: form.duration.trim() } } : { problem: 'duration' };
    case 'from-file':
      try {
        return { spec: { kind: 'from-file', entries: parseResetPlanCsv(form.csv, group) } };
      } catch (e) {
        return { problem: 'csv', detail: e instanceof Error ? e.message : String(e) };
      }
    case 'from-group':
      return form.fromGroup.trim() ? { spec: { kind: 'from-group', group: form.fromGroup.trim() } } : { problem: 'fromGroup' };
  }
}

/** The user's zone first, then UTC, then every zone the platform knows. */
export function timeZones(): string[] {
  const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...new Set([local, 'UTC', ...all])];
}
