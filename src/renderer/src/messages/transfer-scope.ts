// Which records an export or replay of the Messages page takes: the rows ticked in the table, the
// records the table shows, or the whole topic (the view's partitions, from the log start to its end).
import type { TransferSelection } from '../../../shared/messages-transfer-types';

export const TRANSFER_SCOPES = ['checked', 'shown', 'topic'] as const;
export type TransferScope = (typeof TRANSFER_SCOPES)[number];

function row(id: string): { partition: number; offset: number } {
  const [p, o] = id.split('/');
  return { partition: Number(p), offset: Number(o) };
}

export function transferSelection(scope: TransferScope, topic: string, partitions: readonly number[], shown: ReadonlyArray<{ partition: number; offset: number }>, checked: ReadonlySet<string>): TransferSelection {
  if (scope === 'checked') return { topic, rows: [...checked].map(row) };
  if (scope === 'shown') return { topic, rows: shown.map((r) => ({ partition: r.partition, offset: r.offset })) };
  return partitions.length > 0 ? { topic, partitions: [...partitions] } : { topic };
}

/** The scope a dialog opens with: the ticked rows when there are some, else what is shown. */
export function defaultScope(checked: number, shown: number): TransferScope {
  if (checked > 0) return 'checked';
  return shown > 0 ? 'shown' : 'topic';
}

/** The header names typed in the replay dialog (commas or new lines between them). */
export function headerNames(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0))];
}
