// Turns the engine's labelled series into the rows recharts draws: one row per sample time, one
// field per line, so every line of a chart shares the same x values.
import type { HistoryPoint } from '../../../shared/groups-history-types';

export interface ChartLine {
  key: string;
  label: string;
  points: readonly HistoryPoint[];
}

export type ChartRow = { at: number } & Record<string, number | null>;

export function rowsOf(lines: readonly ChartLine[]): ChartRow[] {
  const byAt = new Map<number, ChartRow>();
  for (const line of lines) {
    for (const p of line.points) {
      let row = byAt.get(p.at);
      if (!row) {
        row = { at: p.at } as ChartRow;
        byAt.set(p.at, row);
      }
      row[line.key] = p.value;
    }
  }
  return [...byAt.values()].sort((a, b) => a.at - b.at);
}

/** Colours that read on both themes; a line keeps its colour by its position in the chart. */
export const LINE_COLOURS = ['#1d6fe0', '#e0701d', '#16a06a', '#c0398a', '#8a5cf0', '#b59a00', '#0e9bb0', '#d2423b', '#6b7a8f', '#5aa02c'];
