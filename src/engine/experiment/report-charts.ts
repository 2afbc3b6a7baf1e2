// Inline SVG charts for the report page: one shared time axis, fault steps drawn as vertical
// markers across every chart, so throughput, errors, ISR sizes and lag read against the faults.
import type { ExperimentReport } from '../../shared/experiment-types';

const WIDTH = 900;
const HEIGHT = 120;
const LEFT = 48;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 22;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Line {
  label: string;
  color: string;
  points: Array<[number, number]>;
}

function chart(title: string, lines: Line[], endMs: number, faults: ExperimentReport['fired'], windows: Array<{ fromMs: number; toMs: number }> = []): string {
  const maxY = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p[1])));
  const x = (ms: number): number => LEFT + ((WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(ms, endMs))) / Math.max(1, endMs);
  const y = (v: number): number => TOP + (HEIGHT - TOP - BOTTOM) * (1 - v / maxY);
  const parts: string[] = [];
  parts.push(`<rect x="${LEFT}" y="${TOP}" width="${WIDTH - LEFT - RIGHT}" height="${HEIGHT - TOP - BOTTOM}" fill="#fafafa" stroke="#ddd"/>`);
  for (const w of windows) parts.push(`<rect class="unavailable" x="${x(w.fromMs).toFixed(1)}" y="${TOP}" width="${Math.max(1, x(w.toMs) - x(w.fromMs)).toFixed(1)}" height="${HEIGHT - TOP - BOTTOM}" fill="#fde2e2"/>`);
  for (const tick of [0, 0.5, 1]) {
    const v = maxY * tick;
    parts.push(`<text x="${LEFT - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="10" fill="#666">${maxY < 10 ? Number(v.toFixed(1)) : Math.round(v)}</text>`);
  }
  const step = endMs > 60_000 ? 10_000 : endMs > 20_000 ? 5_000 : 1_000;
  for (let t = 0; t <= endMs; t += step) parts.push(`<text x="${x(t).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="middle" font-size="10" fill="#666">${t / 1000}s</text>`);
  for (const f of faults) {
    parts.push(`<line class="fault" x1="${x(f.atMs).toFixed(1)}" x2="${x(f.atMs).toFixed(1)}" y1="${TOP}" y2="${HEIGHT - BOTTOM}" stroke="${f.outcome === 'applied' ? '#c0392b' : '#999'}" stroke-dasharray="3 2"><title>${escapeHtml(`${(f.atMs / 1000).toFixed(1)}s ${f.step}: ${f.detail}`)}</title></line>`);
  }
  for (const l of lines) {
    if (l.points.length === 0) continue;
    const d = l.points.map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    parts.push(`<path class="series" d="${d}" fill="none" stroke="${l.color}" stroke-width="1.5"><title>${escapeHtml(l.label)}</title></path>`);
  }
  const legend = lines.map((l) => `<span class="legend"><i style="background:${l.color}"></i>${escapeHtml(l.label)}</span>`).join(' ');
  return `<figure><figcaption>${escapeHtml(title)} ${legend}</figcaption><svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg></figure>`;
}

/** Faults on a timeline, one row per step, labelled. */
function timeline(report: ExperimentReport, endMs: number): string {
  const rowH = 18;
  const h = TOP + rowH * Math.max(1, report.fired.length) + BOTTOM;
  const x = (ms: number): number => LEFT + ((WIDTH - LEFT - RIGHT) * Math.max(0, Math.min(ms, endMs))) / Math.max(1, endMs);
  const rows = report.fired.map((f, i) => {
    const y = TOP + i * rowH + 12;
    const color = f.outcome === 'applied' ? '#c0392b' : '#999';
    const anchor = x(f.atMs) > WIDTH * 0.7 ? 'end' : 'start';
    const dx = anchor === 'end' ? -8 : 8;
    return `<circle cx="${x(f.atMs).toFixed(1)}" cy="${y - 4}" r="4" fill="${color}"/><text x="${(x(f.atMs) + dx).toFixed(1)}" y="${y}" font-size="11" text-anchor="${anchor}">${escapeHtml(`${(f.atMs / 1000).toFixed(1)}s ${f.step}${f.brokers.length ? ` → broker ${f.brokers[0]}` : ''}${f.outcome === 'failed' ? ` (failed: ${f.detail})` : ''}`)}</text>`;
  });
  const axis = `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${h - BOTTOM}" y2="${h - BOTTOM}" stroke="#bbb"/>`;
  return `<figure><figcaption>Faults</figcaption><svg role="img" aria-label="Fault timeline" viewBox="0 0 ${WIDTH} ${h}" width="100%" xmlns="http://www.w3.org/2000/svg">${axis}${rows.join('') || `<text x="${LEFT}" y="${TOP + 12}" font-size="11" fill="#666">No fault steps</text>`}</svg></figure>`;
}

export function reportCharts(report: ExperimentReport): string {
  const endMs = Math.max(report.durationMs, ...report.series.map((s) => s.atMs), 1);
  const pts = (f: (s: ExperimentReport['series'][number]) => number): Array<[number, number]> => report.series.map((s) => [s.atMs, f(s)]);
  return [
    timeline(report, endMs),
    chart('Acknowledged writes per second', [{ label: 'acks/s', color: '#2e86de', points: pts((s) => s.ackRate) }], endMs, report.fired, report.figures.unavailability),
    chart('Client errors per second', [{ label: 'errors/s', color: '#e67e22', points: pts((s) => s.errorRate) }], endMs, report.fired),
    chart('Smallest ISR of the plan\'s partitions', [{ label: 'min ISR', color: '#27ae60', points: pts((s) => s.minIsr) }], endMs, report.fired),
    chart('Consumer lag (records)', [{ label: 'lag', color: '#8e44ad', points: pts((s) => s.lag) }], endMs, report.fired),
  ].join('\n');
}
