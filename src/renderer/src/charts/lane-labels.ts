// Which broker-lane runs have room for their label (issue 13 §3): a broker killed and restarted
// within seconds leaves runs a few pixels wide, whose words would be cut to a letter or run into
// the next run's. A run shows its icon and word where both fit, the icon alone where only it fits,
// and nothing where neither does; every run keeps its state and span in its tooltip and for screen
// readers.

export type LaneLabel = 'full' | 'icon' | 'none';

/**
 * The run's horizontal padding (4 px a side) and the gap between icon and word, as styles.css sets
 * them, plus 3 px for the run's border and sub-pixel rounding: a word that would touch the edge is
 * as good as cut.
 */
const PADDING_PX = 11;
const GAP_PX = 3;
/** Room an icon needs when it cannot be measured (one emoji-width glyph at 11 px). */
export const ICON_PX = 14;

/** `iconPx` and `wordPx`: the measured widths of the state's icon and word in the lane font. */
export function laneLabel(runPx: number, wordPx: number, iconPx = ICON_PX): LaneLabel {
  if (runPx >= PADDING_PX + iconPx + GAP_PX + wordPx) return 'full';
  if (runPx >= PADDING_PX + iconPx) return 'icon';
  return 'none';
}

/** A run's width in pixels on a track `trackPx` wide, from its share of the window (0–100). */
export function runPixels(fromPct: number, toPct: number, trackPx: number): number {
  return Math.max(0, ((toPct - fromPct) / 100) * trackPx);
}
