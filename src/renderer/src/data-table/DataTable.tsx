// The one table of the console (TanStack Table): sortable headers, a filter box, resizable columns
// (mouse and keyboard), and virtualized rows so 100,000 rows scroll smoothly. Sort and filter are
// controlled by the caller, usually bound to the route with useRouteTableState.
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type Header,
  type OnChangeFn,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import { useFmt } from '../i18n/I18nProvider';

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  data: readonly T[];
  columns: ColumnDef<T>[];
  getRowId: (row: T) => string;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  /** With onFilterChange, shows a filter box matching text columns. */
  filter?: string;
  onFilterChange?: (q: string) => void;
  filterLabel?: string;
  /** Shown instead of the table when `data` is empty. */
  empty: ReactNode;
  /** Controls shown beside the filter box. */
  toolbar?: ReactNode;
  rowHeight?: number;
  rowClassName?: (row: T) => string | undefined;
  /** The rows' scroll position (a live tail pauses while the user scrolls away from the top). */
  onScroll?: (scrollTop: number) => void;
}

const RESIZE_STEP = 16;

/**
 * Calls a column's cell function rather than mounting it as a component (what flexRender does):
 * the column definitions are rebuilt when their data changes, and a new function as a component
 * type would remount the cell's subtree each time — closing an open menu under the pointer.
 */
function renderCell<C>(cell: ((ctx: C) => ReactNode) | string | undefined, ctx: C): ReactNode {
  return typeof cell === 'function' ? cell(ctx) : cell;
}

function SortIcon({ dir }: { dir: false | 'asc' | 'desc' }): JSX.Element {
  return (
    <span className={`sort-icon${dir ? ' active' : ''}`} aria-hidden="true">
      {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
    </span>
  );
}

function HeaderCell<T>({ header, onResizeKey }: { header: Header<T, unknown>; onResizeKey: (e: KeyboardEvent, h: Header<T, unknown>) => void }): JSX.Element {
  const { t } = useFmt();
  const col = header.column;
  const sorted = col.getIsSorted();
  const title = flexRender(col.columnDef.header, header.getContext());
  const name = typeof col.columnDef.header === 'string' ? col.columnDef.header : col.id;
  return (
    <th
      scope="col"
      style={{ width: header.getSize() }}
      className={col.columnDef.meta?.numeric ? 'numeric' : undefined}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : col.getCanSort() ? 'none' : undefined}
    >
      {col.getCanSort() ? (
        <button type="button" className="th-sort" onClick={col.getToggleSortingHandler()} title={t('table.sortBy', { column: name })}>
          <span className="th-label">{title}</span>
          <SortIcon dir={sorted} />
        </button>
      ) : (
        <span className="th-label">{title}</span>
      )}
      {col.getCanResize() && (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label={t('table.resize', { column: name })}
          aria-valuenow={header.getSize()}
          aria-valuemin={col.columnDef.minSize ?? 40}
          tabIndex={0}
          className={`resizer${col.getIsResizing() ? ' resizing' : ''}`}
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => col.resetSize()}
          onKeyDown={(e) => onResizeKey(e, header)}
        />
      )}
    </th>
  );
}

export function DataTable<T>(props: DataTableProps<T>): JSX.Element {
  const { label, data, columns, getRowId, sorting, onSortingChange, filter, onFilterChange, empty, toolbar, rowHeight = 36, rowClassName, onScroll } = props;
  const { t } = useFmt();
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const scrollRef = useRef<HTMLDivElement>(null);

  const table = useReactTable<T>({
    data: data as T[],
    columns,
    getRowId,
    state: { sorting, globalFilter: filter ?? '', columnSizing },
    onSortingChange,
    onColumnSizingChange: setColumnSizing,
    columnResizeMode: 'onChange',
    enableMultiSort: true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: 'includesString',
    defaultColumn: { minSize: 40 },
  });

  const rows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const visibleColumns = table.getVisibleLeafColumns().length;

  const onResizeKey = (e: KeyboardEvent, h: Header<T, unknown>): void => {
    const delta = e.key === 'ArrowRight' ? RESIZE_STEP : e.key === 'ArrowLeft' ? -RESIZE_STEP : 0;
    if (!delta) return;
    e.preventDefault();
    const min = h.column.columnDef.minSize ?? 40;
    setColumnSizing((s) => ({ ...s, [h.column.id]: Math.max(min, h.getSize() + delta) }));
  };

  const filterBox = onFilterChange && (
    <input
      type="search"
      className="filter"
      placeholder={props.filterLabel ?? t('table.filter')}
      aria-label={props.filterLabel ?? t('table.filter')}
      value={filter ?? ''}
      onChange={(e) => onFilterChange(e.target.value)}
    />
  );

  if (data.length === 0) {
    return (
      <div className="data-table">
        {(toolbar || filterBox) && (
          <div className="table-toolbar">
            {filterBox}
            {toolbar}
          </div>
        )}
        {empty}
      </div>
    );
  }

  return (
    <div className="data-table">
      {(toolbar || filterBox) && (
        <div className="table-toolbar">
          {filterBox}
          {toolbar}
          <span className="row-count" aria-live="polite">
            {rows.length === data.length ? t('table.rows', { count: data.length }) : t('table.rowsOf', { shown: rows.length, count: data.length })}
          </span>
        </div>
      )}
      <div className="table-scroll" ref={scrollRef} onScroll={onScroll && ((e) => onScroll(e.currentTarget.scrollTop))}>
        <table aria-label={label} aria-rowcount={rows.length + 1} style={{ minWidth: table.getTotalSize() }}>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <HeaderCell key={h.id} header={h} onResizeKey={onResizeKey} />
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={visibleColumns} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <tr key={row.id} aria-rowindex={item.index + 2} className={rowClassName?.(row.original)} style={{ height: rowHeight }}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={[cell.column.columnDef.meta?.numeric ? 'numeric' : '', cell.column.columnDef.meta?.wrap ? 'wrap' : ''].join(' ').trim() || undefined}>
                      {renderCell(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={visibleColumns} style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {rows.length === 0 && (
          <div className="state state-empty" role="status">
            <p className="state-title">{t('table.noMatch', { filter: filter ?? '' })}</p>
            {onFilterChange && (
              <button type="button" className="btn" onClick={() => onFilterChange('')}>
                {t('table.clearFilter')}
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
