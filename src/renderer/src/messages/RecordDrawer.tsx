// Everything Kafka knows about one record: key and value decoded (JSON as a tree), headers, and the
// record batch it came in — base offset, producer id/epoch/sequence, codec, flags, leader epoch.
import { useEffect, useRef, useState, type JSX, type ReactNode } from 'react';
import type { DecodedField, MessageRecord } from '../../../shared/messages-types';
import { formatBytes, formatDateTime, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { downloadBytes } from './bytes';
import { JsonTree } from './JsonTree';

function CopyButton({ text, label }: { text: string; label: string }): JSX.Element {
  const { t } = useFmt();
  const [done, setDone] = useState(false);
  const copy = (): void => {
    void navigator.clipboard?.writeText(text).then(() => {
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    });
  };
  return (
    <button type="button" className="btn btn-small" aria-label={label} onClick={copy}>
      {done ? t('record.copied') : t('record.copy')}
    </button>
  );
}

function FieldView({ field, name, what, fileName }: { field: DecodedField | null; name: string; what: string; fileName: string }): JSX.Element {
  const { t, locale } = useFmt();
  return (
    <section className="record-field" aria-label={name}>
      <div className="record-field-head">
        <h3>{name}</h3>
        {field && (
          <span className="muted">
            {field.decoder} · {formatBytes(field.size, locale)}
            {field.schemaId !== undefined && ` · ${t('record.schemaId', { id: field.schemaId })}`}
          </span>
        )}
        {field && (
          <span className="record-field-actions">
            <CopyButton text={field.text} label={t('record.copyWhat', { what })} />
            <button type="button" className="btn btn-small" aria-label={t('record.downloadWhat', { what })} onClick={() => downloadBytes(field.base64, fileName)}>
              {t('record.download')}
            </button>
          </span>
        )}
      </div>
      {field === null ? (
        <p className="muted">{t('record.null')}</p>
      ) : (
        <>
          {field.error && (
            <p className="field-error" role="note">
              {t('record.decodeFailed', { reason: field.error })}
            </p>
          )}
          {field.tree !== undefined && field.tree !== null && typeof field.tree === 'object' ? <JsonTree value={field.tree} label={t('record.tree', { what })} /> : <pre className="record-text">{field.text}</pre>}
        </>
      )}
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }): JSX.Element {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function RecordDrawer({ record, onClose, onProduceAgain }: { record: MessageRecord; onClose: () => void; onProduceAgain: (r: MessageRecord) => void }): JSX.Element {
  const { t, locale } = useFmt();
  const b = record.batch;
  const yes = (v: boolean): string => (v ? t('common.yes') : t('common.no'));
  const base = `${record.topic}-${record.partition}-${record.offset}`;
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Escape closes the drawer, unless a dialog (the produce form) is open over it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <aside className="drawer" aria-label={t('record.title', { partition: record.partition, offset: record.offset })}>
      <div className="drawer-head">
        <h2>{t('record.title', { partition: record.partition, offset: record.offset })}</h2>
        <CopyButton text={String(record.offset)} label={t('record.copyOffset')} />
        <button type="button" className="btn btn-small" onClick={() => onProduceAgain(record)}>
          {t('record.produceAgain')}
        </button>
        <button type="button" className="btn btn-small" aria-label={t('record.close')} onClick={onClose}>
          ✕
        </button>
      </div>
      <dl className="facts">
        <Fact term={t('record.timestamp')}>
          {formatDateTime(record.timestamp, locale)} <span className="muted">({record.timestampType})</span>
        </Fact>
        <Fact term={t('record.sizes')}>{t('record.sizesValue', { key: formatBytes(Math.max(0, record.keySize), locale), value: formatBytes(Math.max(0, record.valueSize), locale), headers: formatBytes(record.headersSize, locale) })}</Fact>
      </dl>
      <FieldView field={record.key} name={t('record.key')} what={t('record.key')} fileName={`${base}.key.bin`} />
      <FieldView field={record.value} name={t('record.value')} what={t('record.value')} fileName={`${base}.value.bin`} />
      <section aria-label={t('record.headers')} className="record-field">
        <h3>{t('record.headers')}</h3>
        {record.headers.length === 0 ? (
          <p className="muted">{t('record.noHeaders')}</p>
        ) : (
          <table aria-label={t('record.headers')} className="compact">
            <thead>
              <tr>
                <th scope="col">{t('record.headerKey')}</th>
                <th scope="col">{t('record.headerValue')}</th>
              </tr>
            </thead>
            <tbody>
              {record.headers.map((h, i) => (
                <tr key={i}>
                  <td>{h.key}</td>
                  <td className="wrap">{h.value === null ? <span className="muted">{t('record.null')}</span> : h.value.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-label={t('record.batch')} className="record-field">
        <h3>{t('record.batch')}</h3>
        <dl className="facts">
          <Fact term={t('record.batch.baseOffset')}>{formatExact(b.baseOffset, locale)}</Fact>
          <Fact term={t('record.batch.lastOffset')}>{formatExact(b.lastOffset, locale)}</Fact>
          <Fact term={t('record.batch.recordCount')}>{formatExact(b.recordCount, locale)}</Fact>
          <Fact term={t('record.batch.producerId')}>{String(b.producerId)}</Fact>
          <Fact term={t('record.batch.producerEpoch')}>{String(b.producerEpoch)}</Fact>
          <Fact term={t('record.batch.baseSequence')}>{String(b.baseSequence)}</Fact>
          <Fact term={t('record.batch.compression')}>{b.compression}</Fact>
          <Fact term={t('record.batch.transactional')}>{yes(b.transactional)}</Fact>
          <Fact term={t('record.batch.control')}>{yes(b.control)}</Fact>
          <Fact term={t('record.batch.leaderEpoch')}>{String(b.partitionLeaderEpoch)}</Fact>
          <Fact term={t('record.batch.timestampType')}>{b.timestampType}</Fact>
          <Fact term={t('record.batch.size')}>{formatBytes(b.sizeInBytes, locale)}</Fact>
          <Fact term={t('record.batch.crc')}>{String(b.crc >>> 0)}</Fact>
        </dl>
      </section>
    </aside>
  );
}
