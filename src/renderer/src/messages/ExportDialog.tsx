// Export of the Messages page: the ticked rows, the shown records or the whole topic, as JSON Lines
// or CSV, saved through the desktop save dialog or downloaded in a browser.
import { useState, type FormEvent, type JSX } from 'react';
import type { ApiErrorBody } from '../../../shared/console-errors';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/messages-transfer-types';
import type { DecoderChoice } from '../../../shared/messages-types';
import { toErrorBody } from '../app/errors';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { Dialog } from '../ui/Dialog';
import { ErrorPanel } from '../ui/StateViews';
import { saveExport } from './save-export';
import { ScopeChoice } from './ScopeChoice';
import { defaultScope, transferSelection, type TransferScope } from './transfer-scope';

const FORMAT_LABEL: Record<ExportFormat, MessageId> = { jsonl: 'messages.transfer.format.jsonl', csv: 'messages.transfer.format.csv' };

export interface TransferDialogProps {
  topic: string;
  /** The view's partitions (empty: all). */
  partitions: readonly number[];
  shown: ReadonlyArray<{ partition: number; offset: number }>;
  checked: ReadonlySet<string>;
  onClose: () => void;
}

export function ExportDialog({ topic, partitions, shown, checked, decoders, onClose }: TransferDialogProps & { decoders?: Partial<DecoderChoice> }): JSX.Element {
  const { t } = useFmt();
  const [scope, setScope] = useState<TransferScope>(defaultScope(checked.size, shown.length));
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const outcome = await saveExport({ selection: transferSelection(scope, topic, partitions, shown, checked), format, ...(decoders ? { decoders } : {}) });
      if (outcome.kind === 'saved') setSaved(outcome.name);
    } catch (err) {
      setError(toErrorBody(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('messages.transfer.export.title', { topic })} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <ScopeChoice scope={scope} onChange={setScope} checked={checked.size} shown={shown.length} partitions={partitions} />
        <label className="field">
          <span>{t('messages.transfer.format')}</span>
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
            {EXPORT_FORMATS.map((f) => (
              <option key={f} value={f}>
                {t(FORMAT_LABEL[f])}
              </option>
            ))}
          </select>
          <span className="field-help">{t('messages.transfer.format.help')}</span>
        </label>
        {error && <ErrorPanel error={error} title={t('messages.transfer.export.failed')} />}
        {saved && (
          <p className="result" role="status">
            {t('messages.transfer.export.saved', { name: saved })}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('messages.transfer.export.busy') : t('messages.transfer.export.run')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
