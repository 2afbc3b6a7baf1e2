// The programmable filter's editor: CodeMirror 6 with JavaScript highlighting. CodeMirror styles
// itself through <style> elements (style-mod), which the renderer's CSP allows ('unsafe-inline'
// styles), and never evaluates code: docs/decisions.md "Search filter editor".
import { javascript } from '@codemirror/lang-javascript';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, lineNumbers, placeholder, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef, type JSX } from 'react';

const setErrorLine = StateEffect.define<number | null>();

// The line a syntax error names, marked until the text changes.
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = tr.docChanged ? Decoration.none : deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) next = Decoration.none;
      else next = Decoration.set([Decoration.line({ class: 'cm-filter-error-line' }).range(tr.state.doc.line(e.value).from)]);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export interface FilterEditorProps {
  value: string;
  onChange: (code: string) => void;
  label: string;
  hint: string;
  /** The line of the filter's syntax error, when known. */
  errorAt: number | null;
  /** Ctrl/Cmd+Enter runs the search. */
  onRun: () => void;
}

export function FilterEditor({ value, onChange, label, hint, errorAt, onRun }: FilterEditorProps): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, onRun });
  latest.current = { onChange, onRun };

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      javascript(),
      errorLine,
      placeholder(hint),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.domEventHandlers({
        keydown: (e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            latest.current.onRun();
            return true;
          }
          return false;
        },
      }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) latest.current.onChange(u.state.doc.toString());
      }),
    ];
    const v = new EditorView({ state: EditorState.create({ doc: value, extensions }), parent: host.current! });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, hint]);

  // A value from outside (an example, the URL) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(errorAt) });
  }, [errorAt]);

  return <div className="filter-editor" ref={host} />;
}
