// Replay of the Messages page: the chosen records written again to another topic (or the same),
// or each back to the topic its original-topic header names (a dead-letter topic's records), with
// a dry-run count first and the engine's progress while it writes.
import { useEffect, useMemo, useState, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { DEFAULT_ORIGINAL_TOPIC_HEADERS, TransferErrorName, type MessagesReplayResponse, type ReplayTarget, type TransferProgressEvent } from '../../../shared/messages-transfer-types';
import { consoleClient } from '../api-client';
import { useCluster } from '../app/cluster-context';
import { toErrorBody } from '../app/errors';
import { useChannel } from '../app/useChannel';
import { formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import type { TransferDialogProps } from './ExportDialog';
import { ScopeChoice } from './ScopeChoice';
import { defaultScope, headerNames, transferSelection, type TransferScope } from './transfer-scope';

type TargetKind = ReplayTarget['kind'];

export function ReplayDialog({ topic, partitions, shown, checked, onClose }: TransferDialogProps): JSX.Element {
  const { t, locale } = useFmt();
  const cluster = useCluster();
  const topics = useChannel('topics:list', {}, [cluster.revision]);
  const names = useMemo(() => (topics.data?.topics ?? []).map((x) => x.name).filter((n) => !n.startsWith('__')), [topics.data]);
  const [scope, setScope] = useState<TransferScope>(defaultScope(checked.size, shown.length));
  const [kind, setKind] = useState<TargetKind>('topic');
  const [targetTopic, setTargetTopic] = useState('');
  const [headers, setHeaders] = useState<string>(DEFAULT_ORIGINAL_TOPIC_HEADERS.join(', '));
  const [keepTimestamps, setKeepTimestamps] = useState(false);
  const [busy, setBusy] = useState<'count' | 'replay' | null>(null);
  const [progress, setProgress] = useState<TransferProgressEvent | null>(null);
  const [answer, setAnswer] = useState<MessagesReplayResponse | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [cancelledAfter, setCancelledAfter] = useState<number | null>(null);
  const jobId = useMemo(() => `replay-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, []);

  useEffect(() => {
    if (!targetTopic && names.length > 0) setTargetTopic(names.find((n) => n !== topic) ?? names[0]!);
  }, [names, targetTopic, topic]);
  useEffect(() => consoleClient().subscribe('messages:transfer-progress', (e) => {
    if (e.jobId === jobId) setProgress(e);
  }), [jobId]);

  const target: ReplayTarget | null = kind === 'topic' ? (targetTopic ? { kind, topic: targetTopic } : null) : headerNames(headers).length > 0 ? { kind, headers: headerNames(headers) } : null;

  const run = async (dryRun: boolean): Promise<void> => {
    if (!target) return;
    setBusy(dryRun ? 'count' : 'replay');
    setError(null);
    setAnswer(null);
    setProgress(null);
    setCancelledAfter(null);
    try {
      setAnswer(await consoleClient().call('messages:replay', { selection: transferSelection(scope, topic, partitions, shown, checked), target, dryRun, keepTimestamps, jobId }));
    } catch (err) {
      const body = toErrorBody(err);
      const written = (body as ApiErrorBody & { written?: unknown }).written;
      if (body.name === TransferErrorName.CANCELLED) setCancelledAfter(typeof written === 'number' ? written : 0);
      else setError(body);
    } finally {
      setBusy(null);
    }
  };
  const cancel = (): void => {
    consoleClient()
      .call('messages:replay-cancel', { jobId })
      .catch((err: unknown) => setError(toErrorBody(err)));
  };

  const byTopic = answer ? new Intl.ListFormat(locale, { type: 'unit' }).format(Object.entries(answer.byTopic).map(([name, n]) => t('messages.transfer.replay.toTopic', { topic: name, count: n }))) : '';

  return (
    <Dialog title={t('messages.transfer.replay.title', { topic })} onClose={onClose}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(false);
        }}
      >
        <ScopeChoice scope={scope} onChange={setScope} checked={checked.size} shown={shown.length} partitions={partitions} />
        <fieldset className="radio-group">
          <legend>{t('messages.transfer.replay.target')}</legend>
          <label className="radio">
            <input type="radio" name="replay-target" checked={kind === 'topic'} onChange={() => setKind('topic')} />
            {t('messages.transfer.replay.target.topic')}
          </label>
          {kind === 'topic' && (
            <label className="field">
              <span>{t('messages.transfer.replay.topic')}</span>
              <select value={targetTopic} onChange={(e) => setTargetTopic(e.target.value)}>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="radio">
            <input type="radio" name="replay-target" checked={kind === 'original-topic'} onChange={() => setKind('original-topic')} />
            {t('messages.transfer.replay.target.original')}
          </label>
          {kind === 'original-topic' && (
            <label className="field">
              <span>{t('messages.transfer.replay.headers')}</span>
              <input value={headers} spellCheck={false} onChange={(e) => setHeaders(e.target.value)} />
              <span className="field-help">{t('messages.transfer.replay.headers.help')}</span>
            </label>
          )}
        </fieldset>
        <label className="toggle">
          <input type="checkbox" checked={keepTimestamps} onChange={(e) => setKeepTimestamps(e.target.checked)} />
          {t('messages.transfer.replay.keepTimestamps')}
        </label>
        {busy === 'replay' && (
          <div role="status" className="transfer-progress">
            <progress aria-label={t('messages.transfer.replay.progress')} max={Math.max(1, progress?.scanned ?? 1)} value={progress?.written ?? 0} />
            <span>{t('messages.transfer.replay.progressText', { written: formatExact(progress?.written ?? 0, locale), scanned: formatExact(progress?.scanned ?? 0, locale) })}</span>
            <button type="button" className="btn btn-small" onClick={cancel}>
              {t('messages.transfer.replay.cancel')}
            </button>
          </div>
        )}
        {cancelledAfter !== null && (
          <p className="result" role="status">
            {t('messages.transfer.replay.cancelled', { count: cancelledAfter })}
          </p>
        )}
        {error && <ErrorPanel error={error} title={t('messages.transfer.replay.failed')} />}
        {answer && (
          <div className="result" role="status">
            <p>
              {answer.written === 0 && !answer.dryRun
                ? t('messages.transfer.replay.nothing')
                : answer.dryRun
                  ? t('messages.transfer.replay.counted', { count: answer.written, where: byTopic })
                  : t('messages.transfer.replay.done', { count: answer.written, where: byTopic })}
            </p>
            {answer.withoutHeader > 0 && <p>{t('messages.transfer.replay.withoutHeader', { count: answer.withoutHeader })}</p>}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="button" className="btn" disabled={busy !== null || !target} onClick={() => void run(true)}>
            {busy === 'count' ? t('messages.transfer.replay.counting') : t('messages.transfer.replay.count')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy !== null || !target}>
            {busy === 'replay' ? t('messages.transfer.replay.busy') : t('messages.transfer.replay.run')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
