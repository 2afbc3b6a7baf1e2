// One topic's records: toolbar, key → partition box, produce, live tail, the table and the detail
// drawer. Used by the Messages page and by the Messages tab of a topic's detail; the view lives in
// the route's parameters.
import { useCallback, useMemo, useState, type JSX } from 'react';
import type { MessageRecord } from '../../../shared/messages-types';
import { useCluster } from '../app/cluster-context';
import { useChannel } from '../app/useChannel';
import { navigate, useRoute } from '../app/useRoute';
import { formatBytes, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import type { MessageId } from '../i18n/messages';
import { withParams } from '../routes';
import { Empty, ErrorPanel, Loading } from '../ui/StateViews';
import { KeyPartitionBox } from './KeyPartitionBox';
import { ExportDialog } from './ExportDialog';
import { ProduceDialog } from './ProduceDialog';
import { ReplayDialog } from './ReplayDialog';
import { emptyForm, formFromRecord, type ProduceForm } from './produce-form';
import { RecordDrawer } from './RecordDrawer';
import { RecordsTable } from './RecordsTable';
import { Toolbar } from './Toolbar';
import { useRecords } from './useRecords';
import { SearchPanel } from './search/SearchPanel';
import { parseSearch, quickFilters, searchParams, searchRequest, type SearchForm } from './search/search-state';
import { useSearch } from './search/useSearch';
import { LIVE_WINDOW, parseView, readRequest, recordId, viewParams, type MessagesView as View } from './view-state';

const STOPPED: Record<'limit' | 'bytes' | 'end', MessageId> = {
  limit: 'messages.stopped.limit',
  bytes: 'messages.stopped.bytes',
  end: 'messages.stopped.end',
};

export function MessagesView({ topic }: { topic: string }): JSX.Element {
  const { t, locale } = useFmt();
  const route = useRoute();
  const cluster = useCluster();
  const view = useMemo(() => parseView(route.params), [route.params]);
  const setView = useCallback((v: View, push = false) => navigate(withParams(route, viewParams(v)), { replace: !push }), [route]);
  // The search form lives in the route next to the view (shareable); it runs only on Search.
  const form = useMemo(() => parseSearch(route.params), [route.params]);
  const setForm = useCallback((f: SearchForm) => navigate(withParams(route, searchParams(f)), { replace: true }), [route]);
  const search = useSearch();
  const [formError, setFormError] = useState<string | null>(null);
  const detail = useChannel('topics:describe', { name: topic }, [cluster.revision]);
  const partitionCount = detail.data ? detail.data.partitions.length : null;
  const request = useMemo(() => readRequest(topic, view), [topic, view]);
  // Selecting a record or scrolling does not re-read.
  const readKey = JSON.stringify(request);
  const stableRequest = useMemo(() => request, [readKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const [scrolled, setScrolled] = useState(false);
  const records = useRecords(stableRequest, view.live, scrolled);
  const [producing, setProducing] = useState<ProduceForm | null>(null);
  const [toolbarKey, setToolbarKey] = useState(0);
  // Rows ticked for export and replay (issue 12 §2), by recordId; a new topic starts with none.
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [transfer, setTransfer] = useState<'export' | 'replay' | null>(null);
  const [checkedTopic, setCheckedTopic] = useState(topic);
  if (checkedTopic !== topic) {
    setCheckedTopic(topic);
    setChecked(new Set());
  }
  const check = useCallback((r: MessageRecord, on: boolean) => {
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(recordId(r));
      else next.delete(recordId(r));
      return next;
    });
  }, []);

  const runSearch = (): void => {
    if (!request) return;
    const quick = quickFilters(form);
    if (!quick.ok) {
      setFormError(t(quick.reason === 'json' ? 'messages.search.badCompare' : 'messages.search.needHeader'));
      return;
    }
    setFormError(null);
    if (view.live) setView({ ...view, live: false, selected: null });
    search.run(searchRequest(request, quick.quick, form.code));
  };
  // While a search is shown, the table holds its matches instead of the read.
  const searching = search.starting || search.progress !== null;
  const shownRows = searching ? search.rows : records.rows;

  const selected = view.selected ? shownRows.find((r) => recordId(r) === view.selected) ?? null : null;
  const open = useCallback((r: MessageRecord) => setView({ ...view, selected: recordId(r) }), [setView, view]);
  const jump = (partition: number): void => {
    setView({ ...view, partitions: [partition], selected: null });
    setToolbarKey((k) => k + 1);
  };

  if (detail.error && !detail.data) {
    return (
      <ErrorPanel error={detail.error} title={t('messages.topicError', { topic })} onRetry={detail.reload}>
        <a className="btn" href="#/topics">
          {t('topic.back')}
        </a>
      </ErrorPanel>
    );
  }

  const res = records.response;
  const notes = (res?.partitions ?? []).filter((p) => p.clamped || p.note || p.error);
  const liveToggle = (
    <label className="toggle">
      <input type="checkbox" checked={view.live} onChange={(e) => setView({ ...view, live: e.target.checked, start: e.target.checked ? 'newest' : view.start, selected: null })} />
      {t('messages.live')}
    </label>
  );
  const status = view.live ? (
    <span className={`live-status${scrolled ? ' paused' : ''}`} role="status">
      {scrolled ? t('messages.live.paused') : t('messages.live.following', { count: records.tailed, window: LIVE_WINDOW })}
    </span>
  ) : res ? (
    <span className="muted" role="status">
      {t(STOPPED[res.stoppedBy], { count: res.records.length, bytes: formatBytes(res.bytes, locale) })}
    </span>
  ) : null;

  const searchNote = (
    <span className="muted" role="note">
      {t('messages.search.showing')}
    </span>
  );
  let body: JSX.Element;
  if (searching)
    body = (
      <RecordsTable
        label={t('messages.search.table', { topic })}
        rows={search.rows}
        selected={view.selected}
        onOpen={open}
        checked={checked}
        onCheck={check}
        toolbar={searchNote}
        empty={
          <>
            <Empty title={search.progress?.state !== 'done' ? t('messages.search.scanning') : search.progress.stoppedBy === 'end' || search.progress.stoppedBy === 'limit' ? t('messages.search.empty') : t('messages.search.emptyStopped')} />
          </>
        }
      />
    );
  else if (records.loading) body = <Loading label={t('messages.loading', { topic })} />;
  else if (!request) body = <Empty title={t('messages.needGroup')} />;
  else if (records.error && records.rows.length === 0) body = <ErrorPanel error={records.error} title={t('messages.readError', { topic })} onRetry={records.reload} />;
  else
    body = (
      <RecordsTable
        label={t('messages.table', { topic })}
        rows={records.rows}
        selected={view.selected}
        onOpen={open}
        onScroll={view.live ? (top) => setScrolled(top > 4) : undefined}
        checked={checked}
        onCheck={check}
        toolbar={
          <>
            {liveToggle}
            {status}
          </>
        }
        empty={
          <>
            <div className="table-toolbar">
              {liveToggle}
              {status}
            </div>
            <Empty title={view.live ? t('messages.empty.live') : t('messages.empty')}>
              <button type="button" className="btn btn-primary" onClick={() => setProducing(emptyForm())}>
                {t('messages.produce')}
              </button>
            </Empty>
          </>
        }
      />
    );

  return (
    <div className={`messages${selected ? ' with-drawer' : ''}`}>
      <div className="messages-main">
        <div className="messages-actions">
          <Toolbar key={toolbarKey} topic={topic} view={view} partitionCount={partitionCount} onChange={(v) => setView(v)} />
          <div className="messages-side">
            <KeyPartitionBox topic={topic} onJump={jump} />
            <button type="button" className="btn btn-primary" onClick={() => setProducing(emptyForm())}>
              {t('messages.produce')}
            </button>
            <div className="transfer-actions">
              <button type="button" className="btn" onClick={() => setTransfer('export')}>
                {t('messages.transfer.export')}
              </button>
              <button type="button" className="btn" onClick={() => setTransfer('replay')}>
                {t('messages.transfer.replay')}
              </button>
            </div>
            {checked.size > 0 && (
              <div className="transfer-checked">
                <span role="status">{t('messages.transfer.checked', { count: checked.size })}</span>
                <button type="button" className="btn btn-small" onClick={() => setChecked(new Set())}>
                  {t('messages.transfer.clearChecked')}
                </button>
              </div>
            )}
          </div>
        </div>
        {notes.length > 0 && (
          <ul className="read-notes" aria-label={t('messages.notes')}>
            {notes.map((p) => (
              <li key={p.partition} className={p.error ? 'tone-bad' : 'tone-warn'}>
                {p.error
                  ? t('messages.note.error', { partition: p.partition, name: p.error.name, message: p.error.message })
                  : p.clamped
                    ? t(p.clamped === 'below-log-start' ? 'messages.note.belowStart' : 'messages.note.aboveEnd', {
                        partition: p.partition,
                        requested: formatExact(p.requestedOffset ?? 0, locale),
                        start: formatExact(p.startOffset, locale),
                      })
                    : t('messages.note.other', { partition: p.partition, note: p.note ?? '' })}
              </li>
            ))}
          </ul>
        )}
        <SearchPanel
          form={form}
          onForm={setForm}
          search={search}
          formError={formError}
          onRun={runSearch}
          onClear={() => {
            search.clear();
            setFormError(null);
          }}
        />
        {!searching && records.error && records.rows.length > 0 && <ErrorPanel error={records.error} title={t('messages.readError', { topic })} onRetry={records.reload} />}
        {body}
        {view.selected && !selected && !records.loading && !searching && (
          <p className="muted" role="note">
            {t('messages.selectedGone', { record: view.selected })}
          </p>
        )}
      </div>
      {selected && <RecordDrawer record={selected} onClose={() => setView({ ...view, selected: null })} onProduceAgain={(r) => setProducing(formFromRecord(r))} />}
      {transfer === 'export' && <ExportDialog topic={topic} partitions={view.partitions} shown={shownRows} checked={checked} decoders={request?.decoders} onClose={() => setTransfer(null)} />}
      {transfer === 'replay' && <ReplayDialog topic={topic} partitions={view.partitions} shown={shownRows} checked={checked} onClose={() => setTransfer(null)} />}
      {producing && (
        <ProduceDialog
          topic={topic}
          partitions={partitionCount}
          initial={producing}
          onProduced={() => {
            if (!view.live) records.reload();
          }}
          onClose={() => setProducing(null)}
        />
      )}
    </div>
  );
}
