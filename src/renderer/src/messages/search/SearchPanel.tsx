// The search form of the Messages page (issue 12 §4): a quick filter on the key, the value or a
// header (contains, regex, or a JSON field comparison), the programmable filter in an editor with
// examples, Search / Cancel, and the running search's progress. The form lives in the URL; a
// shared URL fills it but runs nothing until the user presses Search.
import { useState, type JSX } from 'react';
import type { ApiErrorBody } from '../../../../shared/console-errors';
import { QUICK_TEXT_FIELDS } from '../../../../shared/messages-search-types';
import { useFmt } from '../../i18n/I18nProvider';
import type { MessageId } from '../../i18n/messages';
import { FilterEditor } from './FilterEditor';
import { SearchProgressBar } from './SearchProgressBar';
import { QUICK_MODES, errorPosition, hasFilter, type SearchForm } from './search-state';
import type { SearchState } from './useSearch';

const MODE_LABEL: Record<SearchForm['mode'], MessageId> = {
  contains: 'messages.search.mode.contains',
  regex: 'messages.search.mode.regex',
  json: 'messages.search.mode.json',
};
const FIELD_LABEL: Record<SearchForm['field'], MessageId> = {
  key: 'messages.search.field.key',
  value: 'messages.search.field.value',
  header: 'messages.search.field.header',
};

const EXAMPLES: ReadonlyArray<{ id: MessageId; code: string }> = [
  { id: 'messages.search.example.json', code: 'value.status == "paid" && value.amount > 50' },
  { id: 'messages.search.example.header', code: 'headers.source === "kcat"' },
  { id: 'messages.search.example.body', code: 'if (typeof value !== "string") return false;\nreturn value.includes("refund") || offset % 100 === 0;' },
  { id: 'messages.search.example.key', code: 'key !== null && key.startsWith("user-")' },
];

export interface SearchPanelProps {
  form: SearchForm;
  onForm: (f: SearchForm) => void;
  search: SearchState;
  /** Why the form cannot run yet (a JSON comparison that does not parse…), shown under it. */
  formError: string | null;
  onRun: () => void;
  onClear: () => void;
}

function isFilterError(e: ApiErrorBody | null): e is ApiErrorBody {
  return e !== null && e.name === 'INVALID_FILTER';
}

export function SearchPanel({ form, onForm, search, formError, onRun, onClear }: SearchPanelProps): JSX.Element {
  const { t } = useFmt();
  const [editorOpen, setEditorOpen] = useState(form.code.trim() !== '');
  const running = search.starting || search.progress?.state === 'running';
  const filterError = isFilterError(search.error) ? search.error : null;
  const pos = filterError ? errorPosition(filterError.message) : null;
  const set = (patch: Partial<SearchForm>): void => onForm({ ...form, ...patch });
  const submit = (e: { preventDefault: () => void }): void => {
    e.preventDefault();
    if (!running) onRun();
  };

  return (
    <section className="search-panel" aria-label={t('messages.search.region')}>
      <form className="search-quick" onSubmit={submit}>
        <label>
          <span>{t('messages.search.mode')}</span>
          <select value={form.mode} onChange={(e) => set({ mode: e.target.value as SearchForm['mode'] })}>
            {QUICK_MODES.map((m) => (
              <option key={m} value={m}>
                {t(MODE_LABEL[m])}
              </option>
            ))}
          </select>
        </label>
        {form.mode !== 'json' && (
          <label>
            <span>{t('messages.search.field')}</span>
            <select value={form.field} onChange={(e) => set({ field: e.target.value as SearchForm['field'] })}>
              {QUICK_TEXT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(FIELD_LABEL[f])}
                </option>
              ))}
            </select>
          </label>
        )}
        {form.mode !== 'json' && form.field === 'header' && (
          <label>
            <span>{t('messages.search.header')}</span>
            <input type="text" value={form.header} spellCheck={false} placeholder={t('messages.search.header.placeholder')} onChange={(e) => set({ header: e.target.value })} />
          </label>
        )}
        <label className="search-pattern">
          <span>{t('messages.search.pattern')}</span>
          <input
            type="search"
            value={form.pattern}
            spellCheck={false}
            placeholder={t(form.mode === 'json' ? 'messages.search.pattern.json' : form.mode === 'regex' ? 'messages.search.pattern.regex' : 'messages.search.pattern.contains')}
            onChange={(e) => set({ pattern: e.target.value })}
          />
        </label>
        <div className="search-buttons">
          <button type="button" className="btn" aria-expanded={editorOpen} onClick={() => setEditorOpen((o) => !o)}>
            {editorOpen ? t('messages.search.editor.hide') : t('messages.search.editor.show')}
          </button>
          {running ? (
            <button type="button" className="btn" onClick={search.cancel}>
              {t('messages.search.cancel')}
            </button>
          ) : (
            <button type="submit" className="btn btn-primary" disabled={!hasFilter(form)}>
              {t('messages.search.run')}
            </button>
          )}
          {(search.progress || search.error) && !running && (
            <button type="button" className="btn" onClick={onClear}>
              {t('messages.search.clear')}
            </button>
          )}
        </div>
      </form>
      {editorOpen && (
        <div className="search-code">
          <div className="search-code-head">
            <span id="filter-editor-label">{t('messages.search.editor')}</span>
            <span className="muted">{t('messages.search.editor.help')}</span>
          </div>
          <FilterEditor value={form.code} onChange={(code) => set({ code })} label={t('messages.search.editor')} hint={t('messages.search.editor.placeholder')} errorAt={pos?.line ?? null} onRun={() => !running && hasFilter(form) && onRun()} />
          <div className="search-examples" role="group" aria-label={t('messages.search.examples')}>
            <span className="muted">{t('messages.search.examples')}</span>
            {EXAMPLES.map((ex) => (
              <button key={ex.id} type="button" className="btn btn-small" title={ex.code} onClick={() => set({ code: ex.code })}>
                {t(ex.id)}
              </button>
            ))}
          </div>
        </div>
      )}
      {filterError && (
        <p className="search-error tone-bad" role="alert">
          {pos
            ? pos.column !== null
              ? t('messages.search.invalidAt', { line: pos.line, column: pos.column, message: filterError.message })
              : t('messages.search.invalidLine', { line: pos.line, message: filterError.message })
            : t('messages.search.invalid', { message: filterError.message })}
        </p>
      )}
      {search.error && !filterError && (
        <p className="search-error tone-bad" role="alert">
          {t('messages.search.failed', { name: search.error.name, message: search.error.message })}
        </p>
      )}
      {formError && (
        <p className="search-error tone-bad" role="alert">
          {formError}
        </p>
      )}
      {!search.progress && !search.error && hasFilter(form) && !running && (
        <p className="muted search-hint">{t('messages.search.notRun')}</p>
      )}
      {search.progress && <SearchProgressBar progress={search.progress} shown={search.rows.length} />}
    </section>
  );
}
