// The records of a read: partition, offset, timestamp, key, value preview, size — virtualized by
// DataTable. The offset opens the record's detail drawer.
import { useMemo, type JSX, type ReactNode } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { DecodedField, MessageRecord } from '../../../shared/messages-types';
import { numberColumn, textColumn } from '../data-table/columns';
import { DataTable } from '../data-table/DataTable';
import { useRouteTableState } from '../data-table/useRouteTableState';
import { formatDateTime, formatRecordTime } from '../format';
import { useFmt } from '../i18n/I18nProvider';
import { preview } from './bytes';
import { recordId } from './view-state';

/** The tick box of a row (export and replay take the ticked rows). */
function selectColumn(header: string, isChecked: (r: MessageRecord) => boolean, onCheck: (r: MessageRecord, on: boolean) => void, label: (r: MessageRecord) => string): ColumnDef<MessageRecord> {
  return {
    id: 'select',
    header,
    size: 70,
    enableSorting: false,
    cell: ({ row }) => <input type="checkbox" checked={isChecked(row.original)} aria-label={label(row.original)} onChange={(e) => onCheck(row.original, e.target.checked)} />,
  };
}

function fieldText(f: DecodedField | null): string {
  return f === null ? '' : preview(f.text);
}

export function RecordsTable({ label, rows, selected, onOpen, empty, toolbar, onScroll, checked, onCheck }: {
  label: string;
  rows: readonly MessageRecord[];
  selected: string | null;
  onOpen: (r: MessageRecord) => void;
  empty: ReactNode;
  toolbar?: ReactNode;
  onScroll?: (top: number) => void;
  /** Rows ticked for export or replay (recordId); with onCheck, a checkbox column leads. */
  checked?: ReadonlySet<string>;
  onCheck?: (r: MessageRecord, on: boolean) => void;
}): JSX.Element {
  const { t, locale } = useFmt();
  const table = useRouteTableState('rec', []);
  const columns = useMemo(
    (): ColumnDef<MessageRecord>[] => [
      ...(onCheck ? [selectColumn(t('messages.transfer.col.select'), (r) => checked?.has(recordId(r)) ?? false, onCheck, (r) => t('messages.transfer.select', { partition: r.partition, offset: r.offset }))] : []),
      numberColumn<MessageRecord>('partition', t('messages.col.partition'), (r) => r.partition, { format: 'exact', size: 90 }),
      numberColumn<MessageRecord>('offset', t('messages.col.offset'), (r) => r.offset, {
        format: 'id',
        size: 110,
        render: (v, r) => (
          <button type="button" className="link-button" aria-label={t('messages.open', { partition: r.partition, offset: r.offset })} onClick={() => onOpen(r)}>
            {v}
          </button>
        ),
      }),
      numberColumn<MessageRecord>('timestamp', t('messages.col.timestamp'), (r) => r.timestamp, {
        size: 130,
        render: (v) => (v === null ? null : <span title={formatDateTime(v, locale)}>{formatRecordTime(v, Date.now(), locale)}</span>),
      }),
      textColumn<MessageRecord>('key', t('messages.col.key'), (r) => fieldText(r.key), {
        size: 160,
        render: (r) => (r.key === null ? <span className="muted">{t('messages.noKey')}</span> : <span className="cell-preview" title={fieldText(r.key)} data-truncate="">{fieldText(r.key)}</span>),
      }),
      textColumn<MessageRecord>('value', t('messages.col.value'), (r) => fieldText(r.value), {
        size: 380,
        render: (r) => (r.value === null ? <span className="muted">{t('messages.tombstone')}</span> : <span className="cell-preview" title={fieldText(r.value)} data-truncate="">{fieldText(r.value)}</span>),
      }),
      numberColumn<MessageRecord>('size', t('messages.col.size'), (r) => Math.max(0, r.keySize) + Math.max(0, r.valueSize) + r.headersSize, { format: 'bytes', size: 90 }),
    ],
    [t, locale, onOpen, checked, onCheck],
  );
  return (
    <DataTable
      label={label}
      data={rows}
      columns={columns}
      getRowId={recordId}
      sorting={table.sorting}
      onSortingChange={table.onSortingChange}
      filter={table.filter}
      onFilterChange={table.onFilterChange}
      filterLabel={t('messages.filter')}
      toolbar={toolbar}
      empty={empty}
      rowClassName={(r) => (recordId(r) === selected ? 'row-selected' : undefined)}
      onScroll={onScroll}
    />
  );
}
