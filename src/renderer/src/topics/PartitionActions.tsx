// Add partitions (Kafka refuses a decrease: INVALID_PARTITIONS, shown as Kafka says it) and delete
// records before an offset (DeleteRecords), confirmed first.
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { consoleClient } from '../api-client';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';

export function AddPartitionsDialog({ topic, current, onDone, onClose }: { topic: string; current: number; onDone: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  const [count, setCount] = useState(String(current + 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const totalCount = Number(count);
    if (!/^\d+$/.test(count.trim())) {
      setError({ name: 'INVALID_PARTITIONS', message: t('addPartitions.notNumber') });
      return;
    }
    setBusy(true);
    setError(null);
    consoleClient()
      .call('topics:add-partitions', { name: topic, totalCount })
      .then(
        () => {
          onDone();
          onClose();
        },
        (err: unknown) => {
          setError(toErrorBody(err));
          setBusy(false);
        },
      );
  };
  return (
    <Dialog title={t('addPartitions.title', { topic })} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="partition-total">{t('addPartitions.total')}</label>
          <input id="partition-total" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} autoFocus aria-describedby="partition-total-msg" />
          <span id="partition-total-msg" className="field-help">
            {t('addPartitions.help', { current })}
          </span>
        </div>
        {error && <ErrorPanel error={error} title={t('addPartitions.refused')} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('addPartitions.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteRecordsDialog({ topic, partitions, onDone, onClose }: { topic: string; partitions: number; onDone: () => void; onClose: () => void }): JSX.Element {
  const { t } = useFmt();
  const [partition, setPartition] = useState('0');
  const [offset, setOffset] = useState('');
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [invalid, setInvalid] = useState<string | null>(null);
  if (step === 'confirm') {
    return (
      <ConfirmDialog
        title={t('deleteRecords.confirmTitle', { topic })}
        confirmLabel={t('deleteRecords.confirm')}
        onClose={onClose}
        onConfirm={() => consoleClient().call('topics:delete-records', { name: topic, before: { [partition]: Number(offset) } }).then(onDone)}
      >
        <p>{t('deleteRecords.confirmBody', { partition, offset })}</p>
      </ConfirmDialog>
    );
  }
  const next = (e: FormEvent): void => {
    e.preventDefault();
    if (!/^\d+$/.test(partition) || Number(partition) >= partitions) return setInvalid(t('deleteRecords.badPartition', { max: partitions - 1 }));
    if (!/^-?\d+$/.test(offset) || Number(offset) < -1) return setInvalid(t('deleteRecords.badOffset'));
    setStep('confirm');
  };
  return (
    <Dialog title={t('deleteRecords.title', { topic })} onClose={onClose}>
      <form className="form" onSubmit={next} noValidate>
        <div className="field-row">
          <div className="field">
            <label htmlFor="dr-partition">{t('deleteRecords.partition')}</label>
            <input id="dr-partition" inputMode="numeric" value={partition} onChange={(e) => setPartition(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="dr-offset">{t('deleteRecords.before')}</label>
            <input id="dr-offset" inputMode="numeric" value={offset} onChange={(e) => setOffset(e.target.value)} aria-describedby="dr-msg" />
          </div>
        </div>
        <span id="dr-msg" className={invalid ? 'field-error' : 'field-help'}>
          {invalid ?? t('deleteRecords.help')}
        </span>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-danger">
            {t('deleteRecords.next')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
