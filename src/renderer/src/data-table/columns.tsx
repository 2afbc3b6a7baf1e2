// Column builders for DataTable: text columns, and number columns right-aligned and formatted for
// people with the exact value in the tooltip. Nulls ("not known") sort first and show "—".
import type { ColumnDef, Row } from '@tanstack/react-table';
import type { JSX, ReactNode } from 'react';
import { formatBytes, formatCount, formatExact } from '../format';
import { useFmt } from '../i18n/I18nProvider';

/** count: 1.2K; exact: 1,234; bytes: 1.2 MB; id: an identifier's digits as they are (a pid, 4194304). */
export type NumberFormat = 'count' | 'exact' | 'bytes' | 'id';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    numeric?: boolean;
    wrap?: boolean;
  }
}

export function NumberText({ value, format = 'count', unknownText }: { value: number | null; format?: NumberFormat; unknownText?: string }): JSX.Element {
  const { t, locale } = useFmt();
  if (value === null) {
    return (
      <span className="muted" title={unknownText ?? t('table.unknown')}>
        —
      </span>
    );
  }
  if (format === 'id') return <span>{String(value)}</span>;
  const text = format === 'bytes' ? formatBytes(value, locale) : format === 'exact' ? formatExact(value, locale) : formatCount(value, locale);
  const exact = format === 'bytes' ? t('table.exactBytes', { bytes: value }) : formatExact(value, locale);
  return <span title={exact}>{text}</span>;
}

function nullsFirst<T>(a: Row<T>, b: Row<T>, id: string): number {
  const x = a.getValue<number | null>(id);
  const y = b.getValue<number | null>(id);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x - y;
}

export interface NumberColumnOptions<T> {
  format?: NumberFormat;
  size?: number;
  /** Replaces the default rendering (still right-aligned). */
  render?: (value: number | null, row: T) => ReactNode;
  unknownText?: string;
}

export function numberColumn<T>(id: string, header: string, accessor: (row: T) => number | null, options: NumberColumnOptions<T> = {}): ColumnDef<T> {
  return {
    id,
    header,
    accessorFn: accessor,
    size: options.size ?? 110,
    sortingFn: nullsFirst,
    // Numbers are not what people type in a filter box; names are.
    enableGlobalFilter: false,
    meta: { numeric: true },
    cell: (c) => {
      const v = c.getValue() as number | null;
      return options.render ? options.render(v, c.row.original) : <NumberText value={v} format={options.format} unknownText={options.unknownText} />;
    },
  };
}

export function textColumn<T>(
  id: string,
  header: string,
  accessor: (row: T) => string,
  options: { size?: number; render?: (row: T) => ReactNode; filter?: boolean; /** Long values wrap onto more lines instead of being cut. */ wrap?: boolean } = {},
): ColumnDef<T> {
  return {
    id,
    header,
    accessorFn: accessor,
    size: options.size ?? 160,
    sortingFn: 'alphanumeric',
    enableGlobalFilter: options.filter ?? true,
    meta: options.wrap ? { wrap: true } : undefined,
    cell: (c) => (options.render ? options.render(c.row.original) : (c.getValue() as string)),
  };
}

/** A column for controls (actions): not sortable, not filterable. */
export function displayColumn<T>(id: string, header: string, render: (row: T) => ReactNode, size = 200): ColumnDef<T> {
  return { id, header, size, enableSorting: false, enableGlobalFilter: false, cell: (c) => render(c.row.original) };
}
