// A decoded JSON (or MessagePack, __consumer_offsets…) value as a foldable tree: objects and arrays
// are <details> (keyboard-operable, no script), leaves are shown as JSON writes them.
import type { JSX } from 'react';
import { useFmt } from '../i18n/I18nProvider';

function Leaf({ value }: { value: unknown }): JSX.Element {
  const kind = value === null ? 'null' : typeof value;
  return <span className={`json-${kind}`}>{JSON.stringify(value)}</span>;
}

function Node({ name, value, depth }: { name: string | null; value: unknown; depth: number }): JSX.Element {
  const { t } = useFmt();
  const label = name !== null && <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <li>
        {label}
        <Leaf value={value} />
      </li>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const summary = Array.isArray(value) ? t('json.items', { count: entries.length }) : t('json.keys', { count: entries.length });
  return (
    <li>
      <details open={depth < 3}>
        <summary>
          {label}
          <span className="muted">{summary}</span>
        </summary>
        <ul className="json-tree">
          {entries.map(([k, v]) => (
            <Node key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function JsonTree({ value, label }: { value: unknown; label: string }): JSX.Element {
  return (
    <ul className="json-tree json-root" aria-label={label}>
      <Node name={null} value={value} depth={0} />
    </ul>
  );
}
