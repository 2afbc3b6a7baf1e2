// "Which partition does this key go to?": messages:partition-for-key answers for each client's
// partitioner, and a button shows that partition's records.
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import type { PartitionForKeyResponse, PartitionerName } from '../../../shared/messages-types';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { ErrorPanel } from '../ui/StateViews';

const CLIENTS: Record<PartitionerName, MessageId> = {
  murmur2: 'keyBox.murmur2',
  consistent_random: 'keyBox.consistentRandom',
};

export function KeyPartitionBox({ topic, onJump }: { topic: string; onJump: (partition: number) => void }): JSX.Element {
  const { t } = useFmt();
  const [key, setKey] = useState('');
  const [answer, setAnswer] = useState<PartitionForKeyResponse | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const ask = (e: FormEvent): void => {
    e.preventDefault();
    setError(null);
    consoleClient()
      .call('messages:partition-for-key', { topic, key: { format: 'text', data: key } })
      .then(setAnswer, (err: unknown) => {
        setAnswer(null);
        setError(toErrorBody(err));
      });
  };
  return (
    <form className="key-box" onSubmit={ask} aria-label={t('keyBox.label')}>
      <label className="tool">
        <span>{t('keyBox.key')}</span>
        <input value={key} onChange={(e) => setKey(e.target.value)} spellCheck={false} size={14} />
      </label>
      <button type="submit" className="btn">
        {t('keyBox.find')}
      </button>
      {answer && (
        <ul className="key-answer" aria-label={t('keyBox.answer', { key })}>
          {(Object.keys(CLIENTS) as PartitionerName[]).map((p) => {
            const partition = answer.byPartitioner[p];
            return (
              <li key={p}>
                <span>{t(CLIENTS[p])}</span>{' '}
                {partition === null ? (
                  <span className="muted">{t('keyBox.random')}</span>
                ) : (
                  <button type="button" className="btn btn-small" aria-label={t('keyBox.jumpFor', { partition, partitioner: p })} onClick={() => onJump(partition)}>
                    {t('keyBox.jump', { partition })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <ErrorPanel error={error} />}
    </form>
  );
}
