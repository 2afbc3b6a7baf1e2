// The offset-reset wizard: scope, scenario, a dry run's preview, then Execute with the previewed
// plan id so exactly that plan is written (or PLAN_CHANGED says which rows moved).
import { useState, type ChangeEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { isNonEmptyGroupError, type GroupResetResult, type PlanChangedErrorBody, type TopicPartitionView } from '../../../shared/groups-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { PlanChangedRows, PreviewTable, RefusedGroup } from './ResetPreview';
import { partitionKey, scopeOf, specOf, timeZones, type FormProblem, type ResetForm, type ScopeKind, type StrategyKind } from './reset-form';

const STRATEGIES: ReadonlyArray<{ kind: StrategyKind; label: MessageId }> = [
  { kind: 'to-earliest', label: 'groups.reset.strategy.earliest' },
  { kind: 'to-latest', label: 'groups.reset.strategy.latest' },
  { kind: 'to-offset', label: 'groups.reset.strategy.offset' },
  { kind: 'to-datetime', label: 'groups.reset.strategy.datetime' },
  { kind: 'by-duration', label: 'groups.reset.strategy.duration' },
  { kind: 'shift-by', label: 'groups.reset.strategy.shift' },
  { kind: 'to-current', label: 'groups.reset.strategy.current' },
  { kind: 'from-file', label: 'groups.reset.strategy.csv' },
  { kind: 'from-group', label: 'groups.reset.strategy.fromGroup' },
];

const SCOPES: ReadonlyArray<{ kind: ScopeKind; label: MessageId }> = [
  { kind: 'all', label: 'groups.reset.scope.all' },
  { kind: 'topics', label: 'groups.reset.scope.topics' },
  { kind: 'partitions', label: 'groups.reset.scope.partitions' },
];

const PROBLEMS: Record<FormProblem, MessageId> = {
  scope: 'groups.reset.problem.scope',
  offset: 'groups.reset.problem.offset',
  shift: 'groups.reset.problem.shift',
  datetime: 'groups.reset.problem.datetime',
  duration: 'groups.reset.problem.duration',
  csv: 'groups.reset.problem.csv',
  fromGroup: 'groups.reset.problem.fromGroup',
};

export interface ResetWizardProps {
  group: string;
  topics: string[];
  partitions: TopicPartitionView[];
  onExecuted: (rows: number) => void;
  onClose: () => void;
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...list, value] : list.filter((x) => x !== value);
}

export function ResetWizard({ group, topics, partitions, onExecuted, onClose }: ResetWizardProps): JSX.Element {
  const { t } = useFmt();
  const [zones] = useState(timeZones);
  const [form, setForm] = useState<ResetForm>({
    scope: 'all',
    topics: [],
    partitions: [],
    strategy: 'to-earliest',
    offset: '0',
    shift: '-10',
    datetime: '',
    timeZone: zones[0]!,
    duration: 'PT1H',
    csv: '',
    fromGroup: '',
  });
  const [plan, setPlan] = useState<GroupResetResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'execute' | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const set = (changes: Partial<ResetForm>): void => {
    setForm((f) => ({ ...f, ...changes }));
    // A changed form makes the preview stale: Execute only ever writes what was shown.
    setPlan(null);
    setError(null);
  };
  const scope = scopeOf(form);
  const spec = specOf(form, group);
  const problem: { id: MessageId; detail?: string } | null = !scope && form.strategy !== 'from-file' ? { id: PROBLEMS.scope } : 'problem' in spec ? { id: PROBLEMS[spec.problem], detail: spec.detail } : null;

  const run = (execute: boolean): void => {
    if (!('spec' in spec) || busy) return;
    setBusy(execute ? 'execute' : 'preview');
    setError(null);
    consoleClient()
      .call('groups:reset', {
        group,
        spec: spec.spec,
        ...(scope && !(form.strategy === 'from-file' && form.scope === 'all') ? { scope } : {}),
        ...(execute ? { execute: true, planId: plan!.planId! } : {}),
      })
      .then(
        (res) => {
          if (execute) {
            onExecuted(res.rows.length);
            onClose();
          } else setPlan(res);
        },
        (err: unknown) => {
          const body = toErrorBody(err);
          // The previewed plan is gone: Execute must not offer it again; Preview reads the new one.
          if (body.name === 'PLAN_CHANGED') setPlan(null);
          setError(body);
        },
      )
      .finally(() => setBusy(null));
  };

  const readFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    if (file) void file.text().then((csv) => set({ csv }));
  };

  return (
    <Dialog title={t('groups.reset.title', { group })} onClose={onClose}>
      <form
        className="form reset-wizard"
        onSubmit={(e) => {
          e.preventDefault();
          run(false);
        }}
      >
        <fieldset>
          <legend>{t('groups.reset.scope')}</legend>
          <div className="choice-row">
            {SCOPES.map((s) => (
              <label key={s.kind} className="toggle">
                <input type="radio" name="scope" checked={form.scope === s.kind} onChange={() => set({ scope: s.kind })} />
                {t(s.label)}
              </label>
            ))}
          </div>
          {form.scope === 'topics' && (
            <div className="choice-list" role="group" aria-label={t('groups.reset.scope.topics')}>
              {topics.map((topic) => (
                <label key={topic} className="toggle">
                  <input type="checkbox" checked={form.topics.includes(topic)} onChange={(e) => set({ topics: toggle(form.topics, topic, e.target.checked) })} />
                  <code>{topic}</code>
                </label>
              ))}
            </div>
          )}
          {form.scope === 'partitions' && (
            <div className="choice-list" role="group" aria-label={t('groups.reset.scope.partitions')}>
              {partitions.map((p) => {
                const key = partitionKey(p);
                return (
                  <label key={key} className="toggle">
                    <input type="checkbox" checked={form.partitions.includes(key)} onChange={(e) => set({ partitions: toggle(form.partitions, key, e.target.checked) })} />
                    <code>{t('groups.reset.partition', { topic: p.topic, partition: p.partition })}</code>
                  </label>
                );
              })}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('groups.reset.strategy')}</legend>
          <label className="field">
            <span>{t('groups.reset.strategy')}</span>
            <select value={form.strategy} onChange={(e) => set({ strategy: e.target.value as StrategyKind })}>
              {STRATEGIES.map((s) => (
                <option key={s.kind} value={s.kind}>
                  {t(s.label)}
                </option>
              ))}
            </select>
          </label>
          {form.strategy === 'to-offset' && (
            <label className="field">
              <span>{t('groups.reset.offset')}</span>
              <input inputMode="numeric" value={form.offset} onChange={(e) => set({ offset: e.target.value })} />
            </label>
          )}
          {form.strategy === 'shift-by' && (
            <label className="field">
              <span>{t('groups.reset.shift')}</span>
              <input inputMode="numeric" value={form.shift} onChange={(e) => set({ shift: e.target.value })} />
            </label>
          )}
          {form.strategy === 'to-datetime' && (
            <div className="field-row">
              <label className="field">
                <span>{t('groups.reset.datetime')}</span>
                <input type="datetime-local" step="1" value={form.datetime} onChange={(e) => set({ datetime: e.target.value })} />
              </label>
              <label className="field">
                <span>{t('groups.reset.timeZone')}</span>
                <select value={form.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
                  {zones.map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
          {form.strategy === 'by-duration' && (
            <label className="field">
              <span>{t('groups.reset.duration')}</span>
              <input value={form.duration} onChange={(e) => set({ duration: e.target.value })} spellCheck={false} />
            </label>
          )}
          {form.strategy === 'from-file' && (
            <>
              <label className="field">
                <span>{t('groups.reset.csv')}</span>
                <textarea rows={4} value={form.csv} onChange={(e) => set({ csv: e.target.value })} spellCheck={false} />
              </label>
              <label className="field">
                <span>{t('groups.reset.csvFile')}</span>
                <input type="file" accept=".csv,text/csv,text/plain" onChange={readFile} />
              </label>
            </>
          )}
          {form.strategy === 'from-group' && (
            <label className="field">
              <span>{t('groups.reset.fromGroup')}</span>
              <input value={form.fromGroup} onChange={(e) => set({ fromGroup: e.target.value })} spellCheck={false} />
            </label>
          )}
        </fieldset>
        {problem && (
          <p className="muted" role="status">
            {t(problem.id)} {problem.detail && <span lang="en">{problem.detail}</span>}
          </p>
        )}
        {plan && <PreviewTable plan={plan} />}
        {error && isNonEmptyGroupError(error) && <RefusedGroup error={error} />}
        {error && error.name === 'PLAN_CHANGED' && <PlanChangedRows error={error as PlanChangedErrorBody} />}
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn" disabled={problem !== null || busy !== null}>
            {busy === 'preview' ? t('groups.reset.previewing') : t('groups.reset.preview')}
          </button>
          <button type="button" className="btn btn-danger" disabled={!plan?.planId || busy !== null} onClick={() => run(true)}>
            {busy === 'execute' ? t('groups.reset.executing') : t('groups.reset.execute')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
