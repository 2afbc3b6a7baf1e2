// Column builders for DataTable: text columns, and number columns right-aligned and formatted for
// people with the exact value in the tooltip. Nulls ("not known") sort first and show "—".
import type { ColumnDef, Row } from '@tanstack/react-table';
import type { JSX, ReactNode } from 'react';
import { formatBytes, formatCount, formatExact } from '../format';

export type NumberFormat = 'count' | 'exact' | 'bytes';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    numeric?: boolean;
  }
}

export function NumberText({ value, format = 'count', unknownText = 'not known' }: { value: number | null; format?: NumberFormat; unknownText?: string }): JSX.Element {
  if (value === null) {
    return (
      <span className="muted" title={unknownText}>
        —
      </span>
    );
  }
  const text = format === 'bytes' ? formatBytes(value) : format === 'exact' ? formatExact(value) : formatCount(value);
  const exact = format === 'bytes' ? `${formatExact(value)} bytes` : formatExact(value);
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

export function textColumn<T>(id: string, header: string, accessor: (row: T) => string, options: { size?: number; render?: (row: T) => ReactNode; filter?: boolean } = {}): ColumnDef<T> {
  return {
    id,
    header,
    accessorFn: accessor,
    size: options.size ?? 160,
    sortingFn: 'alphanumeric',
    enableGlobalFilter: options.filter ?? true,
    cell: (c) => (options.render ? options.render(c.row.original) : (c.getValue() as string)),
  };
}

/** A column for controls (actions): not sortable, not filterable. */
export function displayColumn<T>(id: string, header: string, render: (row: T) => ReactNode, size = 200): ColumnDef<T> {
  return { id, header, size, enableSorting: false, enableGlobalFilter: false, cell: (c) => render(c.row.original) };
}
