// Which engine events the charts mark on their time axis (faults and elections), and their colours.
import type { HistoryMarker } from '../../../shared/groups-history-types';
import type { MessageId } from '../i18n/messages';

export type MarkerKind = HistoryMarker['kind'];

export const MARKER_LABEL: Record<MarkerKind, MessageId> = {
  kill: 'charts.marker.kill',
  pause: 'charts.marker.pause',
  resume: 'charts.marker.resume',
  isolate: 'charts.marker.isolate',
  heal: 'charts.marker.heal',
  cut: 'charts.marker.cut',
  'power-loss': 'charts.marker.powerLoss',
  stop: 'charts.marker.stop',
  start: 'charts.marker.start',
  restart: 'charts.marker.restart',
  latency: 'charts.marker.latency',
  'leader-change': 'charts.marker.leaderChange',
  'broker-fenced': 'charts.marker.brokerFenced',
  rebalance: 'charts.marker.rebalance',
  other: 'charts.marker.other',
};

export const MARKER_COLOUR: Record<MarkerKind, string> = {
  kill: 'var(--bad)',
  pause: 'var(--warn)',
  resume: 'var(--ok)',
  isolate: 'var(--isolated)',
  heal: 'var(--ok)',
  cut: 'var(--isolated)',
  'power-loss': 'var(--power)',
  stop: 'var(--off)',
  start: 'var(--ok)',
  restart: 'var(--busy)',
  latency: 'var(--warn)',
  'leader-change': 'var(--leader)',
  'broker-fenced': 'var(--bad)',
  rebalance: 'var(--busy)',
  other: 'var(--muted)',
};

/** The kinds present, in a stable order, for a chart's legend. */
export function markerKinds(markers: readonly HistoryMarker[]): MarkerKind[] {
  const order = Object.keys(MARKER_LABEL) as MarkerKind[];
  const seen = new Set(markers.map((m) => m.kind));
  return order.filter((k) => seen.has(k));
}
