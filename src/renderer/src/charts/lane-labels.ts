// Which broker-lane runs have room for their label (issue 13 §3): a broker killed and restarted
// within seconds leaves runs a few pixels wide, whose words would be cut to a letter or run into
// the next run's. A run shows its icon and word where both fit, the icon alone where only it fits,
// and nothing where neither does; every run keeps its state and span in its tooltip and for screen
// readers.

export type LaneLabel = 'full' | 'icon' | 'none';

/** The run's horizontal padding (4 px a side) and the gap between icon and word, as styles.css sets them. */
const PADDING_PX = 8;
const GAP_PX = 3;
/** Room an icon (one emoji-width glyph at 11 px) needs. */
export const ICON_PX = 14;

export function laneLabel(runPx: number, wordPx: number): LaneLabel {
  if (runPx >= PADDING_PX + ICON_PX + GAP_PX + wordPx) return 'full';
  if (runPx >= PADDING_PX + ICON_PX) return 'icon';
  return 'none';
}

/** A run's width in pixels on a track `trackPx` wide, from its share of the window (0–100). */
export function runPixels(fromPct: number, toPct: number, trackPx: number): number {
  return Math.max(0, ((toPct - fromPct) / 100) * trackPx);
}
